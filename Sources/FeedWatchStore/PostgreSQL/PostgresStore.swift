import FeedWatchConfiguration
import Foundation
import Synchronization

/// The state in a PostgreSQL database that several feedwatch instances share (`store:
/// postgresql://…`): each claims the feeds it polls with a lease, judges stories against every
/// instance's reports under one lock, and claims each alert in the database before writing it.
///
/// It talks to the server through libpq, PostgreSQL's own client library, synchronously, like
/// the SQLite backend: the store's callers already run on the poll's task and wait for each
/// answer, and libpq adds no event loop and nothing to the build.
public final class PostgresStore: StateStore {
    public let location: String
    /// Whether this store was opened for reading only (`status`, `stories`, `match`).
    public let readOnly: Bool
    /// One connection, used by one caller at a time (libpq connections are not thread-safe). A
    /// `Mutex` hands the non-Sendable connection to one thread at a time, and nothing keeps a
    /// reference to it outside a `withLock` body.
    private let connection: Mutex<PostgresConnection>

    /// Connects to the database at `url`, migrating it to this version (several instances may
    /// start at once). `password` (from `password_file:`) overrides any in the URL.
    public init(url: String, password: String? = nil) throws(StoreError) {
        let location = Self.redacted(url)
        let connection = try PostgresConnection(url: url, password: password, location: location)
        try PostgresSchema.migrate(connection)
        self.location = location
        readOnly = false
        self.connection = Mutex(connection)
    }

    /// Connects for reading only: the session refuses every write, and the schema is not
    /// migrated (a database an older feedwatch wrote is reported, not changed).
    public init(readingFrom url: String, password: String? = nil) throws(StoreError) {
        let location = Self.redacted(url)
        let connection = try PostgresConnection(url: url, password: password, location: location, readOnly: true)
        try PostgresSchema.checkCurrent(connection)
        self.location = location
        readOnly = true
        self.connection = Mutex(connection)
    }

    /// The address as messages show it: the password, if the URL has one, replaced by `***`.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.host != nil || components.user != nil else {
            return "(the PostgreSQL address configured in store)"
        }
        if components.password != nil { components.password = "***" }
        components.queryItems = components.queryItems?.map { item in
            item.name.lowercased() == "password" ? URLQueryItem(name: item.name, value: "***") : item
        }
        return components.string ?? "(the PostgreSQL address configured in store)"
    }

    /// Runs `body` with the connection, one caller at a time.
    func run<T: Sendable>(_ body: (PostgresConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try connection.withLock { (connection: inout PostgresConnection) throws(StoreError) -> T in
            try body(connection)
        }
    }

    public func feedStates(_ urls: [String]) throws(StoreError) -> [String: FeedState] {
        guard !urls.isEmpty else { return [:] }
        return try run { connection throws(StoreError) in
            let rows = try connection.execute("SELECT \(Self.feedColumns) FROM feed WHERE url = ANY($1::text[])", [.textArray(urls)])
            var states: [String: FeedState] = [:]
            for row in 0..<rows.count {
                let state = Self.feedState(rows, row)
                states[state.url] = state
            }
            return states
        }
    }

    static let feedColumns = """
        url, etag, last_modified, last_attempt_at, last_success_at, last_error, consecutive_failures, moved_to, \
        retired_at, interval_floor, last_read_at
        """

    /// A row of `feedColumns` from column `first` on.
    static func feedState(_ rows: PostgresRows, _ row: Int, from first: Int = 0) -> FeedState {
        func date(_ column: Int) -> Date? { rows.double(row, first + column).map(Date.init(timeIntervalSince1970:)) }
        return FeedState(
            url: rows.string(row, first) ?? "", etag: rows.string(row, first + 1), lastModified: rows.string(row, first + 2),
            lastAttemptAt: date(3), lastSuccessAt: date(4), lastError: rows.string(row, first + 5),
            consecutiveFailures: rows.int(row, first + 6) ?? 0, movedTo: rows.string(row, first + 7), retiredAt: date(8),
            intervalFloor: rows.double(row, first + 9).map { .seconds($0) }, lastReadAt: date(10))
    }

    public func seenKeys(feedURL: String, among keys: [String]) throws(StoreError) -> [String: Date] {
        guard !keys.isEmpty else { return [:] }
        return try run { connection throws(StoreError) in
            let rows = try connection.execute("""
                SELECT item_key, COALESCE(last_seen_at, first_seen_at) FROM seen_item
                WHERE feed_url = $1 AND item_key = ANY($2::text[])
                """, [.text(feedURL), .textArray(keys)])
            var seen: [String: Date] = [:]
            for row in 0..<rows.count {
                if let key = rows.string(row, 0), let date = rows.double(row, 1) { seen[key] = Date(timeIntervalSince1970: date) }
            }
            return seen
        }
    }

    public func hostWaits(after now: Date) throws(StoreError) -> [String: Date] {
        try run { connection throws(StoreError) in
            let rows = try connection.execute("SELECT host, until FROM host_wait WHERE until > $1", [.double(now.timeIntervalSince1970)])
            var waits: [String: Date] = [:]
            for row in 0..<rows.count {
                if let host = rows.string(row, 0), let until = rows.double(row, 1) { waits[host] = Date(timeIntervalSince1970: until) }
            }
            return waits
        }
    }

    public func feedSummaries() throws(StoreError) -> [FeedSummary] {
        try run { connection throws(StoreError) in
            let rows = try connection.execute("""
                SELECT (SELECT COUNT(*) FROM seen_item s WHERE s.feed_url = f.url),
                       (SELECT COUNT(*) FROM story t WHERE t.feed_url = f.url AND t.kind = 'alert'),
                       \(Self.feedColumns.split(separator: ",").map { "f." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                FROM feed f WHERE f.last_attempt_at IS NOT NULL ORDER BY f.url
                """)
            return (0..<rows.count).map { row in
                FeedSummary(state: Self.feedState(rows, row, from: 2), itemsSeen: rows.int(row, 0) ?? 0, alerts: rows.int(row, 1) ?? 0)
            }
        }
    }

    public func alertCount(since: Date) throws(StoreError) -> Int {
        try run { connection throws(StoreError) in
            try connection.execute("SELECT COUNT(*) FROM story WHERE alerted_at >= $1 AND kind = 'alert'",
                                   [.double(since.timeIntervalSince1970)]).int(0, 0) ?? 0
        }
    }
}
