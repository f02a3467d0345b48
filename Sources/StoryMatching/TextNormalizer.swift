/// Splits text into normalized word tokens the same way for stories and for configured terms, so
/// that a term matches exactly the spellings the normalizer folds together:
/// Unicode compatibility forms (NFKC), case, Latin diacritics, `ё`/`е`, apostrophes inside words (Sana'a = Sanaa), English possessive
/// `'s`, Arabic harakat, tatweel and alef/ya/ta-marbuta/hamza variants; Arabic words also carry
/// their readings without the clitic prefixes و ف ب ل ك ال لل (`Token.variants`), so واليمن,
/// باليمن and لليمن all match اليمن. Hyphens and punctuation separate words,
/// so "Baden-Baden" never contains "Aden" and "Yemeni-Russian" holds both.
public enum TextNormalizer {
    /// Tokens of `text`, with `firstUnit` for the first sentence; sentence ends advance the unit.
    public static func tokens(_ text: String, firstUnit: Int = 0, splitSentences: Bool = true) -> [Token] {
        var tokens: [Token] = []
        appendTokens(of: text, to: &tokens, firstUnit: firstUnit, splitSentences: splitSentences)
        return tokens
    }

    /// Appends the tokens of `text` to `tokens` (a story's title, lead and body go into one array
    /// without copying it).
    static func appendTokens(of text: String, to tokens: inout [Token], firstUnit: Int, splitSentences: Bool) {
        var text = text
        var scanner = WordScanner(firstUnit: firstUnit, splitSentences: splitSentences)
        text.withUTF8 { scanner.scan($0, into: &tokens) }
    }

    /// A full stop that does not end a sentence: inside a number ("4.8"), or after an initial or
    /// a common abbreviation ("U.S.", "Col. Gen.", "Dr."). The word before it has `length`
    /// scalars as `normalizeWord` reads it, `first` is its first (nil: no word), and `key` gives
    /// the key of its normalized form.
    static func continuesSentence(_ scalar: Unicode.Scalar, next: Unicode.Scalar?, length: Int, first: Unicode.Scalar?,
                                  key: () -> UInt64) -> Bool {
        guard scalar == "." else { return false }
        if let next, !isWhitespace(next) { return true }
        if length == 1, first?.properties.isUppercase == true { return true }
        guard length <= 5 else { return false }
        return abbreviationKeys.contains(key())
    }

    /// The abbreviations' keys as `normalizeWord` folds them (lower case), so a word is looked up
    /// without building a string.
    static let abbreviationKeys = KeyTable(abbreviations.map { word -> UInt64 in
        var bytes: [UInt8] = []
        _ = normalizeWord(Array(word.unicodeScalars), into: &bytes)
        return WordForm.hash(bytes)
    })

    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "adm", "st", "no", "vs", "jan",
        "feb", "aug", "sept", "oct", "nov", "dec", "corp", "inc", "ltd", "co", "jr", "sr", "prof",
        "г", "гг", "т", "тыс", "млн", "млрд", "руб", "ул", "им",
    ]

    /// Normalized forms of the words in `text`, without positions.
    public static func words(_ text: String) -> [String] {
        tokens(text, splitSentences: false).map(\.text)
    }

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            let v = s.value | 0x20
            return (v >= 0x61 && v <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39)
        }
        // Cyrillic and Arabic letters and marks, without a Unicode property lookup.
        if (0x0410...0x044F).contains(s.value) || s.value == 0x0401 || s.value == 0x0451
            || (0x0621...0x065F).contains(s.value) || (0x0660...0x0669).contains(s.value) || s.value == 0x0670 {
            return true
        }
        return isOtherWordScalar(s)
    }

    /// `isWordScalar` by Unicode's tables, out of line (a function holding the property types
    /// sets them up on every call).
    @inline(never)
    private static func isOtherWordScalar(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        if p.isAlphabetic || p.numericType != nil { return true }
        // Combining marks (Arabic harakat, Latin accents in decomposed text) belong to their word.
        return p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }

    /// Unicode's White_Space, without a property lookup for ASCII.
    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? s.value == 0x20 || (0x09...0x0D).contains(s.value) : isOtherWhitespace(s)
    }

    @inline(never)
    private static func isOtherWhitespace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

    @inline(__always)
    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{02BC}" || s == "\u{2018}" || s == "`"
    }

    @inline(__always)
    static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
        s == "." || s == "!" || s == "?" || s == "\u{061F}" || s == "\u{06D4}" || s == "\n"
            || s == "\u{2026}" || s == ";"
    }
}
