import Foundation

/// HTTP-date (RFC 9110: IMF-fixdate, and the obsolete RFC 850 and asctime forms), as used by
/// Retry-After. A small parser of its own, so HTTPFetching does not depend on the feed parser.
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parse(_ text: String) -> Date? {
        let parts = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(String.init)
        // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT -> [sun, 06, nov, 1994, 08:49:37, gmt]
        // RFC 850:     Sunday, 06-Nov-94 08:49:37 GMT
        // asctime:     Sun Nov  6 08:49:37 1994
        var day: Int?, month: Int?, year: Int?, time: String?
        for part in parts.dropFirst() {
            if let m = months.firstIndex(of: String(part.prefix(3))), part.first?.isLetter == true { month = m + 1 }
            else if part.contains(":") { time = part }
            else if let n = Int(part) {
                if day == nil, part.count <= 2 { day = n } else { year = part.count == 2 ? 1900 + n + (n < 70 ? 100 : 0) : n }
            }
        }
        guard let day, let month, let year, let time else { return nil }
        let hms = time.split(separator: ":").compactMap { Int($0) }
        guard hms.count == 3 else { return nil }
        var components = DateComponents()
        components.year = year; components.month = month; components.day = day
        components.hour = hms[0]; components.minute = hms[1]; components.second = hms[2]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: components)
    }
}
