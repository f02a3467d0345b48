import Foundation

/// Durations as people write them in config.
public enum DurationText {
    /// The largest unit that divides `seconds`: `7d`, `30s`, `90m`.
    public static func format(_ seconds: Int64) -> String {
        for (suffix, scale) in [("d", Int64(86_400)), ("h", 3600), ("m", 60)] where seconds % scale == 0 && seconds >= scale {
            return "\(seconds / scale)\(suffix)"
        }
        return "\(seconds)s"
    }

    public static func parse(_ text: String) -> Duration? {
        let units: [(String, Int64)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let number = Int64(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), number > 0 else { return nil }
            let (seconds, overflow) = number.multipliedReportingOverflow(by: scale)
            return overflow ? nil : .seconds(seconds)
        }
        guard let seconds = Int64(text), seconds > 0 else { return nil }
        return .seconds(seconds)
    }
}
