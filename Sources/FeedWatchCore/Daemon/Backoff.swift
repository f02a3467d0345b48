/// How long to wait before polling a failing feed again: the feed's interval, doubled for each
/// failure in a row after the first, capped at six hours. The scheduler adds up to 10% jitter so
/// that feeds failing together (one host down) do not come back together.
public enum Backoff {
    public static let cap: Duration = .seconds(6 * 3600)

    /// The delay after `failures` failures in a row (0: the plain interval).
    public static func delay(failures: Int, interval: Duration) -> Duration {
        guard failures > 1 else { return interval }
        let base = Double(interval.components.seconds)
        let factor = Double(1 << min(failures - 1, 20))
        return .seconds(Int64(min(base * factor, Double(cap.components.seconds)).rounded()))
    }

    /// The same with up to 10% random jitter added.
    public static func jittered(failures: Int, interval: Duration) -> Duration {
        let plain = delay(failures: failures, interval: interval)
        guard failures > 1 else { return plain }
        let seconds = Double(plain.components.seconds)
        return .seconds(Int64(seconds + Double.random(in: 0...(seconds * 0.1))))
    }
}
