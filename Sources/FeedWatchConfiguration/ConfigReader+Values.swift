import Foundation
import Yams

/// The bounds of config values that are not obvious from their type, with the reason a person
/// reads when a value is outside them.
enum Limits {
    static let interval: ClosedRange<Int64> = 30...7 * 86_400
    static let intervalWhy = "polling more often than every 30 s burdens publishers and gets feeds blocked (below 30 s only with allow_private_networks: true in this file, for your own servers); less often than weekly is not monitoring"
    /// With `allow_private_networks: true` the feeds may be the user's own servers (a local
    /// aggregator, a test), which nobody else pays for: down to one second, with a notice.
    static let privateInterval: ClosedRange<Int64> = 1...7 * 86_400
    static let privateIntervalWhy = "less often than weekly is not monitoring"
}

/// Scalar values, each checked where it is read: text, switches, numbers, durations and poll
/// intervals, with messages that say what is allowed and why.
extension ConfigReader {
    mutating func string(_ node: Node, _ key: String) -> String? {
        guard node.scalar != nil, let text = node.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            fail(node, key, "must be a non-empty text value")
            return nil
        }
        return text
    }

    mutating func bool(_ node: Node, _ key: String) -> Bool? {
        guard let value = node.bool else {
            fail(node, key, "must be true or false")
            return nil
        }
        return value
    }

    /// A duration within `range` (seconds); `why` says what the bounds protect, for the message.
    mutating func duration(_ node: Node, _ key: String, within range: ClosedRange<Int64>, why: String) -> Duration? {
        guard let value = duration(node, key) else { return nil }
        guard range.contains(value.components.seconds) else {
            fail(node, key, "must be from \(DurationText.format(range.lowerBound)) to \(DurationText.format(range.upperBound)): \(why)")
            return nil
        }
        return value
    }

    /// A poll interval: 30 s to 7 d, or from 1 s with `allow_private_networks` (with a notice under 30 s).
    mutating func interval(_ node: Node, _ key: String) -> Duration? {
        guard allowsPrivateNetworks else { return duration(node, key, within: Limits.interval, why: Limits.intervalWhy) }
        guard let value = duration(node, key, within: Limits.privateInterval, why: Limits.privateIntervalWhy) else { return nil }
        if !Limits.interval.contains(value.components.seconds) {
            notice(node, key, "polls more often than every 30 s; allowed because allow_private_networks is on (your own servers), but public publishers block clients that poll this fast")
        }
        return value
    }

    /// A whole number within `range`; `why` says what the bounds protect.
    mutating func count(_ node: Node, _ key: String, within range: ClosedRange<Int>, why: String) -> Int? {
        guard let value = node.int, range.contains(value) else {
            fail(node, key, "must be a whole number from \(range.lowerBound) to \(range.upperBound): \(why)")
            return nil
        }
        return value
    }

    /// `90s`, `15m`, `2h`, `1d` or a plain number of seconds; at least one second.
    mutating func duration(_ node: Node, _ key: String) -> Duration? {
        guard let text = node.string?.trimmingCharacters(in: .whitespaces).lowercased(), let value = DurationText.parse(text) else {
            fail(node, key, "must be a duration such as 90s, 15m, 2h or 1d (at most about 290 billion years)")
            return nil
        }
        return value
    }

    mutating func number(_ node: Node, _ key: String) -> Double? {
        guard let value = node.float, value >= 0, value <= 100 else {
            fail(node, key, "must be a number from 0 to 100")
            return nil
        }
        return value
    }
}
