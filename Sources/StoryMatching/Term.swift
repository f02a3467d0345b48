/// A keyword as a user writes it in config: a word (`yemen`), a stem (`росси*`), or a phrase of
/// either (`"ansar allah"`, `"русск* рулетк*"`). Terms are normalized exactly like story text,
/// and always match whole tokens, never raw substrings.
public struct Term: Sendable, Hashable, CustomStringConvertible {
    /// One position of a term: the normalized word, and whether it matches as a prefix.
    public struct Part: Sendable, Hashable {
        public var text: String
        public var isStem: Bool
    }

    /// The term as written in config, used when reporting which terms fired.
    public var source: String
    public var parts: [Part]

    public var description: String { source }

    /// Parses a term; fails with a message a person can act on when nothing matchable remains.
    public init(parsing source: String) throws(TermError) {
        let trimmed = source.trimmingCharacters(in: .whitespaces)
        var body = Substring(trimmed)
        if body.count >= 2, let first = body.first, let last = body.last,
           (first == "\"" && last == "\"") || (first == "'" && last == "'") {
            body = body.dropFirst().dropLast()
        }
        var parts: [Part] = []
        for chunk in body.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let isStem = chunk.hasSuffix("*")
            let word = isStem ? chunk.dropLast() : chunk
            if word.contains("*") { throw TermError(term: source, problem: "'*' is allowed only at the end of a word") }
            let words = TextNormalizer.words(String(word))
            for (index, text) in words.enumerated() {
                let form = TextNormalizer.isArabic(text) ? TextNormalizer.arabicTermForm(text) : text
                parts.append(Part(text: form, isStem: isStem && index == words.count - 1))
            }
        }
        guard !parts.isEmpty else { throw TermError(term: source, problem: "it has no letters or digits to match") }
        if let stem = parts.first(where: { $0.isStem && $0.text.count < 3 }) {
            throw TermError(term: source, problem: "the stem '\(stem.text)*' is shorter than 3 letters and would match too much")
        }
        self.source = trimmed
        self.parts = parts
    }

    /// Whether one token satisfies one part of the term. A plain English word also matches its
    /// plural (`houthi` matches `houthis`), since feeds use both and nobody wants to list both.
    static func matches(_ part: Part, _ token: Token) -> Bool {
        if token.variants.isEmpty { return matches(part, token.text) }
        return token.variants.contains { matches(part, $0) }
    }

    @inline(__always)
    static func matches(_ part: Part, _ token: String) -> Bool {
        if part.isStem { return token.hasPrefix(part.text) }
        if token == part.text { return true }
        guard token.utf8.count == part.text.utf8.count + 1 || token.utf8.count == part.text.utf8.count + 2,
              token.hasPrefix(part.text), part.text.unicodeScalars.last.map({ $0.isASCII }) == true else {
            return false
        }
        let suffix = token.dropFirst(part.text.count)
        return suffix == "s" || suffix == "es"
    }
}

/// A term in config that cannot be used, with the reason.
public struct TermError: Error, Equatable, CustomStringConvertible {
    public var term: String
    public var problem: String

    public var description: String { "term \"\(term)\": \(problem)" }
}
