import Foundation

/// Parses the date forms feeds actually carry: RFC 822/1123 with its real-world variants, and
/// RFC 3339 / ISO 8601 / W3CDTF. Written by hand rather than with `DateFormatter` because feeds
/// break the formats in many small ways, and the result must not depend on the process locale.
public enum FeedDate {
    /// Returns the instant the text names, or nil when it is not a date we can read with confidence.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8(parse(bytes:))
    }

    /// `parse` over UTF-8 bytes. Works in place (no copies, no allocation): it runs for every
    /// item of every feed, straight on the parser's text buffer.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var start = 0, end = bytes.count
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if text[0] >= 0x30, text[0] <= 0x39, let iso = parseISO8601(text) { return iso }
        return parseRFC822(text) ?? parseISO8601(text)
    }

    static func parseISO8601(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parseISO8601($0) }
    }

    static func parseRFC822(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parseRFC822($0) }
    }

    /// Formats an instant as UTC ISO-8601 with second precision (`2024-01-26T22:47:00Z`).
    public static func iso8601(_ date: Date) -> String {
        let total = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var secs = total % 86_400
        if secs < 0 { secs += 86_400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = y >= 0 && y < 10_000 ? String(repeating: "0", count: 4 - String(y).count) + String(y) : String(y)
        return "\(year)-\(two(m))-\(two(d))T\(two(secs / 3600)):\(two(secs % 3600 / 60)):\(two(secs % 60))Z"
    }

    // MARK: RFC 822

    /// A run of the date's bytes. Views into one buffer: no copies, no reference counting.
    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Month number of a name's first three letters, in any case.
    private static func month(_ word: Bytes) -> Int? {
        guard word.count >= 3 else { return nil }
        let i = word.startIndex
        switch (lower(word[i]), lower(word[i + 1]), lower(word[i + 2])) {
        case (0x6A, 0x61, 0x6E): return 1   // jan
        case (0x66, 0x65, 0x62): return 2   // feb
        case (0x6D, 0x61, 0x72): return 3   // mar
        case (0x61, 0x70, 0x72): return 4   // apr
        case (0x6D, 0x61, 0x79): return 5   // may
        case (0x6A, 0x75, 0x6E): return 6   // jun
        case (0x6A, 0x75, 0x6C): return 7   // jul
        case (0x61, 0x75, 0x67): return 8   // aug
        case (0x73, 0x65, 0x70): return 9   // sep
        case (0x6F, 0x63, 0x74): return 10  // oct
        case (0x6E, 0x6F, 0x76): return 11  // nov
        case (0x64, 0x65, 0x63): return 12  // dec
        default: return nil
        }
    }

    /// Zone names feeds use, with their offset in hours. A short list compared byte by byte:
    /// cheaper per date than hashing a String for a dictionary.
    private static let zones: [(name: StaticString, hours: Int)] = [
        ("gmt", 0), ("ut", 0), ("utc", 0), ("z", 0),
        ("est", -5), ("edt", -4), ("cst", -6), ("cdt", -5), ("mst", -7), ("mdt", -6), ("pst", -8), ("pdt", -7),
        ("msk", 3), ("cet", 1), ("cest", 2), ("eet", 2), ("eest", 3), ("bst", 1), ("ist", 0),
    ]

    private static func number(_ digits: Bytes) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x2C || byte == 0x09 }

    static func parseRFC822(_ buffer: UnsafeBufferPointer<UInt8>) -> Date? {
        // Split on spaces, tabs and commas into at most eight words, kept on the stack.
        var parts = InlineArray<8, Bytes>(repeating: buffer[0..<0])
        var count = 0
        var index = 0
        while index < buffer.count, count < 8 {
            while index < buffer.count, isSeparator(buffer[index]) { index += 1 }
            let start = index
            while index < buffer.count, !isSeparator(buffer[index]) { index += 1 }
            if index > start {
                parts[count] = buffer[start..<index]
                count += 1
            }
        }
        var p = 0
        // Drop a leading weekday of any spelling.
        if count > 0, let letter = parts[0].first.map(lower), letter >= 0x61, letter <= 0x7A, month(parts[0]) == nil {
            p = 1
        }
        guard count - p >= 3 else { return nil }
        // Day and month may come in either order ("04 Mar 2025" or "Mar 04 2025").
        var day: Int?, monthNumber: Int?
        if let d = number(parts[p]), let m = month(parts[p + 1]) {
            day = d; monthNumber = m
        } else if let m = month(parts[p]), let d = number(parts[p + 1]) {
            day = d; monthNumber = m
        }
        guard let day, let monthNumber, (1...31).contains(day), var year = number(parts[p + 2]) else { return nil }
        if parts[p + 2].count <= 2 { year += year < 50 ? 2000 : 1900 }
        var hour = 0, minute = 0, second = 0
        var zoneIndex = p + 3
        if count > p + 3, parts[p + 3].contains(0x3A) {
            guard let clock = clockTime(parts[p + 3]) else { return nil }
            (hour, minute, second) = clock
            zoneIndex = p + 4
        }
        guard hour < 24, minute < 60, second <= 60 else { return nil }
        var offset = 0
        if count > zoneIndex {
            guard let o = zoneOffset(parts[zoneIndex]) else { return nil }
            offset = o
        }
        return makeDate(year: year, month: monthNumber, day: day, hour: hour, minute: minute,
                        second: second, fraction: 0, offsetSeconds: offset)
    }

    /// `hh:mm` or `hh:mm:ss`.
    private static func clockTime(_ clock: Bytes) -> (Int, Int, Int)? {
        var fields = (0, 0, 0)
        var fieldCount = 0
        var start = clock.startIndex
        var index = clock.startIndex
        while true {
            let atEnd = index == clock.endIndex
            if atEnd || clock[index] == 0x3A {
                guard fieldCount < 3, let value = number(clock[start..<index]) else { return nil }
                switch fieldCount {
                case 0: fields.0 = value
                case 1: fields.1 = value
                default: fields.2 = value
                }
                fieldCount += 1
                if atEnd { break }
                start = index + 1
            }
            index += 1
        }
        return fieldCount >= 2 ? fields : nil
    }

    /// Whether `bytes` starts with the lower-case ASCII `word`, in any case.
    private static func hasPrefix(_ bytes: Bytes, _ word: StaticString) -> Bool {
        guard bytes.count >= word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { zip($0, bytes).allSatisfy { $0 == lower($1) } }
    }

    private static func zoneOffset(_ raw: Bytes) -> Int? {
        if let first = raw.first.map(lower), first >= 0x61, first <= 0x7A, raw.count <= 4,
           let zone = zones.first(where: { $0.name.utf8CodeUnitCount == raw.count && hasPrefix(raw, $0.name) }) {
            return zone.hours * 3600
        }
        var s = raw
        if hasPrefix(s, "gmt") || hasPrefix(s, "utc") { s = s.dropFirst(3) }
        guard let sign = s.first, sign == 0x2B || sign == 0x2D else { return nil }
        var value = 0, count = 0
        for byte in s.dropFirst() where byte != 0x3A {
            // At most four digits: a longer run would overflow `value` (found by fuzzing).
            guard byte >= 0x30, byte <= 0x39, count < 4 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            count += 1
        }
        guard count > 0 else { return nil }
        let (h, m) = count <= 2 ? (value, 0) : (value / 100, value % 100)
        guard h < 24, m < 60 else { return nil }
        return (sign == 0x2D ? -1 : 1) * (h * 3600 + m * 60)
    }

    // MARK: ISO 8601

    static func parseISO8601(_ s: UnsafeBufferPointer<UInt8>) -> Date? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var v = 0
            for k in i..<(i + count) {
                guard s[k] >= 48, s[k] <= 57 else { return nil }
                v = v * 10 + Int(s[k] - 48)
            }
            i += count
            return v
        }
        func skip(_ c: UInt8) -> Bool {
            if i < s.count, s[i] == c { i += 1; return true }
            return false
        }
        guard let year = number(4) else { return nil }
        let dashed = skip(UInt8(ascii: "-"))
        guard let month = number(2) else { return nil }
        if dashed { guard skip(UInt8(ascii: "-")) else { return nil } }
        guard let day = number(2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = 0
        if i < s.count, s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: "t") || s[i] == UInt8(ascii: " ") {
            i += 1
            guard let h = number(2) else { return nil }
            hour = h
            _ = skip(UInt8(ascii: ":"))
            guard let m = number(2) else { return nil }
            minute = m
            if skip(UInt8(ascii: ":")) || (i < s.count && s[i] >= 48 && s[i] <= 57) {
                guard let sec = number(2) else { return nil }
                second = sec
            }
            if skip(UInt8(ascii: ".")) || skip(UInt8(ascii: ",")) {
                var scale = 0.1
                while i < s.count, s[i] >= 48, s[i] <= 57 {
                    fraction += Double(s[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
            }
            while i < s.count, s[i] == UInt8(ascii: " ") { i += 1 }
            if i < s.count {
                if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
                    i += 1
                } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                    let negative = s[i] == UInt8(ascii: "-")
                    i += 1
                    guard let oh = number(2) else { return nil }
                    _ = skip(UInt8(ascii: ":"))
                    let om = number(2) ?? 0
                    guard oh < 24, om < 60 else { return nil }
                    offset = (negative ? -1 : 1) * (oh * 3600 + om * 60)
                }
            }
        }
        guard i == s.count, hour < 24, minute < 60, second <= 60 else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute,
                        second: second, fraction: fraction, offsetSeconds: offset)
    }

    // MARK: Calendar arithmetic (proleptic Gregorian, no time zone database needed)

    private static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int,
                                 second: Int, fraction: Double, offsetSeconds: Int) -> Date? {
        // Years outside 1000-9999 are garbage, not dates (a fuzzed 20-digit year once overflowed here).
        guard (1000...9999).contains(year), (1...12).contains(month), day <= daysIn(month: month, year: year) else { return nil }
        let days = daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
