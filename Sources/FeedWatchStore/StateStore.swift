import FeedWatchConfiguration
import Foundation
import StoryMatching

/// feedwatch's memory between polls, whichever database holds it: per-feed validators and
/// results, the items seen in each feed, the judged reports (with their event and identity terms)
/// and the term statistics.
///
/// Two backends keep it: `SQLiteStore`, one file in the state folder (the default, nothing to set
/// up), and `PostgresStore`, a PostgreSQL database that several instances share. The pipeline,
/// the judge and the read-only commands see only this interface, so they behave the same on both.
/// A cycle's changes commit atomically on both: a crash leaves either the state before the cycle
/// or the state after it.
public protocol StateStore: Sendable {
    /// Where the state lives, for messages: the database file, or the PostgreSQL address without
    /// its password.
    var location: String { get }

    /// The remembered state of each of `urls` (feeds never polled are absent).
    func feedStates(_ urls: [String]) throws(StoreError) -> [String: FeedState]

    /// Which of `keys` were already seen in the feed at `feedURL`, with when the feed last
    /// showed each.
    func seenKeys(feedURL: String, among keys: [String]) throws(StoreError) -> [String: Date]

    /// Stores a cycle in one transaction: its changes, and the reports `judging` returns when
    /// handed the reports other instances stored since `claim.after` (judged by another
    /// `claim.instance`). The judging runs while no other instance can store reports, so two
    /// instances never both alert one event. Reports carrying an alert are stored as claimed by
    /// `claim.instance` until `claim.until` and not yet delivered: the caller writes them to the
    /// log, then calls `markDelivered`. Returns the stored reports with their ids.
    func commit(_ changes: CycleChanges, at now: Date, claim: AlertClaim,
                judging: ([StoredReport]) -> [StoredReport]) throws(StoreError) -> [StoredReport]

    /// Marks alerts as written to the log.
    func markDelivered(_ ids: [Int64], at now: Date) throws(StoreError)

    /// Alerts stored but never marked delivered whose claim has run out (their instance died
    /// between storing and writing them), claimed now for `instance` until `until`. The caller
    /// writes them and marks them delivered. On SQLite, where one process holds the state,
    /// every alert another process claimed is taken over at once.
    func takeOverAlerts(instance: String, until: Date, now: Date) throws(StoreError) -> [StoredReport]

    /// Which of `urls` this instance may poll now: those no other live instance holds a lease
    /// on, leased to `instance` until `until`. SQLite, one instance, leases every feed.
    func leaseFeeds(_ urls: [String], instance: String, until: Date, now: Date) throws(StoreError) -> Set<String>

    /// Gives back `instance`'s leases on `urls` (nil: all of them) before they run out: feeds it
    /// will not poll after all, or a poll whose commit failed.
    func releaseLeases(_ urls: [String]?, instance: String) throws(StoreError)

    /// Records that `instance` is alive (`feedwatch status` lists instances on PostgreSQL).
    func heartbeat(_ instance: InstanceRecord, now: Date) throws(StoreError)

    /// Every instance that sent a heartbeat since `since`, with the feeds it holds leases on at `now`.
    func instances(since: Date, now: Date) throws(StoreError) -> [InstanceSummary]

    /// Hosts (host:port) that asked not to be contacted before a time still to come.
    func hostWaits(after now: Date) throws(StoreError) -> [String: Date]

    /// Every feed the store knows, with its item and alert counts (`feedwatch status`).
    func feedSummaries() throws(StoreError) -> [FeedSummary]

    /// How many stories were alerted at or after `since`.
    func alertCount(since: Date) throws(StoreError) -> Int

    /// Reports judged at or after `since`, by their event's start date (the order the judge
    /// indexes them in), then in the order they were judged.
    func reports(since: Date) throws(StoreError) -> [StoredReport]

    /// The highest report id stored (0 when there is none): where a judge that loaded the
    /// history starts reading other instances' reports.
    func latestReportID() throws(StoreError) -> Int64

    /// Events with a report published (else first seen) at or after `since`, most recent first.
    func events(since: Date, limit: Int) throws(StoreError) -> [EventSummary]

    /// The saved term statistics, blended with `prior`, and the day (`StoreCalendar.day`) they
    /// were last aged.
    func termStatistics(prior: TermPrior) throws(StoreError) -> (statistics: TermStatistics, decayedDay: Int?)

    /// Ages the statistics to `day` at the half-life, drops terms counted less than `minimum`,
    /// and keeps the `limit` most frequent, in one transaction. Only when `day` is after the day
    /// they were last aged; returns whether they were.
    @discardableResult
    func ageTerms(to day: Int, halfLifeDays: Double, limit: Int, minimum: Double) throws(StoreError) -> Bool

    /// Removes, at most `retention.batch` rows a table, item identities their feed has not shown
    /// for `seenDays`, reports judged more than `storyDays` ago and `Retry-After` waits that have
    /// passed. Called after each poll; a backlog (an upgrade, a long stop) drains over a few polls.
    ///
    /// An item's identity goes only when a full read of its own feed, at least two days after the
    /// item was last confirmed (confirmations come at most daily), no longer showed it. Time alone
    /// proves nothing: a feed that answers 304 for months, fails, or has not been polled yet after a
    /// long stop may still carry the item, which would then alert again.
    @discardableResult
    func prune(_ retention: Retention, now: Date) throws(StoreError) -> PrunedRows

    /// Row counts of the tables that grow with time (checked by the retention tests).
    func rowCounts() throws(StoreError) -> (items: Int, reports: Int, terms: Int)
}

extension StateStore {
    /// Stores a cycle's changes and reports as they are (a single instance's tests and tools).
    public func commit(_ changes: CycleChanges, at now: Date) throws(StoreError) {
        _ = try commit(changes, at: now, claim: AlertClaim(instance: "", until: now, after: .max)) { _ in changes.reports }
    }

    public func termStatistics() throws(StoreError) -> (statistics: TermStatistics, decayedDay: Int?) {
        try termStatistics(prior: .builtIn)
    }

    public func events(since: Date) throws(StoreError) -> [EventSummary] {
        try events(since: since, limit: 100)
    }

    @discardableResult
    public func ageTerms(to day: Int, halfLifeDays: Double, limit: Int) throws(StoreError) -> Bool {
        try ageTerms(to: day, halfLifeDays: halfLifeDays, limit: limit, minimum: 0.05)
    }
}

/// The calendar the state keeps: days since 1970 (UTC), the unit the term statistics age in.
public enum StoreCalendar {
    public static func day(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }
}

/// Who stores a cycle's alerts and how far its judge has read the shared history.
public struct AlertClaim: Sendable {
    /// The instance storing them (`InstanceRecord.name`).
    public var instance: String
    /// Until when its claim on their delivery holds; after that another instance writes them.
    public var until: Date
    /// The highest report id the judge already holds: later ones by other instances are
    /// handed to it before it judges.
    public var after: Int64

    public init(instance: String, until: Date, after: Int64) {
        self.instance = instance
        self.until = until
        self.after = after
    }
}

/// One running feedwatch, as the shared store knows it.
public struct InstanceRecord: Sendable, Equatable {
    /// Unique per process: the host name, the process id and a random token, unless the config
    /// names it (each host must then name its own).
    public var name: String
    public var host: String
    public var pid: Int
    public var startedAt: Date

    public init(name: String, host: String, pid: Int, startedAt: Date) {
        self.name = name
        self.host = host
        self.pid = pid
        self.startedAt = startedAt
    }

    /// This process: `host-pid-token`, the token random per start, so a restarted container
    /// (same host name, same pid) is a new instance.
    public static func current(now: Date = Date()) -> InstanceRecord {
        let host = ProcessInfo.processInfo.hostName
        let pid = Int(ProcessInfo.processInfo.processIdentifier)
        let token = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return InstanceRecord(name: "\(host)-\(pid)-\(token)", host: host, pid: pid, startedAt: now)
    }
}

/// An instance as `feedwatch status` lists it.
public struct InstanceSummary: Sendable, Equatable {
    public var record: InstanceRecord
    public var heartbeatAt: Date
    /// Feeds it holds an unexpired lease on.
    public var feedsLeased: Int
}
