import Foundation
import GRDB
import StoryMatching

/// What the store remembers about one feed between polls.
public struct FeedState: Sendable, Equatable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    public var lastError: String?
    public var consecutiveFailures: Int
    /// Where the feed lives now, after a permanent redirect (301/308) or autodiscovery.
    public var movedTo: String?
    /// When the server said the feed is gone (410); no more polls until the config or the user
    /// says otherwise.
    public var retiredAt: Date?

    public init(url: String, etag: String? = nil, lastModified: String? = nil, lastAttemptAt: Date? = nil,
                lastSuccessAt: Date? = nil, lastError: String? = nil, consecutiveFailures: Int = 0,
                movedTo: String? = nil, retiredAt: Date? = nil) {
        self.movedTo = movedTo
        self.retiredAt = retiredAt
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.lastAttemptAt = lastAttemptAt
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
    }
}

/// A story that was alerted, kept so later copies from other outlets are recognised.
public struct StoredStory: Sendable, Equatable {
    /// Assigned by the duplicate detector before the story is stored.
    public var id: Int64
    public var feedURL: String
    public var link: String?
    public var title: String?
    public var alertedAt: Date
    public var fingerprint: Fingerprint

    public init(id: Int64, feedURL: String, link: String?, title: String?, alertedAt: Date, fingerprint: Fingerprint) {
        self.id = id
        self.feedURL = feedURL
        self.link = link
        self.title = title
        self.alertedAt = alertedAt
        self.fingerprint = fingerprint
    }
}

/// Everything one poll cycle learned, written in a single transaction after its alerts are out.
public struct CycleChanges: Sendable {
    public var feeds: [FeedState] = []
    public var seen: [(feedURL: String, key: String)] = []
    public var stories: [StoredStory] = []
    /// `Retry-After` deadlines by host:port.
    public var hostWaits: [String: Date] = [:]

    public init() {}

    public var isEmpty: Bool { feeds.isEmpty && seen.isEmpty && stories.isEmpty && hostWaits.isEmpty }
}

/// Why the state database could not be used.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "state database \(path): \(message)" }
}

/// feedwatch's memory in SQLite (WAL): per-feed validators and results, the items seen in each
/// feed, and the fingerprints of alerted stories. A cycle's changes commit atomically, so a crash
/// leaves either the state before the cycle (and its alerts are repeated) or the state after it.
public struct StateStore: Sendable {
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating if needed) `feedwatch.sqlite` in `directory`.
    public init(directory: String) throws(StoreError) {
        let path = URL(fileURLWithPath: directory).appendingPathComponent("feedwatch.sqlite").path
        self.path = path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(path: path, message: "cannot create the state folder \(directory) (\(ConfigLoader.reason(error))); set state_dir or --state-dir to a writable folder")
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.label = "feedwatch-state"
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw StoreError(path: path, message: "cannot be opened (\(error)); if it is damaged, move it aside and feedwatch starts with empty state")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE feed (
                    url TEXT PRIMARY KEY NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    last_attempt_at REAL,
                    last_success_at REAL,
                    last_error TEXT,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE seen_item (
                    feed_url TEXT NOT NULL,
                    item_key TEXT NOT NULL,
                    first_seen_at REAL NOT NULL,
                    PRIMARY KEY (feed_url, item_key)
                ) WITHOUT ROWID;
                CREATE TABLE story (
                    id INTEGER PRIMARY KEY,
                    feed_url TEXT NOT NULL,
                    link TEXT,
                    title TEXT,
                    alerted_at REAL NOT NULL,
                    fingerprint BLOB NOT NULL
                );
                CREATE INDEX story_alerted_at ON story(alerted_at);
                """)
        }
        migrator.registerMigration("v2: feed lifecycle") { db in
            try db.execute(sql: """
                ALTER TABLE feed ADD COLUMN moved_to TEXT;
                ALTER TABLE feed ADD COLUMN retired_at REAL;
                CREATE TABLE host_wait (host TEXT PRIMARY KEY NOT NULL, until REAL NOT NULL);
                """)
        }
        return migrator
    }

    /// The remembered state of each of `urls` (feeds never polled are absent).
    public func feedStates(_ urls: [String]) throws(StoreError) -> [String: FeedState] {
        try read { db in
            var states: [String: FeedState] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM feed WHERE url IN (\(databaseQuestionMarks(count: urls.count)))",
                                        arguments: StatementArguments(urls))
            for row in rows {
                let state = FeedState(
                    url: row["url"], etag: row["etag"], lastModified: row["last_modified"],
                    lastAttemptAt: (row["last_attempt_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastSuccessAt: (row["last_success_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastError: row["last_error"], consecutiveFailures: row["consecutive_failures"],
                    movedTo: row["moved_to"], retiredAt: (row["retired_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
                states[state.url] = state
            }
            return states
        }
    }

    /// Which of `keys` were already seen in the feed at `feedURL`.
    public func seenKeys(feedURL: String, among keys: [String]) throws(StoreError) -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return try read { db in
            var seen = Set<String>()
            // SQLite limits bound parameters; ask in slices.
            var start = 0
            while start < keys.count {
                let slice = Array(keys[start..<min(keys.count, start + 500)])
                let found = try String.fetchAll(db, sql: """
                    SELECT item_key FROM seen_item WHERE feed_url = ? AND item_key IN (\(databaseQuestionMarks(count: slice.count)))
                    """, arguments: StatementArguments([feedURL] + slice))
                seen.formUnion(found)
                start += 500
            }
            return seen
        }
    }

    /// Stories alerted at or after `since`, oldest first.
    public func stories(since: Date) throws(StoreError) -> [StoredStory] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM story WHERE alerted_at >= ? ORDER BY alerted_at, id",
                             arguments: [since.timeIntervalSince1970]).map { row in
                StoredStory(id: row["id"], feedURL: row["feed_url"], link: row["link"], title: row["title"],
                            alertedAt: Date(timeIntervalSince1970: row["alerted_at"]),
                            fingerprint: Fingerprint(bytes: [UInt8]((row["fingerprint"] as Data?) ?? Data())))
            }
        }
    }

    /// Writes a cycle's changes in one transaction.
    public func commit(_ changes: CycleChanges, at now: Date) throws(StoreError) {
        guard !changes.isEmpty else { return }
        do {
            try pool.write { db in
                for feed in changes.feeds {
                    try db.execute(sql: """
                        INSERT INTO feed (url, etag, last_modified, last_attempt_at, last_success_at, last_error, consecutive_failures,
                                          moved_to, retired_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                            last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
                            last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures,
                            moved_to = excluded.moved_to, retired_at = excluded.retired_at
                        """, arguments: [feed.url, feed.etag, feed.lastModified,
                                         feed.lastAttemptAt?.timeIntervalSince1970, feed.lastSuccessAt?.timeIntervalSince1970,
                                         feed.lastError, feed.consecutiveFailures, feed.movedTo,
                                         feed.retiredAt?.timeIntervalSince1970])
                }
                for (host, until) in changes.hostWaits {
                    try db.execute(sql: "INSERT INTO host_wait (host, until) VALUES (?, ?) ON CONFLICT(host) DO UPDATE SET until = excluded.until",
                                   arguments: [host, until.timeIntervalSince1970])
                }
                let seenStatement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO seen_item (feed_url, item_key, first_seen_at) VALUES (?, ?, ?)")
                for entry in changes.seen {
                    try seenStatement.execute(arguments: [entry.feedURL, entry.key, now.timeIntervalSince1970])
                }
                for story in changes.stories {
                    try db.execute(sql: "INSERT INTO story (id, feed_url, link, title, alerted_at, fingerprint) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [story.id, story.feedURL, story.link, story.title, story.alertedAt.timeIntervalSince1970,
                                               Data(story.fingerprint.bytes)])
                }
            }
        } catch {
            throw StoreError(path: path, message: "could not save the poll's results (\(error)); they will be processed again next poll")
        }
    }

    /// Per-feed counters for `feedwatch status`.
    public struct FeedSummary: Sendable {
        public var state: FeedState
        public var itemsSeen: Int
        public var alerts: Int
    }

    /// Every feed the store knows, with its item and alert counts.
    public func feedSummaries() throws(StoreError) -> [FeedSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.*, (SELECT COUNT(*) FROM seen_item s WHERE s.feed_url = f.url) AS seen,
                       (SELECT COUNT(*) FROM story t WHERE t.feed_url = f.url) AS alerts
                FROM feed f ORDER BY f.url
                """).map { row in
                FeedSummary(
                    state: FeedState(
                        url: row["url"], etag: row["etag"], lastModified: row["last_modified"],
                        lastAttemptAt: (row["last_attempt_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                        lastSuccessAt: (row["last_success_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                        lastError: row["last_error"], consecutiveFailures: row["consecutive_failures"],
                    movedTo: row["moved_to"], retiredAt: (row["retired_at"] as Double?).map(Date.init(timeIntervalSince1970:))),
                    itemsSeen: row["seen"], alerts: row["alerts"])
            }
        }
    }

    /// How many stories were alerted at or after `since`.
    public func alertCount(since: Date) throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM story WHERE alerted_at >= ?", arguments: [since.timeIntervalSince1970]) ?? 0 }
    }

    /// Hosts (host:port) that asked not to be contacted before a time still to come.
    public func hostWaits(after now: Date) throws(StoreError) -> [String: Date] {
        try read { db in
            var waits: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT host, until FROM host_wait WHERE until > ?", arguments: [now.timeIntervalSince1970]) {
                waits[row["host"]] = Date(timeIntervalSince1970: row["until"])
            }
            return waits
        }
    }

    /// The highest story id used so far (0 when none).
    public func lastStoryID() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM story") ?? 0 }
    }

    /// How a stored story is named in `duplicate_of`: its link, else its title, else its feed.
    public func storyLabel(id: Int64) throws(StoreError) -> String? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT link, title, feed_url FROM story WHERE id = ?", arguments: [id]) else { return nil }
            let link: String? = row["link"]
            let title: String? = row["title"]
            return (link?.isEmpty == false ? link : nil) ?? title ?? row["feed_url"]
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError(path: path, message: "could not be read (\(error))")
        }
    }
}
