/// Counts from one poll, for the summary line and for tests.
public struct PollReport: Sendable, Equatable, CustomStringConvertible {
    public var feeds = 0
    public var failed = 0
    public var notModified = 0
    public var newItems = 0
    public var alerts = 0
    public var duplicates = 0
    /// The URLs of the feeds that failed in this poll.
    public var failedFeeds: Set<String> = []
    /// How many feeds failed for each reason (the summary a person reads).
    public var failures: [FeedFailure: Int] = [:]
    /// The URLs of the feeds that were fetched (or answered 304) in this poll.
    public var succeededFeeds: Set<String> = []
    /// Feeds not polled: retired, or their host asked to wait.
    public var skipped = 0
    /// Feeds left to another instance sharing the store (it holds them, or just polled them).
    public var elsewhere: Set<String> = []

    public init() {}

    public var description: String {
        "poll done: \(feeds) feed(s), \(failed) failed, \(notModified) unchanged, \(skipped) skipped, \(newItems) new item(s), \(alerts) alert(s), \(duplicates) duplicate(s)"
    }
}

extension PollReport {
    /// Counts how the answer for the feed at `url` went.
    mutating func record(_ effect: FeedResponseRules.Effect, feed url: String) {
        switch effect {
        case .uncounted: break
        case let .failed(reason): recordFailure(url, reason)
        case .notModified:
            notModified += 1
            succeededFeeds.insert(url)
        case .read: succeededFeeds.insert(url)
        }
    }

    mutating func recordFailure(_ url: String, _ reason: FeedFailure) {
        failed += 1
        failedFeeds.insert(url)
        failures[reason, default: 0] += 1
    }
}
