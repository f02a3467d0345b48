import FeedParsing
import FeedWatchConfiguration
import FeedWatchStore
import Foundation

/// Which of a poll's feeds are fetched, and what to say about the rest. A feed retired by a
/// 410 Gone waits for the config or `--force`; a host that asked (`Retry-After`) not to be
/// contacted is left alone with every feed it serves. These rules are a pure function of the
/// feeds, their stored state and the hosts' waits, so they are tested without a server; the
/// engine fetches `due` and writes `log`.
public struct DueFeeds: Sendable, Equatable {
    /// The feeds to fetch, in the order given.
    public var due: [FeedSource] = []
    /// How many feeds are left out: retired, or their host asked to wait.
    public var skipped = 0
    /// The names of the feeds held back, by the `host:port` that asked to wait, in feed order.
    public var heldBack: [String: [String]] = [:]
    /// What to log, in order: a line per feed left out, then one line per host that asked to
    /// wait (however many feeds it serves), hosts in name order.
    public var log: [PollLogLine] = []

    /// `states`: the stored state by feed URL. `hostWaits`: the `Retry-After` deadlines by
    /// `host:port`. `force` polls every feed. `announceSkips` writes the skips at NOTICE, for a
    /// poll a person started and watches; otherwise retired feeds are logged at DEBUG and hosts
    /// at INFO.
    public init(_ feeds: [FeedSource], states: [String: FeedState], hostWaits: [String: Date],
                force: Bool, announceSkips: Bool) {
        for feed in feeds {
            let state = states[feed.url]
            if let retired = state?.retiredAt, !force {
                skipped += 1
                log.append(.message(announceSkips ? .notice : .debug, Self.retiredText(feed, since: retired)))
                continue
            }
            // Retry-After belongs to the host the feed is fetched from: where it lives now.
            if !force, let host = PollEngine.hostKey(state?.movedTo ?? feed.url), hostWaits[host] != nil {
                skipped += 1
                heldBack[host, default: []].append(feed.name)
                log.append(.message(.debug, "feed '\(feed.name)' skipped: \(host) asked (Retry-After) to wait"))
                continue
            }
            due.append(feed)
        }
        for (host, names) in heldBack.sorted(by: { $0.key < $1.key }) {
            log.append(.message(announceSkips ? .notice : .info, Self.hostText(host, names: names, until: hostWaits[host])))
        }
    }

    static func retiredText(_ feed: FeedSource, since retired: Date) -> String {
        "feed '\(feed.name)' skipped: retired after 410 Gone on \(FeedDate.iso8601(retired)); remove it from the config, or poll it anyway with `feedwatch once --force`"
    }

    /// Names the first three feeds, so the line stays short on a host that serves hundreds.
    static func hostText(_ host: String, names: [String], until: Date?) -> String {
        let until = until.map(FeedDate.iso8601) ?? "later"
        let listed = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
        return "\(names.count) feed(s) on \(host) skipped (\(listed)): it asked (Retry-After) not to be contacted before \(until)"
    }
}
