import Foundation

/// One word of a story after normalization, with where it stood: `unit` is 0 for the title and
/// 1, 2, ... for the sentences after it, so rules can ask whether two words are near each other.
public struct Token: Sendable, Equatable {
    public var text: String
    public var unit: Int
    /// For Arabic words, the word without each possible clitic prefix (و ف ب ل ك ال لل), so
    /// that terms match واليمن, باليمن and لليمن as اليمن without guessing which letters are
    /// prefixes. Empty for other scripts.
    public var variants: [String]
    /// The punctuation that separated this word from the previous one in the same sentence
    /// (the last one when there were several), or nil when only spaces did. Lists and clauses
    /// are read from it.
    public var punctuationBefore: Unicode.Scalar?

    public init(text: String, unit: Int, variants: [String] = [], punctuationBefore: Unicode.Scalar? = nil) {
        self.text = text
        self.unit = unit
        self.variants = variants
        self.punctuationBefore = punctuationBefore
    }
}

/// Splits text into normalized word tokens the same way for stories and for configured terms, so
/// that a term matches exactly the spellings the normalizer folds together:
/// case, Latin diacritics, `ё`/`е`, apostrophes inside words (Sana'a = Sanaa), English possessive
/// `'s`, Arabic harakat, tatweel and alef/ya/ta-marbuta/hamza variants; Arabic words also carry
/// their readings without the clitic prefixes و ف ب ل ك ال لل (`Token.variants`), so واليمن,
/// باليمن and لليمن all match اليمن. Hyphens and punctuation separate words,
/// so "Baden-Baden" never contains "Aden" and "Yemeni-Russian" holds both.
public enum TextNormalizer {
    /// Tokens of `text`, with `firstUnit` for the first sentence; sentence ends advance the unit.
    public static func tokens(_ text: String, firstUnit: Int = 0, splitSentences: Bool = true) -> [Token] {
        var result: [Token] = []
        var unit = firstUnit
        var word = String.UnicodeScalarView()
        var pendingApostrophe = false
        var unitHasWords = false
        var punctuation: Unicode.Scalar?

        func flush() {
            pendingApostrophe = false
            guard !word.isEmpty else { return }
            let (normalized, arabic) = normalizeWord(word)
            word = String.UnicodeScalarView()
            guard !normalized.isEmpty else { return }
            result.append(Token(text: normalized, unit: unit, variants: arabic ? arabicVariants(normalized) : [],
                                punctuationBefore: unitHasWords ? punctuation : nil))
            punctuation = nil
            unitHasWords = true
        }

        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if isWordScalar(scalar) {
                if pendingApostrophe { word.append("'"); pendingApostrophe = false }
                word.append(scalar)
                continue
            }
            if isApostrophe(scalar), !word.isEmpty {
                pendingApostrophe = true
                continue
            }
            let lastWord = word
            flush()
            if splitSentences, isSentenceEnd(scalar), unitHasWords,
               !continuesSentence(scalar, next: index + 1 < scalars.count ? scalars[index + 1] : nil, word: lastWord) {
                unit += 1
                unitHasWords = false
                punctuation = nil
            } else if !scalar.properties.isWhitespace {
                punctuation = scalar
            }
        }
        flush()
        return result
    }

    /// A full stop that does not end a sentence: inside a number ("4.8"), or after an initial or
    /// a common abbreviation ("U.S.", "Col. Gen.", "Dr.").
    static func continuesSentence(_ scalar: Unicode.Scalar, next: Unicode.Scalar?, word: String.UnicodeScalarView) -> Bool {
        guard scalar == "." else { return false }
        if let next, !next.properties.isWhitespace { return true }
        if word.count == 1, word.first?.properties.isUppercase == true { return true }
        return abbreviations.contains(String(word).lowercased())
    }

    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "adm", "st", "no", "vs", "jan",
        "feb", "aug", "sept", "oct", "nov", "dec", "corp", "inc", "ltd", "co", "jr", "sr", "prof",
        "г", "гг", "т", "тыс", "млн", "млрд", "руб", "ул", "им",
    ]

    /// Normalized forms of the words in `text`, without positions.
    public static func words(_ text: String) -> [String] {
        tokens(text, splitSentences: false).map(\.text)
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        if p.isAlphabetic || p.numericType != nil { return true }
        // Combining marks (Arabic harakat, Latin accents in decomposed text) belong to their word.
        return p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }

    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{02BC}" || s == "\u{2018}" || s == "`"
    }

    static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
        s == "." || s == "!" || s == "?" || s == "\u{061F}" || s == "\u{06D4}" || s == "\n"
            || s == "\u{2026}" || s == ";"
    }

    /// Normalizes one word (already known to be letters, digits and inner apostrophes).
    static func normalizeWord(_ raw: String.UnicodeScalarView) -> (String, Bool) {
        var out = String.UnicodeScalarView()
        var arabic = false
        var lastApostrophe = -1
        for scalar in String(raw).lowercased().unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x0027:
                lastApostrophe = out.count
                continue  // Sana'a -> sanaa; the position lets us drop a possessive 's
            case 0x0451: out.append("\u{0435}")  // ё -> е
            case 0x064B...0x065F, 0x0670, 0x0640, 0x06D6...0x06ED: arabic = true  // harakat, tatweel
            case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}"); arabic = true  // alef forms
            case 0x0649: out.append("\u{064A}"); arabic = true  // alef maqsura -> ya
            case 0x0629: out.append("\u{0647}"); arabic = true  // ta marbuta -> ha
            case 0x0624: out.append("\u{0648}"); arabic = true  // waw with hamza
            case 0x0626: out.append("\u{064A}"); arabic = true  // ya with hamza
            case 0x0600...0x06FF: out.append(scalar); arabic = true
            case 0x00C0...0x024F, 0x1E00...0x1EFF:
                // Latin letters with diacritics: keep the base letter.
                let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                    .filter { $0.properties.generalCategory != .nonspacingMark }
                out.append(contentsOf: base)
            default:
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                out.append(scalar)
            }
        }
        // English possessive: "russia's" -> "russia" (the apostrophe sat right before a final s).
        if lastApostrophe >= 0, lastApostrophe == out.count - 1, out.last == "s" {
            out.removeLast()
        }
        return (String(out), arabic)
    }

    static let waw: Unicode.Scalar = "\u{0648}", fa: Unicode.Scalar = "\u{0641}", ba: Unicode.Scalar = "\u{0628}"
    static let lam: Unicode.Scalar = "\u{0644}", kaf: Unicode.Scalar = "\u{0643}", alef: Unicode.Scalar = "\u{0627}"

    /// The word and its readings without proclitics: optional و/ف, then ب/ل/ك, then ال (or لل for
    /// ل + ال), always keeping at least two letters.
    static func arabicVariants(_ word: String) -> [String] {
        let letters = Array(word.unicodeScalars)
        var starts: Set<Int> = [0]
        var conjunction = [0]
        if letters.count >= 3, letters[0] == waw || letters[0] == fa { conjunction.append(1) }
        for c in conjunction {
            starts.insert(c)
            let rest = letters.count - c
            if rest >= 4, letters[c] == lam, letters[c + 1] == lam { starts.insert(c + 2) }
            if rest >= 4, letters[c] == alef, letters[c + 1] == lam { starts.insert(c + 2) }
            if rest >= 3, letters[c] == ba || letters[c] == lam || letters[c] == kaf {
                starts.insert(c + 1)
                if rest >= 5, letters[c + 1] == alef, letters[c + 2] == lam { starts.insert(c + 3) }
            }
        }
        return starts.sorted().map { start in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: letters[start...])
            return String(view)
        }
    }

    /// A configured Arabic term word in the form variants are compared with: without its article,
    /// so that `اليمن` in config matches يمن after any clitic.
    static func arabicTermForm(_ word: String) -> String {
        let letters = Array(word.unicodeScalars)
        guard letters.count >= 4, letters[0] == alef, letters[1] == lam else { return word }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: letters[2...])
        return String(view)
    }

    static func isArabic(_ word: String) -> Bool {
        word.unicodeScalars.first.map { (0x0600...0x06FF).contains($0.value) } ?? false
    }
}
