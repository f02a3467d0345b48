import FeedWatchConfiguration
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
    /// The least time between polls the feed asked for (`<ttl>`, `Cache-Control: max-age`), at
    /// most a day.
    public var intervalFloor: Duration?
    /// When the feed last answered with a document that parsed (not a 304, not a failure): only
    /// such a read can show that an item has left the feed, which retention waits for.
    public var lastReadAt: Date?

    public init(url: String, etag: String? = nil, lastModified: String? = nil, lastAttemptAt: Date? = nil,
                lastSuccessAt: Date? = nil, lastError: String? = nil, consecutiveFailures: Int = 0,
                movedTo: String? = nil, retiredAt: Date? = nil, intervalFloor: Duration? = nil, lastReadAt: Date? = nil) {
        self.intervalFloor = intervalFloor
        self.lastReadAt = lastReadAt
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

/// Whether a judged report started an event or joined one.
public enum ReportKind: String, Sendable {
    case alert, duplicate
}

/// A judged on-topic report (alerted, or a duplicate joined to an event), kept so later rewrites
/// by other outlets are recognised and so `feedwatch stories` can count each event's outlets.
public struct StoredReport: Sendable, Equatable {
    /// The database's row id (0 for a report not stored yet: the database assigns it, so two
    /// processes writing one state folder cannot collide).
    public var id: Int64
    public var feedURL: String
    public var link: String?
    public var title: String?
    /// When it was judged.
    public var judgedAt: Date
    public var kind: ReportKind
    /// The event's stable id (`story` in the log).
    public var event: String
    /// How the event's first report is named in `duplicate_of`: a seed file name or a link.
    public var eventLabel: String
    public var language: StoryLanguage
    /// Its publication date, else when it was first seen.
    public var eventDate: Date
    /// The date of its event's first report: later reports are compared at their distance from
    /// it, so an event cannot creep forward one rewrite at a time.
    public var eventStart: Date
    public var terms: StoryTerms

    public init(id: Int64 = 0, feedURL: String, link: String?, title: String?, judgedAt: Date, kind: ReportKind,
                event: String, eventLabel: String, language: StoryLanguage, eventDate: Date, eventStart: Date? = nil,
                terms: StoryTerms) {
        self.id = id
        self.feedURL = feedURL
        self.link = link
        self.title = title
        self.judgedAt = judgedAt
        self.kind = kind
        self.event = event
        self.eventLabel = eventLabel
        self.language = language
        self.eventDate = eventDate
        self.eventStart = eventStart ?? eventDate
        self.terms = terms
    }
}

/// Everything one poll cycle learned, written in a single transaction after its alerts are out.
public struct CycleChanges: Sendable {
    public var feeds: [FeedState] = []
    public var seen: [(feedURL: String, key: String)] = []
    /// Items seen before that their feed still carries, last confirmed over a day ago: their
    /// `last_seen_at` moves to now, so retention keeps them while the feed shows them.
    public var stillCarried: [(feedURL: String, key: String)] = []
    public var reports: [StoredReport] = []
    /// `Retry-After` deadlines by host:port.
    public var hostWaits: [String: Date] = [:]
    /// The terms of the poll's new items, for the term statistics.
    public var terms = TermBatch()

    public init() {}

    public var isEmpty: Bool {
        feeds.isEmpty && seen.isEmpty && stillCarried.isEmpty && reports.isEmpty && hostWaits.isEmpty && terms.isEmpty
    }
}

/// Why the state database could not be used.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "state database \(path): \(message)" }
}

/// feedwatch's memory in SQLite (WAL): per-feed validators and results, the items seen in each
/// feed, the reports judged on topic (with their event and identity terms) and the term
/// statistics. A cycle's changes commit atomically, so a crash leaves either the state before the
/// cycle (and its alerts are repeated) or the state after it.
public struct StateStore: Sendable {
    public let path: String
    private let database: any DatabaseReader
    /// Nil when opened read-only.
    private let writer: (any DatabaseWriter)?

    /// The database's file name in a state folder: the one place it is spelled (the README names it
    /// for people who back up or inspect the state).
    public static let databaseFileName = "feedwatch.sqlite"

    /// The database file in a state folder.
    public static func databasePath(in directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(databaseFileName).path
    }

    /// Opens (creating if needed) the database file (`databaseFileName`) in `directory`, migrating
    /// it to this version.
    public init(directory: String) throws(StoreError) {
        let path = Self.databasePath(in: directory)
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
            let pool = try DatabasePool(path: path, configuration: configuration)
            try StateSchema.migrator.migrate(pool)
            database = pool
            writer = pool
        } catch {
            throw StoreError(path: path, message: "cannot be opened (\(error)); if it is damaged, move it aside and feedwatch starts with empty state")
        }
    }

    /// Opens an existing state database for reading only (`match`, `status`, `stories`): nothing in
    /// the folder is created, changed or removed. Nil when the folder holds no database yet.
    public static func readOnly(directory: String) throws(StoreError) -> StateStore? {
        let path = databasePath(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try StateStore(readingFrom: path)
    }

    /// A database whose write-ahead log is gone (no daemon has it open) is read as immutable, so
    /// SQLite creates no -wal or -shm file beside it; one with a log is read through it, as
    /// SQLite must to see the daemon's latest commits, and its files already exist.
    private init(readingFrom path: String) throws(StoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            configuration.label = "feedwatch-state-readonly"
            var immutable: DatabaseQueue?
            if !FileManager.default.fileExists(atPath: path + "-wal") {
                // An SQLite built without URI support reads this as a file name that does not
                // exist; the plain read-only open below is then used.
                let uri = "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1"
                immutable = try? DatabaseQueue(path: uri, configuration: configuration)
            }
            let queue = try immutable ?? DatabaseQueue(path: path, configuration: configuration)
            let complete = try queue.read { db in try StateSchema.migrator.hasCompletedMigrations(db) }
            guard complete else {
                throw StoreError(path: path, message: "was written by an older feedwatch; run `feedwatch once` (or start the service) once to upgrade it")
            }
            database = queue
            writer = nil
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, message: "cannot be read (\(error))")
        }
    }

    /// The remembered state of each of `urls` (feeds never polled are absent).
    public func feedStates(_ urls: [String]) throws(StoreError) -> [String: FeedState] {
        try read { db in
            var states: [String: FeedState] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM feed WHERE url IN (\(databaseQuestionMarks(count: urls.count)))",
                                        arguments: StatementArguments(urls))
            for row in rows {
                let state = Self.feedState(row)
                states[state.url] = state
            }
            return states
        }
    }

    static func feedState(_ row: Row) -> FeedState {
        func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        return FeedState(
            url: row["url"], etag: row["etag"], lastModified: row["last_modified"],
            lastAttemptAt: date("last_attempt_at"), lastSuccessAt: date("last_success_at"),
            lastError: row["last_error"], consecutiveFailures: row["consecutive_failures"],
            movedTo: row["moved_to"], retiredAt: date("retired_at"),
            intervalFloor: (row["interval_floor"] as Double?).map { .seconds($0) }, lastReadAt: date("last_read_at"))
    }

    /// The `interval_floor` column: a duration as seconds in a REAL, read back by `.seconds(_:)`
    /// above. The store owns its columns' encoding rather than borrowing the scheduler's.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Which of `keys` were already seen in the feed at `feedURL`, with when the feed last
    /// showed each.
    public func seenKeys(feedURL: String, among keys: [String]) throws(StoreError) -> [String: Date] {
        guard !keys.isEmpty else { return [:] }
        return try read { db in
            var seen: [String: Date] = [:]
            // SQLite limits bound parameters; ask in slices.
            var start = 0
            while start < keys.count {
                let slice = Array(keys[start..<min(keys.count, start + 500)])
                let rows = try Row.fetchAll(db, sql: """
                    SELECT item_key, COALESCE(last_seen_at, first_seen_at) FROM seen_item
                    WHERE feed_url = ? AND item_key IN (\(databaseQuestionMarks(count: slice.count)))
                    """, arguments: StatementArguments([feedURL] + slice))
                for row in rows { seen[row[0]] = Date(timeIntervalSince1970: row[1]) }
                start += 500
            }
            return seen
        }
    }

    /// Writes a cycle's changes in one transaction.
    public func commit(_ changes: CycleChanges, at now: Date) throws(StoreError) {
        guard !changes.isEmpty else { return }
        try write("could not save the poll's results; they will be processed again next poll") { db in
            for feed in changes.feeds {
                try db.execute(sql: """
                    INSERT INTO feed (url, etag, last_modified, last_attempt_at, last_success_at, last_error, consecutive_failures,
                                      moved_to, retired_at, interval_floor, last_read_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                        last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
                        last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures,
                        moved_to = excluded.moved_to, retired_at = excluded.retired_at, interval_floor = excluded.interval_floor,
                        last_read_at = excluded.last_read_at
                    """, arguments: [feed.url, feed.etag, feed.lastModified,
                                     feed.lastAttemptAt?.timeIntervalSince1970, feed.lastSuccessAt?.timeIntervalSince1970,
                                     feed.lastError, feed.consecutiveFailures, feed.movedTo,
                                     feed.retiredAt?.timeIntervalSince1970, feed.intervalFloor.map(Self.seconds),
                                     feed.lastReadAt?.timeIntervalSince1970])
            }
            for (host, until) in changes.hostWaits {
                try db.execute(sql: "INSERT INTO host_wait (host, until) VALUES (?, ?) ON CONFLICT(host) DO UPDATE SET until = excluded.until",
                               arguments: [host, until.timeIntervalSince1970])
            }
            let seenStatement = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO seen_item (feed_url, item_key, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)
                """)
            for entry in changes.seen {
                try seenStatement.execute(arguments: [entry.feedURL, entry.key, now.timeIntervalSince1970, now.timeIntervalSince1970])
            }
            let touchStatement = try db.cachedStatement(sql: "UPDATE seen_item SET last_seen_at = ? WHERE feed_url = ? AND item_key = ?")
            for entry in changes.stillCarried {
                try touchStatement.execute(arguments: [now.timeIntervalSince1970, entry.feedURL, entry.key])
            }
            for report in changes.reports { try Self.insert(report, db: db) }
            try Self.add(changes.terms, day: Self.day(now), db: db)
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
                       (SELECT COUNT(*) FROM story t WHERE t.feed_url = f.url AND t.kind = 'alert') AS alerts
                FROM feed f ORDER BY f.url
                """).map { row in
                FeedSummary(state: Self.feedState(row), itemsSeen: row["seen"], alerts: row["alerts"])
            }
        }
    }

    /// How many stories were alerted at or after `since`.
    public func alertCount(since: Date) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM story WHERE alerted_at >= ? AND kind = 'alert'", arguments: [since.timeIntervalSince1970]) ?? 0
        }
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

    /// Runs `body` in a write transaction; `failure` says what could not be done, for the message.
    func write(_ failure: String, _ body: (Database) throws -> Void) throws(StoreError) {
        guard let writer else { throw StoreError(path: path, message: "is open read-only; \(failure)") }
        do {
            try writer.write(body)
        } catch {
            throw StoreError(path: path, message: "\(failure) (\(error))")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw StoreError(path: path, message: "could not be read (\(error))")
        }
    }
}
