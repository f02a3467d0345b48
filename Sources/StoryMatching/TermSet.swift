/// A list of terms compiled for matching over token arrays: terms are indexed by their first
/// word (exact words, and stems by their first three letters), so a story is matched in time
/// proportional to its length, not to the number of terms.
public struct TermSet: Sendable {
    public let terms: [Term]
    /// First-word byte key -> terms (a range of `candidates`).
    private let exact: KeyTable<TermRange>
    /// First-three-letters byte key of a stem -> terms.
    private let stems: KeyTable<TermRange>
    /// Term indices grouped by first word, for `exact` and `stems`.
    private let candidates: [Int]
    /// Each term's words as bytes, so tokens are compared without strings or copies of `Term`.
    private let words: TermWords
    /// Each term's `source` and `group`, for its hits.
    private let sources: [String]
    private let groups: [String?]
    /// Each term's `atSentenceStart`.
    private let anchored: [Bool]

    public init(_ terms: [Term]) {
        self.terms = terms
        var exact: [UInt64: [Int]] = [:]
        var stems: [UInt64: [Int]] = [:]
        for (index, term) in terms.enumerated() {
            guard let first = term.parts.first else { continue }
            if first.isStem {
                stems[first.key, default: []].append(index)
            } else {
                exact[first.key, default: []].append(index)
            }
        }
        var candidates: [Int] = []
        func ranges(_ lists: [UInt64: [Int]]) -> [UInt64: TermRange] {
            lists.mapValues { list in
                defer { candidates += list }
                return TermRange(start: candidates.count, count: list.count)
            }
        }
        self.exact = KeyTable(ranges(exact))
        self.stems = KeyTable(ranges(stems))
        self.candidates = candidates
        words = TermWords(terms)
        sources = terms.map(\.source)
        groups = terms.map(\.group)
        anchored = terms.map(\.atSentenceStart)
    }

    /// Parses each string as a term; the first bad one is reported.
    public init(parsing sources: [String]) throws(TermError) {
        var terms: [Term] = []
        for source in sources { terms.append(try Term(parsing: source)) }
        self.init(terms)
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Every place a term matches in `tokens`.
    public func hits(in tokens: [Token]) -> [TermHit] {
        var hits: [TermHit] = []
        forEachHit(in: tokens) { _, hit in hits.append(hit) }
        return hits
    }

    /// Calls `body` with every hit, in text order, and the index of its term in `terms`.
    func forEachHit(in tokens: [Token], _ body: (Int, TermHit) -> Void) {
        guard !terms.isEmpty else { return }
        // Through a buffer pointer, tokens are read in place (`Token.withBytes`).
        tokens.withUnsafeBufferPointer { forEachHit(in: $0, body) }
    }

    private func forEachHit(in tokens: UnsafeBufferPointer<Token>, _ body: (Int, TermHit) -> Void) {
        var found: [Int] = []
        for start in tokens.indices {
            if !found.isEmpty { found.removeAll(keepingCapacity: true) }
            // Form by form, not through a closure (`Token.withBytes` says why).
            let endsInS = tokens[start].text.utf8.last == UInt8(ascii: "s")
            for form in 0..<tokens[start].forms.count {
                collect(tokens[start].forms[form], into: &found)
                if endsInS { collectSingular(tokens[start].text.utf8.dropFirst(Int(tokens[start].forms[form].start)), into: &found) }
            }
            guard !found.isEmpty else { continue }
            if found.count > 1 { Self.sortUnique(&found) }
            // A ^term is the sentence's first word, not a possessive ("Yemen's rebels").
            let opensSentence = (start == 0 || tokens[start - 1].unit != tokens[start].unit) && !tokens[start].isPossessive
            for index in found where opensSentence || !anchored[index] {
                let end = start + words.count(of: index)
                guard end <= tokens.count, words.matches(index, tokens, at: start) else { continue }
                body(index, TermHit(term: sources[index], range: start..<end, unit: tokens[start].unit, group: groups[index]))
            }
        }
    }

    /// Sorted, each index once (a term can be a candidate through several forms of a word).
    private static func sortUnique(_ candidates: inout [Int]) {
        candidates.sort()
        var kept = 1
        for index in 1..<candidates.count where candidates[index] != candidates[kept - 1] {
            candidates[kept] = candidates[index]
            kept += 1
        }
        candidates.removeLast(candidates.count - kept)
    }

    /// Terms whose first word could match the form, by its keys (verified by the caller).
    @inline(__always)
    private func collect(_ form: WordForm, into found: inout [Int]) {
        if let range = exact[form.key] { append(range, to: &found) }
        if !stems.isEmpty, let prefix = form.prefixKey, let range = stems[prefix] { append(range, to: &found) }
    }

    /// Terms whose first word could be the singular of the form `word`: "houthis" may be the
    /// term "houthi", "ships" the term "ship", and «بـHouthis» (a clitic on a Latin word) too.
    @inline(__always)
    private func collectSingular(_ word: Substring.UTF8View, into found: inout [Int]) {
        guard word.count > 2 else { return }
        let stem = word.dropLast()
        if let range = exact[WordForm.hash(stem)] { append(range, to: &found) }
        if stem.last == UInt8(ascii: "e"), let range = exact[WordForm.hash(stem.dropLast())] { append(range, to: &found) }
    }

    @inline(__always)
    private func append(_ range: TermRange, to found: inout [Int]) {
        for position in range.start..<range.start + range.count { found.append(candidates[position]) }
    }
}

/// A run of `TermSet.candidates`.
struct TermRange: Sendable {
    let start: Int
    let count: Int
}

/// The words of a list of terms as normalized UTF-8, in one array, and whether a token matches
/// them: terms are normalized exactly like story text, so words compare as bytes.
struct TermWords: Sendable {
    /// Every word's bytes, one after another.
    private let bytes: [UInt8]
    /// Per word: its bytes' start and end in `bytes`, whether it matches as a prefix (a stem), and
    /// whether punctuation may stand before it (`Term.Part.followsBreak`).
    private let words: [(start: Int, end: Int, isStem: Bool, followsBreak: Bool)]
    /// Per term: its words' start in `words` (the term's words end where the next term's start).
    private let firstWord: [Int]

    init(_ terms: [Term]) {
        var bytes: [UInt8] = []
        var words: [(start: Int, end: Int, isStem: Bool, followsBreak: Bool)] = []
        var firstWord: [Int] = []
        for term in terms {
            firstWord.append(words.count)
            for part in term.parts {
                let start = bytes.count
                bytes += part.text.utf8
                words.append((start, bytes.count, part.isStem, part.followsBreak))
            }
        }
        firstWord.append(words.count)
        self.bytes = bytes
        self.words = words
        self.firstWord = firstWord
    }

    /// How many words term `term` has (tokens it covers).
    @inline(__always)
    func count(of term: Int) -> Int { firstWord[term + 1] - firstWord[term] }

    /// Whether term `term` matches the tokens from `start` on (the caller checked there are enough).
    /// A phrase does not run across the end of a sentence, nor across a colon or a dash between
    /// clauses: "… strikes on Yemen — Russia's UN envoy" in a headline is not the pair "Yemen-Russia".
    func matches(_ term: Int, _ tokens: UnsafeBufferPointer<Token>, at start: Int) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            for offset in 0..<count(of: term) {
                let word = words[firstWord[term] + offset]
                if offset > 0, tokens[start + offset].unit != tokens[start].unit
                    || !word.followsBreak && Self.breaksPhrase(tokens[start + offset].punctuationBefore) { return false }
                let part = UnsafeBufferPointer(rebasing: all[word.start..<word.end])
                if !Self.matches(part, isStem: word.isStem, tokens, at: start + offset) { return false }
            }
            return true
        }
    }

    /// Punctuation that ends a phrase, unless the term has it too: semicolons and colons (Latin and
    /// Arabic), and the em dash and the bar that set a source or a clause apart. Commas ("Moscow,
    /// Idaho" is one place), unspaced hyphens and en dashes ("Yemen–Russia"), quotes and full
    /// stops ("U.S.") stay inside one; a spaced dash is read as an em dash (`readsAsEmDash`).
    @inline(__always)
    static func breaksPhrase(_ punctuation: Unicode.Scalar?) -> Bool {
        switch punctuation {
        case ";", ":", "\u{2014}", "|", "\u{061B}": true
        default: false
        }
    }

    /// Whether a dash sets off a clause as an em dash does, in story text and in terms alike: a
    /// horizontal bar (U+2015) always; a hyphen, figure or en dash or minus with a space on each
    /// side ("strikes on Yemen – Russia's envoy said"; unspaced it joins: "Yemen–Russia talks",
    /// "al-Houthi"), except after an Arabic word, since Arabic writes compounds with a spaced dash
    /// (اللجنة اليمنية – الروسية, "the Yemeni–Russian committee"). `spaced` is asked only for a dash.
    @inline(__always)
    static func readsAsEmDash(_ scalar: Unicode.Scalar, afterArabic: Bool, spaced: () -> Bool) -> Bool {
        switch scalar {
        case "\u{2015}": true
        case "-", "\u{2012}", "\u{2013}", "\u{2212}": !afterArabic && spaced()
        default: false
        }
    }

    /// Whether any form of `tokens[index]` satisfies one word of a term, the token read in place
    /// (`Token.withBytes`).
    @inline(__always)
    static func matches(_ part: UnsafeBufferPointer<UInt8>, isStem: Bool, _ tokens: UnsafeBufferPointer<Token>, at index: Int) -> Bool {
        Token.withBytes(of: tokens[index].text) { bytes in
            for form in 0..<tokens[index].forms.count {
                let start = Int(tokens[index].forms[form].start)
                if matches(part, isStem: isStem, UnsafeBufferPointer(rebasing: bytes[start...])) { return true }
            }
            return false
        }
    }

    /// Whether one form of a token satisfies one word of a term. A plain English word also
    /// matches its plural (`houthi` matches `houthis`), since feeds use both and nobody wants to
    /// list both.
    @inline(__always)
    static func matches(_ part: UnsafeBufferPointer<UInt8>, isStem: Bool, _ token: UnsafeBufferPointer<UInt8>) -> Bool {
        if isStem { return token.starts(with: part) }
        if token.elementsEqual(part) { return true }
        guard token.count == part.count + 1 || token.count == part.count + 2, token.starts(with: part),
              let last = part.last, last < 0x80 else { return false }
        // The ending is "s" or "es".
        return token[token.count - 1] == UInt8(ascii: "s") && (token.count == part.count + 1 || token[part.count] == UInt8(ascii: "e"))
    }
}
