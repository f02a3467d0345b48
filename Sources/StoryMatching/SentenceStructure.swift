/// Clauses and lists inside a story's sentences, read from word order and punctuation.
struct SentenceStructure {
    /// Clause number of each token: a new one starts at each sentence and at each clause marker
    /// (or a comma before Russian contrastive «а»).
    private var clauses: [Int] = []
    /// Tokens that are items of a coordinated list of at least `minimumListItems` short items.
    private var listTokens: [Bool] = []

    static let minimumListItems = 4
    static let maximumItemWords = 3

    /// `markers`: where the clause markers matched (found in the classifier's single term pass).
    init(tokens: [Token], markers: [TermHit]) {
        var markerStarts = [Bool](repeating: false, count: tokens.count)
        for marker in markers where marker.range.lowerBound < tokens.count { markerStarts[marker.range.lowerBound] = true }
        listTokens = [Bool](repeating: false, count: tokens.count)
        clauses.reserveCapacity(tokens.count)
        var clause = 0
        for index in tokens.indices {
            if index > 0 {
                let contrastiveA = tokens[index].punctuationBefore == "," && tokens[index].text.utf8.elementsEqual(Self.russianA)
                if tokens[index].unit != tokens[index - 1].unit || markerStarts[index] || contrastiveA { clause += 1 }
            }
            clauses.append(clause)
        }
        // Read in place through a buffer pointer (an array's element handed on is copied first).
        tokens.withUnsafeBufferPointer { findLists($0) }
    }

    func clause(of index: Int) -> Int { clauses[index] }

    func isListItem(_ range: Range<Int>) -> Bool { range.contains { $0 < listTokens.count && listTokens[$0] } }

    /// Splits each sentence into coordinated items (at commas, at and/и/или/or, and at an Arabic
    /// word carrying the conjunction و before an article or a country's name: `isArabicAnd`), then marks runs of at least `minimumListItems` short
    /// items. The first item of a list is usually the last word of a longer lead-in ("including
    /// Yemen, Egypt, ..."), so that word joins the run too.
    private mutating func findLists(_ tokens: UnsafeBufferPointer<Token>) {
        var items: [Range<Int>] = []
        items.reserveCapacity(16)
        var start = 0
        func close(_ end: Int) {
            if end > start { items.append(start..<end) }
        }
        for index in tokens.indices {
            if index > 0, tokens[index - 1].unit != tokens[index].unit {
                close(index)
                markRuns(items, tokens)
                items.removeAll(keepingCapacity: true)
                start = index
            }
            if Self.isConjunction(tokens, at: index) {
                close(index)
                start = index + 1
                continue
            }
            let arabicAnd = Self.isArabicAnd(tokens, at: index)
            let punctuation = tokens[index].punctuationBefore
            if index > start, punctuation == "," || punctuation == "\u{060C}" || arabicAnd {
                close(index)
                start = index
            }
        }
        close(tokens.count)
        markRuns(items, tokens)
    }

    private mutating func markRuns(_ items: [Range<Int>], _ tokens: UnsafeBufferPointer<Token>) {
        var runStart = 0
        while runStart < items.count {
            guard items[runStart].count <= Self.maximumItemWords else { runStart += 1; continue }
            var runEnd = runStart
            while runEnd + 1 < items.count, items[runEnd + 1].count <= Self.maximumItemWords { runEnd += 1 }
            var count = runEnd - runStart + 1
            var leadIn: Int?
            if runStart > 0, let last = items[runStart - 1].last {
                leadIn = last
                count += 1
            }
            // The last item, after "and", often runs on into the rest of the sentence ("travel to
            // Libya, Yemen, Syria and Sudan because of the threat"): its first word closes a list
            // of names after a lead-in (items of one or two words; longer ones are clauses as
            // often as items), unless it owns what follows ("…, crew and cargo and Russia's
            // ministry condemned…" starts a clause; so does "Oman, Iran, Yemen and Russia signed").
            let names = leadIn != nil && items[runStart...runEnd].allSatisfy { $0.count <= 2 }
            let tail = names && runEnd + 1 < items.count ? Self.tailStart(items[runEnd + 1], tokens) : nil
            if tail != nil { count += 1 }
            if count >= Self.minimumListItems {
                for item in items[runStart...runEnd] { for position in item { listTokens[position] = true } }
                if let leadIn { listTokens[leadIn] = true }
                if let tail { listTokens[tail] = true }
            }
            runStart = runEnd + 1
        }
    }

    /// The first word of `item` when a conjunction (a word of its own, or و on the word) joins it
    /// to the item before, else nil.
    private static func tailStart(_ item: Range<Int>, _ tokens: UnsafeBufferPointer<Token>) -> Int? {
        let first = item.lowerBound
        guard first > 0, tokens[first - 1].unit == tokens[first].unit, !tokens[first].isPossessive else { return nil }
        return isConjunction(tokens, at: first - 1) || isArabicAnd(tokens, at: first) ? first : nil
    }

    /// و joins items when it stands before an article (والجزائر) or before a country named
    /// without one (وسوريا, وليبيا: "Yemen, Libya and Syria" is a list too); a word that merely
    /// starts with the letter (وزير, وفد, وقع) is not a conjunction.
    private static func isArabicAnd(_ tokens: UnsafeBufferPointer<Token>, at index: Int) -> Bool {
        guard tokens[index].forms.count > 1, tokens[index].text.utf8.starts(with: arabicWaw) else { return false }
        let reading = Int(tokens[index].forms[1].start)  // in bounds: the guard saw two forms
        return tokens[index].forms.count > 2 && Token.withBytes(of: tokens[index].text) { $0[reading...].starts(with: arabicArticle) }
            || arabicCountryKeys.contains(tokens[index].forms[1].key)
    }

    /// Countries whose Arabic names take no article, as story text is normalized: a fixed set of
    /// the ones news lists most (the Council's members, grain buyers, the region).
    private static let arabicCountryKeys = KeyTable(TextNormalizer.words(
        "روسيا سوريا ليبيا مصر إيران تركيا قطر لبنان تونس عمان أوكرانيا فرنسا بريطانيا ألمانيا إيطاليا إسبانيا "
            + "أمريكا أميركا باكستان أفغانستان إثيوبيا إريتريا جيبوتي فلسطين إسرائيل نيجيريا كينيا إندونيسيا بنغلاديش "
            + "موزمبيق غيانا سيراليون ماليزيا كوريا").map { WordForm.hash($0.utf8) })

    /// Whether the word is "and"/"or" in English or Russian. Compared as UTF-8 bytes (String
    /// equality on Cyrillic and Arabic goes through Unicode normalization, which made this the
    /// classifier's slowest step), after the word's key (one comparison for most words).
    private static func isConjunction(_ tokens: UnsafeBufferPointer<Token>, at index: Int) -> Bool {
        let key = tokens[index].forms.first.key
        guard key == conjunctionKeys.0 || key == conjunctionKeys.1 || key == conjunctionKeys.2 || key == conjunctionKeys.3
            || key == conjunctionKeys.4 else { return false }
        return conjunctions.contains { tokens[index].text.utf8.elementsEqual($0) }
    }

    static let conjunctions: [[UInt8]] = ["and", "or", "и", "или", "либо"].map { Array($0.utf8) }
    static let conjunctionKeys = (WordForm.hash("and".utf8), WordForm.hash("or".utf8), WordForm.hash("и".utf8),
                                  WordForm.hash("или".utf8), WordForm.hash("либо".utf8))
    static let russianA = Array("а".utf8)
    static let arabicWaw = Array("\u{0648}".utf8)
    static let arabicArticle = Array("\u{0627}\u{0644}".utf8)
}
