import FeedWatchConfiguration
import FeedWatchStore
import Foundation

/// When a feed is polled next: the one rule the daemon and `feedwatch status` share, computed from
/// what the state database remembers (last attempt, failures in a row, the feed's own interval
/// floor, retirement) and the hosts that asked to wait, so a restart picks up exactly where the
/// last run left off.
///
/// - Each feed has a stable phase within its interval, derived from its URL, so its polls fall on
///   the same slots across restarts and feeds spread evenly over the interval instead of firing
///   together.
/// - The interval is the configured one, but never shorter than the floor the feed asked for
///   (`<ttl>`, `Cache-Control: max-age`).
/// - A failing feed backs off (`Backoff`), with a jitter derived from its URL, so feeds failing
///   together (one host down) do not come back together, and the same state always gives the
///   same answer.
/// - A host that sent `Retry-After` is not contacted before the time it gave.
/// - Feeds that are overdue or never polled start within the first minute, spread by phase.
/// - A last attempt in the future (the clock was set back) counts as now.
public enum FeedSchedule {
    public enum Next: Sendable, Equatable {
        /// Poll at this time (now or earlier: at once).
        case at(Date)
        /// The server said 410 Gone: not polled until `once --force` finds it again (or it leaves the config).
        case retired(since: Date)

        /// The time of the next poll, nil for a retired feed.
        public var date: Date? {
            if case let .at(date) = self { return date }
            return nil
        }
    }

    /// The next poll of the feed at `url`. `interval`: its configured interval. `spread`: start
    /// overdue and new feeds within the first minute rather than all at once (worth it when
    /// there are more feeds than transfers at once).
    public static func next(url: String, interval: Duration, state: FeedState?, hostWait: Date? = nil,
                            now: Date, spread: Bool = true) -> Next {
        if let retired = state?.retiredAt { return .retired(since: retired) }
        let effective = effectiveInterval(interval, state: state)
        let phase = phase(of: url, interval: effective)
        var due: Date
        if let last = state?.lastAttemptAt.map({ min($0, now) }) {
            let failures = state?.consecutiveFailures ?? 0
            if failures > 0 {
                due = last.addingTimeInterval(seconds(Backoff.delay(failures: failures, interval: effective))
                    * (1 + Backoff.jitter(url: url, failures: failures)))
            } else {
                due = slot(after: last.addingTimeInterval(seconds(effective) / 2), interval: effective, phase: phase)
            }
        } else {
            due = now
        }
        if due <= now {
            // Overdue or new: now, or within the first minute (or interval, if shorter) by phase.
            due = spread ? now.addingTimeInterval(phase.truncatingRemainder(dividingBy: max(1, min(60, seconds(effective))))) : now
        }
        if let hostWait, hostWait > due { due = hostWait }
        return .at(due)
    }

    /// The next poll of each of `feeds`, from the stored `states` and the hosts' `Retry-After`
    /// `waits`: what the daemon schedules and `status` shows. Feeds spread over the first minute
    /// when there are more than `maxConcurrent`.
    public static func plan(_ feeds: [FeedSource], defaultInterval: Duration, states: [String: FeedState],
                            waits: [String: Date], maxConcurrent: Int, now: Date) -> [String: Next] {
        let spread = feeds.count > maxConcurrent
        var plan: [String: Next] = [:]
        for feed in feeds {
            let state = states[feed.url]
            let hostWait = PollEngine.hostKey(state?.movedTo ?? feed.url).flatMap { waits[$0] }
            plan[feed.url] = next(url: feed.url, interval: feed.interval ?? defaultInterval, state: state,
                                  hostWait: hostWait, now: now, spread: spread)
        }
        return plan
    }

    /// The daemon's schedule after a poll, from a fresh `plan` of every feed: a feed moves to its
    /// new time when this instance just polled it (`polled`) or its last attempt changed in the
    /// store (another instance sharing the store polled it); any other feed keeps its time, so a
    /// new or overdue feed's start-up offset is not pushed forward by every re-plan. Feeds not in
    /// `due` yet take the plan's time.
    public static func replan(_ due: [String: Date], plan: [String: Date], attemptsBefore: [String: Date],
                              attemptsNow: [String: Date], polled: Set<String>) -> [String: Date] {
        var next = due
        for (url, date) in plan {
            if due[url] == nil || polled.contains(url) || attemptsBefore[url] != attemptsNow[url] { next[url] = date }
        }
        return next
    }

    /// The interval a feed is polled at: the configured one, never shorter than its own floor.
    public static func effectiveInterval(_ interval: Duration, state: FeedState?) -> Duration {
        max(interval, state?.intervalFloor ?? .zero)
    }

    /// A stable offset in `0..<interval` for a feed.
    public static func phase(of url: String, interval: Duration) -> Double {
        let span = max(1, seconds(interval))
        return Double(stableHash(url) % UInt64(span * 1000)) / 1000
    }

    /// The first slot (`phase + k * interval` since the epoch) at or after `time`.
    public static func slot(after time: Date, interval: Duration, phase: Double) -> Date {
        let span = max(1, seconds(interval))
        let k = ((time.timeIntervalSince1970 - phase) / span).rounded(.up)
        return Date(timeIntervalSince1970: k * span + phase)
    }

    package static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// FNV-1a: the same on every run and machine (Swift's `Hasher` is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
