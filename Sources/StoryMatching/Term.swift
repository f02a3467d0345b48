/// A keyword as a user writes it in config: a word (`yemen`), a stem (`росси*`), or a phrase of
/// either (`"ansar allah"`, `"русск* рулетк*"`), optionally anchored to the start of a sentence
/// (`^yemen`). Terms are normalized exactly like story text, and always match whole tokens, never
/// raw substrings.
public struct Term: Sendable, Hashable, CustomStringConvertible {
    /// One position of a term: the normalized word, and whether it matches as a prefix.
    public struct Part: Sendable, Hashable {
        public var text: String
        public var isStem: Bool
        /// The term itself has a mark that ends a phrase (a colon, a semicolon, an em dash, a bar)
        /// before this word ("yemen: russia"), so the story may too (`TermWords.breaksPhrase`).
        public var followsBreak = false
        /// FNV-1a of the UTF-8 bytes (of the first three scalars, for a stem).
        var key: UInt64 { isStem ? (WordForm(text.utf8, start: 0).prefixKey ?? 0) : WordForm.hash(text.utf8) }
    }

    /// The term as written in config, used when reporting which terms fired.
    public var source: String
    public var parts: [Part]
    /// The alias group the term came from (`@bogdanov` in config), or nil for a plain term. Every
    /// spelling of one name shares it, so stories that spell a name differently still share it.
    public var group: String?
    /// Matches only as the first word of the title or of a sentence, and not as a possessive (`^`
    /// in config): there a country's name is usually the subject that acts ("Yemen signed…",
    /// «Йемен купил…»), not the place where something happens ("…strikes in Yemen") or the owner
    /// of what does ("Yemen's rebels…").
    public var atSentenceStart: Bool

    public var description: String { source }

    /// Parses a term; fails with a message a person can act on when nothing matchable remains.
    public init(parsing source: String) throws(TermError) {
        let trimmed = source.trimmingCharacters(in: .whitespaces)
        var body = Substring(trimmed)
        if body.count >= 2, let first = body.first, let last = body.last,
           (first == "\"" && last == "\"") || (first == "'" && last == "'") {
            body = body.dropFirst().dropLast()
        }
        let atSentenceStart = body.first == "^"
        if atSentenceStart { body = body.dropFirst() }
        if body.contains("^") { throw TermError(term: source, problem: "'^' is allowed only at the start of a term") }
        if atSentenceStart, body.hasPrefix("@") {
            throw TermError(term: source, problem: "'^' cannot anchor an alias; anchor the alias's own terms instead")
        }
        var parts: [Part] = []
        var afterBreak = false
        // A mark that ends a phrase is a chunk of its own, so "yemen:russia" reads "yemen : russia";
        // a dash reads as in a story ("russia - ukraine war" holds an em dash).
        let scalars = Array(body.unicodeScalars)
        let spaced = scalars.indices.map { index -> String in
            let scalar = scalars[index]
            let arabic = index > 1 && TextNormalizer.isArabic(scalars[index - 2])
            if TermWords.readsAsEmDash(scalar, afterArabic: arabic, spaced: {
                index > 0 && index + 1 < scalars.count && scalars[index - 1] == " " && scalars[index + 1] == " "
            }) { return " \u{2014} " }
            return TermWords.breaksPhrase(scalar) ? " \(scalar) " : String(scalar)
        }.joined()
        for chunk in spaced.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let isStem = chunk.hasSuffix("*")
            let word = isStem ? chunk.dropLast() : chunk
            if word.contains("*") { throw TermError(term: source, problem: "'*' is allowed only at the end of a word") }
            let words = TextNormalizer.words(String(word))
            if word.unicodeScalars.count == 1, TermWords.breaksPhrase(word.unicodeScalars.first) { afterBreak = true }
            for (index, text) in words.enumerated() {
                let form = TextNormalizer.isArabic(text) ? TextNormalizer.arabicTermForm(text) : text
                parts.append(Part(text: form, isStem: isStem && index == words.count - 1, followsBreak: afterBreak))
                afterBreak = false
            }
        }
        guard !parts.isEmpty else { throw TermError(term: source, problem: "it has no letters or digits to match") }
        if let stem = parts.first(where: { $0.isStem && $0.text.count < 3 }) {
            throw TermError(term: source, problem: "the stem '\(stem.text)*' is shorter than 3 letters and would match too much")
        }
        self.source = trimmed
        self.parts = parts
        self.atSentenceStart = atSentenceStart
    }

    /// Whether every word `other` matches, this term matches too, at the same place: the same
    /// words, a stem of them, or their English singular (`houthi` matches `houthis`).
    public func covers(_ other: Term) -> Bool {
        guard parts.count == other.parts.count, !atSentenceStart || other.atSentenceStart else { return false }
        return zip(parts, other.parts).allSatisfy { mine, theirs in
            // "yemen: russia" matches across a colon, "yemen russia" does not.
            guard mine.followsBreak || !theirs.followsBreak else { return false }
            if mine.isStem { return theirs.text.hasPrefix(mine.text) }
            // A story word equal to `theirs` is matched by `mine` as `TermSet` matches words.
            return !theirs.isStem && Array(mine.text.utf8).withUnsafeBufferPointer { part in
                Array(theirs.text.utf8).withUnsafeBufferPointer { TermWords.matches(part, isStem: false, $0) }
            }
        }
    }

    /// Why the term as written could never match story text, or nil: an invisible character
    /// inside a word (pasted from a web page), or one word mixing scripts (a Latin "o" typed in a
    /// Cyrillic word looks right and matches nothing). Such a term is valid, so a config that
    /// loaded before still loads; the config loader warns about it.
    public var unmatchableReason: String? { Self.unmatchable(Substring(source)) }

    /// Why the term would match nearly every story, or nil: every word of it is, as the term is
    /// read, a function word ("the", «и», في). An Arabic term loses its article before matching,
    /// so `الان` ("now") is read as ان and would fire on every أن and إن; nobody sees that from
    /// the config, so `check-config` says it.
    public var functionWordReason: String? {
        guard parts.allSatisfy({ !$0.isStem && ContentWords.stopwordKeys.contains(WordForm.hash($0.text.utf8)) }) else { return nil }
        let read = parts.map(\.text).joined(separator: " ")
        return "it is read as \"\(read)\", \(parts.count == 1 ? "a function word" : "function words") found in nearly every story; use a longer word or phrase"
    }

    static func unmatchable(_ text: Substring) -> String? {
        for scalar in text.unicodeScalars where scalar.properties.generalCategory == .format || scalar == "\u{00AD}" {
            return "it contains an invisible character (U+\(String(scalar.value, radix: 16, uppercase: true))) that no story word contains; retype it"
        }
        for word in text.split(whereSeparator: { !TextNormalizer.isWordScalar($0.unicodeScalars.first ?? " ") || $0 == "*" }) {
            var scripts = Set<String>()
            for scalar in word.unicodeScalars {
                switch scalar.value {
                case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: scripts.insert("Latin")
                case 0x0400...0x04FF: scripts.insert("Cyrillic")
                case 0x0600...0x06FF: scripts.insert("Arabic")
                default: continue
                }
            }
            if scripts.count > 1 {
                return "the word '\(word)' mixes \(scripts.sorted().joined(separator: " and ")) letters, so no story word can match it (a letter typed on the wrong keyboard?)"
            }
        }
        return nil
    }
}

/// A term in config that cannot be used, with the reason.
public struct TermError: Error, Equatable, CustomStringConvertible {
    public var term: String
    public var problem: String

    public var description: String { "term \"\(term)\": \(problem)" }
}
