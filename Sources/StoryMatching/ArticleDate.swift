import Foundation

/// The publication date an article file states near its top ("Friday 26 January 2024 - 22:47",
/// "Date: 2024-01-26", "26 января 2024"), so a seed article is known as an event of its day.
///
/// Only short lines among the first few are read: a date deep in the text is usually another
/// event's ("in late July", "the 2015 resolution").
public enum ArticleDate {
    static let linesRead = 8
    static let longestLine = 80

    /// The first full date (day, month and year) on one of the first short lines, at 12:00 UTC.
    public static func leading(in text: String) -> Date? {
        var read = 0
        for line in text.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
            read += 1
            if read > linesRead { break }
            guard line.count <= longestLine else { continue }
            if let date = date(in: String(line)) { return date }
        }
        return nil
    }

    /// A full date anywhere in `line`: `26 January 2024`, `January 26, 2024`, `2024-01-26`,
    /// `26.01.2024`, with month names in English, Russian (any case form) or Arabic.
    static func date(in line: String) -> Date? {
        let words = line.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : nil
            let after = index + 2 < words.count ? words[index + 2] : nil
            if let day = Int(word), let next, let month = month(next), let after, let year = year(after) {
                return make(year, month, day)
            }
            if let month = month(word), let next, let day = Int(next), let after, let year = year(after) {
                return make(year, month, day)
            }
            if let year = year(word), let next, let month = Int(next), let after, let day = Int(after), word.count == 4 {
                return make(year, month, day)
            }
            if let day = Int(word), let next, let month = Int(next), let after, let year = year(after), next.count <= 2 {
                return make(year, month, day)
            }
        }
        return nil
    }

    static func year(_ word: String) -> Int? {
        guard word.count == 4, let value = Int(word), (1900...2200).contains(value) else { return nil }
        return value
    }

    static func month(_ word: String) -> Int? {
        for (index, names) in monthNames.enumerated() where names.contains(where: { word.hasPrefix($0) }) {
            return index + 1
        }
        return nil
    }

    /// Prefixes that name each month: English (full and short), Russian stems, Arabic.
    static let monthNames: [[String]] = [
        ["january", "jan", "январ", "يناير", "كانون الثاني"], ["february", "feb", "феврал", "فبراير", "شباط"],
        ["march", "mar", "март", "مارس", "آذار"], ["april", "apr", "апрел", "أبريل", "ابريل", "نيسان"],
        ["may", "ма", "مايو", "أيار"], ["june", "jun", "июн", "يونيو", "حزيران"],
        ["july", "jul", "июл", "يوليو", "تموز"], ["august", "aug", "август", "أغسطس", "اغسطس", "آب"],
        ["september", "sep", "сентябр", "سبتمبر", "أيلول"], ["october", "oct", "октябр", "أكتوبر", "اكتوبر", "تشرين الأول"],
        ["november", "nov", "ноябр", "نوفمبر", "تشرين الثاني"], ["december", "dec", "декабр", "ديسمبر", "كانون الأول"],
    ]

    static func make(_ year: Int, _ month: Int, _ day: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        components.year = year
        components.month = month
        components.day = day
        components.hour = 12
        guard components.isValidDate, let date = components.date else { return nil }
        return date
    }
}
