import Foundation

/// Parses the date forms feeds actually carry: RFC 822/1123 with its real-world variants, and
/// RFC 3339 / ISO 8601 / W3CDTF. Written by hand rather than with `DateFormatter` because feeds
/// break the formats in many small ways, and the result must not depend on the process locale.
public enum FeedDate {
    /// Returns the instant the text names, or nil when it is not a date we can read with confidence.
    /// Works on the UTF-8 bytes (no Foundation string work): it runs for every item of every feed.
    public static func parse(_ text: String) -> Date? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, isASCIISpace(last) { bytes.removeLast() }
        let start = bytes.firstIndex { !isASCIISpace($0) } ?? bytes.count
        if start > 0 { bytes.removeFirst(start) }
        guard let first = bytes.first else { return nil }
        if first >= 0x30, first <= 0x39, let iso = parseISO8601(bytes) { return iso }
        return parseRFC822(bytes) ?? parseISO8601(bytes)
    }

    static func parseISO8601(_ text: String) -> Date? { parseISO8601(Array(text.utf8)) }
    static func parseRFC822(_ text: String) -> Date? { parseRFC822(Array(text.utf8)) }

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

    /// Month number of a (lower-case) name's first three letters.
    private static func month(_ word: Bytes) -> Int? {
        guard word.count >= 3 else { return nil }
        let i = word.startIndex
        switch (word[i], word[i + 1], word[i + 2]) {
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
    private static let zones: [(name: String, hours: Int)] = [
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

    static func parseRFC822(_ input: [UInt8]) -> Date? {
        // Lower-case ASCII letters; split on spaces, tabs and commas.
        var text = input
        for index in text.indices where text[index] >= 0x41 && text[index] <= 0x5A { text[index] |= 0x20 }
        return text.withUnsafeBufferPointer { buffer -> Date? in
            var parts: [Bytes] = []
            parts.reserveCapacity(8)
            var index = 0
            while index < buffer.count, parts.count < 8 {
                while index < buffer.count, isSeparator(buffer[index]) { index += 1 }
                let start = index
                while index < buffer.count, !isSeparator(buffer[index]) { index += 1 }
                if index > start { parts.append(buffer[start..<index]) }
            }
            return parseRFC822(parts: parts)
        }
    }

    private static func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x2C || byte == 0x09 }

    private static func parseRFC822(parts input: [Bytes]) -> Date? {
        var parts = input[...]
        // Drop a leading weekday of any spelling.
        if let first = parts.first, let letter = first.first, letter >= 0x61, letter <= 0x7A, month(first) == nil {
            parts.removeFirst()
        }
        guard parts.count >= 3 else { return nil }
        let p = parts.startIndex
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
        if parts.count > 3, parts[p + 3].contains(0x3A) {
            let clock = parts[p + 3]
            var fields: [Int] = []
            var start = clock.startIndex
            for index in clock.indices where clock[index] == 0x3A {
                guard let value = number(clock[start..<index]) else { return nil }
                fields.append(value)
                start = index + 1
            }
            guard let last = number(clock[start..<clock.endIndex]) else { return nil }
            fields.append(last)
            guard fields.count >= 2, fields.count <= 3 else { return nil }
            hour = fields[0]; minute = fields[1]
            if fields.count > 2 { second = fields[2] }
            zoneIndex = p + 4
        }
        guard hour < 24, minute < 60, second <= 60 else { return nil }
        var offset = 0
        if parts.endIndex > zoneIndex {
            guard let o = zoneOffset(parts[zoneIndex]) else { return nil }
            offset = o
        }
        return makeDate(year: year, month: monthNumber, day: day, hour: hour, minute: minute,
                        second: second, fraction: 0, offsetSeconds: offset)
    }

    private static func zoneOffset(_ raw: Bytes) -> Int? {
        if let first = raw.first, first >= 0x61, first <= 0x7A, raw.count <= 4,
           let zone = zones.first(where: { $0.name.utf8.elementsEqual(raw) }) {
            return zone.hours * 3600
        }
        var s = raw
        if s.starts(with: "gmt".utf8) || s.starts(with: "utc".utf8) { s = s.dropFirst(3) }
        guard let sign = s.first, sign == 0x2B || sign == 0x2D else { return nil }
        var value = 0, count = 0
        for byte in s.dropFirst() where byte != 0x3A {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            count += 1
        }
        guard count > 0, count <= 4 else { return nil }
        let (h, m) = count <= 2 ? (value, 0) : (value / 100, value % 100)
        guard h < 24, m < 60 else { return nil }
        return (sign == 0x2D ? -1 : 1) * (h * 3600 + m * 60)
    }

    // MARK: ISO 8601

    static func parseISO8601(_ s: [UInt8]) -> Date? {
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
