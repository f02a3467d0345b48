import Foundation

/// When feeds are polled. Each feed has a stable phase within its interval, derived from its URL,
/// so its polls fall on the same slots across restarts and feeds spread evenly over the interval
/// instead of firing together. Feeds that are overdue or never polled start within the first
/// minute, spread the same way.
public enum FeedSchedule {
    /// A stable offset in `0..<interval` for a feed.
    public static func phase(of url: String, interval: Duration) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let seconds = max(1, Double(interval.components.seconds))
        return Double(hash % UInt64(seconds * 1000)) / 1000
    }

    /// The first slot (`phase + k * interval` since the epoch) at or after `time`.
    public static func slot(after time: Date, interval: Duration, phase: Double) -> Date {
        let seconds = max(1, Double(interval.components.seconds))
        let k = ((time.timeIntervalSince1970 - phase) / seconds).rounded(.up)
        return Date(timeIntervalSince1970: k * seconds + phase)
    }

    /// When a feed is first due after a (re)start. `spread`: overdue and new feeds start within
    /// the first minute rather than all at once (worth it when there are more feeds than can be
    /// fetched at once).
    public static func firstDue(url: String, interval: Duration, lastAttempt: Date?, now: Date, spread: Bool = true) -> Date {
        let phase = phase(of: url, interval: interval)
        let seconds = Double(interval.components.seconds)
        guard let lastAttempt, lastAttempt.addingTimeInterval(seconds) > now else {
            // Overdue or new: now, or within the first minute (or interval, if shorter) by phase.
            guard spread else { return now }
            return now.addingTimeInterval(phase.truncatingRemainder(dividingBy: max(1, min(60, seconds))))
        }
        return slot(after: lastAttempt.addingTimeInterval(seconds), interval: interval, phase: phase)
    }

    /// When a feed polled at `polledAt` is due again: its next slot, about one interval later.
    public static func nextDue(url: String, interval: Duration, polledAt: Date) -> Date {
        let seconds = Double(interval.components.seconds)
        return slot(after: polledAt.addingTimeInterval(seconds / 2), interval: interval, phase: phase(of: url, interval: interval))
    }
}
