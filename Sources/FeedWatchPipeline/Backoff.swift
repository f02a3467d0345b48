/// How long to wait before polling a failing feed again: the feed's interval, doubled for each
/// failure in a row after the first, capped at six hours (or the interval itself, when that is
/// longer: backing off never polls a feed sooner). `FeedSchedule` adds up to 10% jitter so that
/// feeds failing together (one host down) do not come back together.
public enum Backoff {
    public static let cap: Duration = .seconds(6 * 3600)

    /// The delay after `failures` failures in a row (0: the plain interval).
    public static func delay(failures: Int, interval: Duration) -> Duration {
        guard failures > 1 else { return interval }
        let base = Double(interval.components.seconds)
        let factor = Double(1 << min(failures - 1, 20))
        let capped = min(base * factor, Double(cap.components.seconds))
        return .seconds(Int64(max(base, capped).rounded()))
    }

    /// The share (0 to 0.1) added to a failing feed's delay: derived from its URL and failure
    /// count, so it spreads feeds apart (those of one host that went down together come back
    /// apart from the first failure on) yet the same state always gives the same schedule.
    public static func jitter(url: String, failures: Int) -> Double {
        guard failures > 0 else { return 0 }
        return Double(FeedSchedule.stableHash(url + "#\(failures)") % 1001) / 10_000
    }
}
