import FeedWatchConfiguration
import Foundation
import GRDB
import StoryMatching

/// The state in one SQLite file (WAL) in the state folder: the default backend, with nothing to
/// set up, for one instance on one host.
public struct SQLiteStore: StateStore {
    /// The database file.
    public let path: String
    public var location: String { path }
    private let database: any DatabaseReader
    /// Nil when opened read-only.
    let writer: (any DatabaseWriter)?

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
            try SQLiteSchema.migrator.migrate(pool)
            database = pool
            writer = pool
        } catch {
            throw StoreError(path: path, message: "cannot be opened (\(error)); if it is damaged, move it aside and feedwatch starts with empty state")
        }
    }

    /// Opens an existing state database for reading only (`match`, `status`, `stories`): nothing in
    /// the folder is created, changed or removed. Nil when the folder holds no database yet.
    public static func readOnly(directory: String) throws(StoreError) -> SQLiteStore? {
        let path = databasePath(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try SQLiteStore(readingFrom: path)
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
            let complete = try queue.read { db in try SQLiteSchema.migrator.hasCompletedMigrations(db) }
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

    public func commit(_ changes: CycleChanges, at now: Date, claim: AlertClaim,
                       judging: ([StoredReport]) -> [StoredReport]) throws(StoreError) -> [StoredReport] {
        var stored: [StoredReport] = []
        try write("could not save the poll's results; they will be processed again next poll") { db in
            let fresh = claim.after == .max ? [] : try Self.reports(db, after: claim.after, notBy: claim.instance)
            stored = judging(fresh)
            for index in stored.indices { stored[index].id = try Self.insert(stored[index], claim: claim, db: db) }
            try Self.write(changes, now: now, db: db)
        }
        return stored
    }

    /// Everything but the reports.
    private static func write(_ changes: CycleChanges, now: Date, db: Database) throws {
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
        try Self.add(changes.terms, day: StoreCalendar.day(now), db: db)
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
