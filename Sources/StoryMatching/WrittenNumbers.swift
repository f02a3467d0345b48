import Foundation

/// Numbers and months written as words, read as the values they name, so that a rewrite that
/// spells a figure or a date differently still shares the term: «пять взрывов» and «5 взрывов»,
/// «трёх тысяч» and «3000», «ثلاثة آلاف» and «3000», «يوليو» and «تموز» (the Egyptian and the
/// Levantine name of July), «Sept.» and «September».
///
/// Only words that are a number or a month in nearly every use are read on their own. Words that
/// are also everyday words (English "may" and "march", Arabic «مارس» "he practised" and «اب»
/// "father") count as months only next to a day or a year.
enum WrittenNumbers {
    /// The cardinal number written as words at `index` (a unit word, or an Arabic teen: unit +
    /// «عشر»), its value and the index after it.
    static func cardinal(at index: Int, in tokens: [Token]) -> (value: Int, next: Int)? {
        // «الاثنين» is Monday, not "the two".
        guard mayName(tokens[index]), relativeDay(tokens[index]) == nil, let unit = lookUp(tokens[index], in: cardinals) else { return nil }
        let next = index + 1
        if unit < 10, next < tokens.count, tokens[next].unit == tokens[index].unit,
           tokens[next].forms.contains(where: { arabicTen.contains(tokens[next].text(of: $0)) }) {
            return (10 + unit, next + 1)
        }
        return (unit, next)
    }

    /// The month named at `index` (1-12) and the index after its name (Arabic «تشرين الثاني» is
    /// two words).
    static func month(at index: Int, in tokens: [Token]) -> (month: Int, next: Int)? {
        let token = tokens[index]
        guard mayName(token) else { return nil }
        if let month = lookUp(token, in: months) { return (month, index + 1) }
        if let pair = lookUp(token, in: levantinePairs), index + 1 < tokens.count, tokens[index + 1].unit == token.unit {
            let following = tokens[index + 1]
            if following.forms.contains(where: { following.text(of: $0) == "اول" }) { return (pair.first, index + 2) }
            if following.forms.contains(where: { following.text(of: $0) == "ثاني" }) { return (pair.second, index + 2) }
            return nil
        }
        guard let month = lookUp(token, in: monthsBesideFigures) else { return nil }
        func isFigure(_ position: Int, days: Bool) -> Bool {
            guard tokens.indices.contains(position), tokens[position].unit == token.unit,
                  let digits = StoryTerms.asciiDigits(tokens[position].text) else { return false }
            let value = Int(String(decoding: digits, as: UTF8.self)) ?? 0
            return (days && (1...31).contains(value)) || (1900...2100).contains(value)
        }
        return isFigure(index - 1, days: true) || isFigure(index + 1, days: true) ? (month, index + 1) : nil
    }

    /// Whether any reading of the token is in one of the tables: one hash lookup per form, so
    /// the words that name nothing (nearly all) cost no more than that.
    ///
    /// Inlined and without a closure, so a token read in place is not copied for it (`Token.withBytes`).
    @inline(__always)
    static func mayName(_ token: Token) -> Bool {
        for index in token.forms.indices where allKeys.contains(token.forms[index].key) { return true }
        return false
    }

    /// A token's value in `table`: its own text, or for an Arabic word its text without a
    /// leading و (وثلاثة) or article (الثلاثة). Other clitic readings are not taken: «لست»
    /// ("I am not") must not read as «ست» (six). Tables are keyed by the forms' byte hashes
    /// (`WordForm.key`), which the tokens already carry.
    private static func lookUp<Value>(_ token: Token, in table: [UInt64: Value]) -> Value? {
        let full = token.forms.first
        if let value = table[full.key] { return value }
        for form in token.forms.dropFirst() {
            guard let value = table[form.key] else { continue }
            let removed = Int(form.start)
            let prefix = token.text.utf8.prefix(removed)
            if prefix.elementsEqual("و".utf8) || prefix.elementsEqual("ال".utf8) || prefix.elementsEqual("وال".utf8) {
                return value
            }
        }
        return nil
    }

    /// A table of normalized words (as `TextNormalizer` folds them), keyed by their byte hash.
    private static func keyed<Value>(_ words: [(String, Value)]) -> [UInt64: Value] {
        var table: [UInt64: Value] = [:]
        for (word, value) in words { table[WordForm.hash(TextNormalizer.words(word).joined().utf8)] = value }
        return table
    }

    /// Every word any table holds.
    static let allKeys = KeyTable(Set(cardinals.keys).union(months.keys).union(levantinePairs.keys)
        .union(monthsBesideFigures.keys).union(relativeDays.keys))

    /// Normalized cardinal words (as `TextNormalizer` folds them: ё as е, ة as ه, hamza seats as
    /// bare letters) and their values. Russian in every case form; "один"/«واحد» are left out, being
    /// mostly "one of". «семью» is left out: it is also "family" (accusative).
    static let cardinals: [UInt64: Int] = {
        var table: [(String, Int)] = []
        let lists: [(Int, String)] = [
            (2, "два две двух двум двумя اثنان اثنين اثنتان اثنتين"),
            (3, "три трех трем тремя ثلاث ثلاثه"),
            (4, "четыре четырех четырем четырьмя اربع اربعه"),
            (5, "пять пяти пятью خمس خمسه"),
            (6, "шесть шести шестью ست سته"),
            (7, "семь семи سبع سبعه"),
            (8, "восемь восьми восемью ثماني ثمانيه ثمان"),
            (9, "девять девяти девятью تسع تسعه"),
            (10, "десять десяти десятью عشر عشره"),
            (20, "двадцать двадцати عشرون عشرين"),
            (30, "тридцать тридцати ثلاثون ثلاثين"),
            (40, "сорок сорока اربعون اربعين"),
            (50, "пятьдесят пятидесяти خمسون خمسين"),
            (100, "сто ста مئه مايه ميه"),
        ]
        for (value, words) in lists {
            for word in words.split(separator: " ") { table.append((String(word), value)) }
        }
        return keyed(table)
    }()

    static let arabicTen: Set<String> = ["عشر", "عشره"]

    /// Month names that are nothing else, every Russian case form, both Arabic calendars'
    /// names (Egyptian/Gulf يناير..ديسمبر and Levantine/Iraqi كانون الثاني..كانون الأول).
    static let months: [UInt64: Int] = {
        var table: [(String, Int)] = []
        let russianSoft = ["январ", "феврал", "апрел", "июн", "июл", "сентябр", "октябр", "ноябр", "декабр"]
        let values = [1, 2, 4, 6, 7, 9, 10, 11, 12]
        for (stem, value) in zip(russianSoft, values) {
            for ending in ["ь", "я", "е", "ю"] { table.append((stem + ending, value)) }
        }
        for ending in ["", "а", "е", "у"] { table += [("март" + ending, 3), ("август" + ending, 8)] }
        for form in ["май", "мая", "мае", "маю"] { table.append((form, 5)) }
        let english = ["january", "february", "april", "june", "july", "august", "september", "october", "november", "december"]
        for (offset, name) in english.enumerated() { table.append((name, [1, 2, 4, 6, 7, 8, 9, 10, 11, 12][offset])) }
        table += [
            ("يناير", 1), ("فبراير", 2), ("ابريل", 4), ("مايو", 5), ("يونيو", 6), ("يونيه", 6), ("يوليو", 7),
            ("يوليه", 7), ("اغسطس", 8), ("سبتمبر", 9), ("اكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
            ("شباط", 2), ("اذار", 3), ("نيسان", 4), ("ايار", 5), ("حزيران", 6), ("تموز", 7), ("ايلول", 9),
        ]
        return keyed(table)
    }()

    /// «كانون»/«تشرين» with «الأول» or «الثاني»: the first and the second month of the pair.
    static let levantinePairs: [UInt64: (first: Int, second: Int)] = keyed([("كانون", (12, 1)), ("تشرين", (10, 11))])

    /// Month names that are also everyday words or abbreviations: months only beside a figure.
    static let monthsBesideFigures: [UInt64: Int] = keyed([
        ("jan", 1), ("feb", 2), ("mar", 3), ("march", 3), ("apr", 4), ("may", 5), ("jun", 6), ("jul", 7), ("aug", 8),
        ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12), ("مارس", 3), ("اب", 8),
    ])
}

// MARK: Days named relative to the report

extension WrittenNumbers {
    /// A day a report names relative to its own date: "yesterday", «вчера», «أمس» or a weekday
    /// («во вторник», «يوم الثلاثاء», "on Tuesday"). One outlet writes "on Tuesday", another
    /// "16 September": read against the report's publication date, both name the same day, so the
    /// weekday adds that day's number and month to the terms.
    enum RelativeDay: Equatable {
        /// Days before the publication date.
        case daysBefore(Int)
        /// ISO weekday, 1 (Monday) to 7 (Sunday): the latest such day on or before publication.
        case weekday(Int)
    }

    static func relativeDay(_ token: Token) -> RelativeDay? {
        guard mayName(token) else { return nil }
        return lookUp(token, in: relativeDays)
    }

    /// The day of the month and the month (1-12, UTC) that `day` names in a report published at
    /// `published`.
    static func resolve(_ day: RelativeDay, published: Date) -> (day: Int, month: Int) {
        let days = Int((published.timeIntervalSince1970 / 86_400).rounded(.down))
        let back: Int
        switch day {
        case .daysBefore(let count): back = count
        case .weekday(let weekday):
            // 1970-01-01 was a Thursday (ISO 4).
            let published = ((days % 7) + 7 + 3) % 7 + 1
            back = (published - weekday + 7) % 7
        }
        let civil = civilDate(daysSince1970: days - back)
        return (civil.day, civil.month)
    }

    /// The proleptic Gregorian date of a day count (H. Hinnant's `civil_from_days`).
    static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Normalized words naming a day relative to the report. Arabic «اليوم» is left out: it is
    /// also "the day", and news writes «اليوم الأحد», whose weekday is read anyway.
    static let relativeDays: [UInt64: RelativeDay] = {
        var table: [(String, RelativeDay)] = []
        let lists: [(RelativeDay, String)] = [
            (.daysBefore(0), "today сегодня"),
            (.daysBefore(1), "yesterday вчера امس"),
            (.weekday(1), "monday понедельник понедельника الاثنين"),
            (.weekday(2), "tuesday вторник вторника الثلاثاء"),
            (.weekday(3), "wednesday среда среду среды الاربعاء"),
            (.weekday(4), "thursday четверг четверга الخميس"),
            (.weekday(5), "friday пятница пятницу пятницы الجمعه"),
            (.weekday(6), "saturday суббота субботу субботы السبت"),
            (.weekday(7), "sunday воскресенье воскресенья الاحد"),
        ]
        for (day, words) in lists {
            for word in words.split(separator: " ") { table.append((String(word), day)) }
        }
        return keyed(table)
    }()
}
