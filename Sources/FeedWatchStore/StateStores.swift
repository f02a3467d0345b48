import FeedWatchConfiguration
import Foundation

/// The one place that turns the config's choice of store into an open store: the SQLite file in
/// `state_dir` by default, the PostgreSQL database of `store:` when it is set.
public enum StateStores {
    /// Opens the state for the daemon and `once`, creating and migrating it as needed.
    public static func open(_ config: FeedWatchConfig) throws(StoreError) -> any StateStore {
        guard let settings = config.store else { return try SQLiteStore(directory: config.stateDirectory) }
        return try PostgresStore(url: settings.url, password: try password(settings))
    }

    /// Opens the state for a read-only command (`status`, `stories`, `match`): nothing is created
    /// or changed. Nil when there is no state yet (no SQLite file in the state folder).
    public static func openReadOnly(_ config: FeedWatchConfig) throws(StoreError) -> (any StateStore)? {
        guard let settings = config.store else { return try SQLiteStore.readOnly(directory: config.stateDirectory) }
        return try PostgresStore(readingFrom: settings.url, password: try password(settings))
    }

    /// Where the state is, for messages.
    public static func location(_ config: FeedWatchConfig) -> String {
        config.store.map { PostgresStore.redacted($0.url) } ?? SQLiteStore.databasePath(in: config.stateDirectory)
    }

    /// This process's name in leases and claims: the config's `store.instance`, else host and pid.
    public static func instance(_ config: FeedWatchConfig, now: Date = Date()) -> InstanceRecord {
        var record = InstanceRecord.current(now: now)
        if let name = config.store?.instance { record.name = name }
        return record
    }

    private static func password(_ settings: StoreSettings) throws(StoreError) -> String? {
        guard let file = settings.passwordFile else { return nil }
        do {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return String(line.hasSuffix("\r") ? line.dropLast() : line)
        } catch {
            throw StoreError(path: PostgresStore.redacted(settings.url),
                             message: "cannot read store.password_file \(file) (\(ConfigLoader.reason(error)))")
        }
    }
}
