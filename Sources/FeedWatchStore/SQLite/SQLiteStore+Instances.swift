import Foundation

/// One instance holds the SQLite state: it leases every feed and has no one to report to.
extension SQLiteStore {
    public func leaseFeeds(_ urls: [String], instance: String, until: Date, now: Date) throws(StoreError) -> Set<String> {
        Set(urls)
    }

    public func releaseLeases(_ urls: [String]?, instance: String) throws(StoreError) {}

    public func heartbeat(_ instance: InstanceRecord, now: Date) throws(StoreError) {}

    public func instances(since: Date, now: Date) throws(StoreError) -> [InstanceSummary] { [] }
}
