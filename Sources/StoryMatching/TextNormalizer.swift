import Foundation

/// One word of a story after normalization, with where it stood: `unit` is 0 for the title and
/// 1, 2, ... for the sentences after it, so rules can ask whether two words are near each other.
public struct Token: Sendable, Equatable {
    public var text: String { forms.first.text }
    public var unit: Int
    /// For Arabic words, the word without each possible clitic prefix (و ف ب ل ك ال لل), so
    /// that terms match واليمن, باليمن and لليمن as اليمن without guessing which letters are
    /// prefixes. Empty for other scripts.
    public var variants: [String] { isArabic ? forms.map(\.text) : [] }
    /// The punctuation that separated this word from the previous one in the same sentence
    /// (the last one when there were several), or nil when only spaces did. Lists and clauses
    /// are read from it.
    public var punctuationBefore: Unicode.Scalar?

    /// The word and its variants with precomputed byte keys, for term lookup.
    let forms: WordForms
    private let isArabic: Bool

    public init(text: String, unit: Int, variants: [String] = [], punctuationBefore: Unicode.Scalar? = nil) {
        self.unit = unit
        self.punctuationBefore = punctuationBefore
        isArabic = !variants.isEmpty
        forms = variants.isEmpty ? WordForms(WordForm(text)) : WordForms(variants.map(WordForm.init))
    }

    /// A token from the normalizer: its forms already built from bytes.
    init(forms: WordForms, isArabic: Bool, unit: Int, punctuationBefore: Unicode.Scalar?) {
        self.forms = forms
        self.isArabic = isArabic
        self.unit = unit
        self.punctuationBefore = punctuationBefore
    }

    public static func == (lhs: Token, rhs: Token) -> Bool {
        lhs.text == rhs.text && lhs.unit == rhs.unit && lhs.variants == rhs.variants && lhs.punctuationBefore == rhs.punctuationBefore
    }
}

/// A token's forms: the word, then (Arabic) its readings without clitics. Most words have one
/// form, which is stored inline: a token costs no array of its own (this runs for every word).
struct WordForms: RandomAccessCollection, Sendable {
    let first: WordForm
    private let rest: [WordForm]

    init(_ only: WordForm) {
        first = only
        rest = []
    }

    /// `forms` must not be empty (the normalizer always has the word itself).
    init(_ forms: [WordForm]) {
        first = forms.first ?? WordForm("")
        rest = Array(forms.dropFirst())
    }

    var startIndex: Int { 0 }
    var endIndex: Int { rest.count + 1 }
    var last: WordForm { rest.last ?? first }
    subscript(position: Int) -> WordForm { position == 0 ? first : rest[position - 1] }
}

/// A normalized word with byte-level keys. Normalized words are already in one canonical form,
/// so they are compared as UTF-8 bytes: no Unicode-normalizing `String` comparison on the hot path.
struct WordForm: Sendable {
    let text: String
    /// FNV-1a of the UTF-8 bytes.
    let key: UInt64
    /// FNV-1a of the first three scalars (stems are at least three letters long).
    let prefixKey: UInt64?

    init(_ text: String) {
        self.init(bytes: Array(text.utf8)[...])
    }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One pass over the bytes for both keys.
    init(bytes: ArraySlice<UInt8>) {
        text = String(decoding: bytes, as: UTF8.self)
        var hash = Self.offsetBasis
        var prefix: UInt64?
        var scalars = 0
        for byte in bytes {
            if byte & 0xC0 != 0x80 {
                scalars += 1
                if scalars == 4 { prefix = hash }
            }
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        key = hash
        prefixKey = scalars == 3 ? hash : prefix
    }

    @inline(__always)
    /// FNV-1a of `bytes`; `continuing` the hash of what comes before them, so a word can be
    /// hashed in pieces (a stem and a replaced ending) without joining them.
    static func hash<S: Sequence>(_ bytes: S, continuing seed: UInt64 = offsetBasis) -> UInt64 where S.Element == UInt8 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

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
        var result: [Token] = []
        var unit = firstUnit
        var word: [Unicode.Scalar] = []
        word.reserveCapacity(32)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        var pendingApostrophe = false
        var unitHasWords = false
        var punctuation: Unicode.Scalar?

        func flush() {
            pendingApostrophe = false
            guard !word.isEmpty else { return }
            let arabic = normalizeWord(word, into: &bytes)
            word.removeAll(keepingCapacity: true)
            guard !bytes.isEmpty else { return }
            let forms = arabic ? WordForms(arabicVariants(bytes)) : WordForms(WordForm(bytes: bytes[...]))
            result.append(Token(forms: forms, isArabic: arabic, unit: unit, punctuationBefore: unitHasWords ? punctuation : nil))
            punctuation = nil
            unitHasWords = true
        }

        // One scalar of lookahead (is a full stop followed by a space?), without copying the text.
        var remaining = text.unicodeScalars.makeIterator()
        var upcoming = remaining.next()
        while let scalar = upcoming {
            upcoming = remaining.next()
            if isWordScalar(scalar) {
                if pendingApostrophe { word.append("'"); pendingApostrophe = false }
                word.append(scalar)
                continue
            }
            if isApostrophe(scalar), !word.isEmpty {
                pendingApostrophe = true
                continue
            }
            // Read before the word is flushed: keeping a copy of it would make every flush
            // reallocate the word buffer.
            let endsSentence = splitSentences && isSentenceEnd(scalar) && !continuesSentence(scalar, next: upcoming, word: word)
            flush()
            if endsSentence, unitHasWords {
                unit += 1
                unitHasWords = false
                punctuation = nil
            } else if scalar != " ", !scalar.properties.isWhitespace {
                punctuation = scalar
            }
        }
        flush()
        return result
    }

    /// A full stop that does not end a sentence: inside a number ("4.8"), or after an initial or
    /// a common abbreviation ("U.S.", "Col. Gen.", "Dr.").
    static func continuesSentence(_ scalar: Unicode.Scalar, next: Unicode.Scalar?, word: [Unicode.Scalar]) -> Bool {
        guard scalar == "." else { return false }
        if let next, !next.properties.isWhitespace { return true }
        if word.count == 1, word.first?.properties.isUppercase == true { return true }
        guard word.count <= 5 else { return false }
        var bytes: [UInt8] = []
        _ = normalizeWord(word, into: &bytes)
        return abbreviationKeys.contains(WordForm.hash(bytes))
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

    /// Normalizes one word (letters, digits and inner apostrophes) into `out` as UTF-8, and says
    /// whether it is Arabic.
    static func normalizeWord(_ raw: [Unicode.Scalar], into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        var arabic = false
        var apostropheAt = -1
        // NFKC for the compatibility characters feeds carry (Arabic presentation forms, full-width
        // Latin, ligatures); the common scripts are already in their normal form.
        var source = raw
        if raw.contains(where: { $0.value >= 0x2000 }) {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: raw)
            source = Array(String(view).precomposedStringWithCompatibilityMapping.unicodeScalars)
        }
        for original in source {
            // Lower-case: ASCII and Cyrillic by code point, anything else by Unicode's mapping.
            var scalar = original
            switch original.value {
            case 0x41...0x5A, 0x0410...0x042F: scalar = Unicode.Scalar(original.value + 0x20) ?? original
            case 0x0400...0x040F: scalar = Unicode.Scalar(original.value + 0x50) ?? original
            case 0x00...0x7F, 0x0430...0x04FF, 0x0600...0x06FF: break
            default:
                let lowered = original.properties.lowercaseMapping.unicodeScalars
                if lowered.count == 1, let first = lowered.first { scalar = first } else {
                    for piece in lowered { appendUTF8(piece, to: &out) }
                    continue
                }
            }
            let v = scalar.value
            switch v {
            case 0x0027: apostropheAt = out.count  // Sana'a -> sanaa; the position lets us drop a possessive 's
            case 0x0451: appendUTF8("\u{0435}", to: &out)  // ё -> е
            case 0x064B...0x065F, 0x0670, 0x0640, 0x06D6...0x06ED: arabic = true  // harakat, tatweel
            case 0x0622, 0x0623, 0x0625, 0x0671: appendUTF8("\u{0627}", to: &out); arabic = true  // alef forms
            case 0x0649: appendUTF8("\u{064A}", to: &out); arabic = true  // alef maqsura -> ya
            case 0x0629: appendUTF8("\u{0647}", to: &out); arabic = true  // ta marbuta -> ha
            case 0x0624: appendUTF8("\u{0648}", to: &out); arabic = true  // waw with hamza
            case 0x0626: appendUTF8("\u{064A}", to: &out); arabic = true  // ya with hamza
            case 0x0600...0x06FF: appendUTF8(scalar, to: &out); arabic = true
            case 0x00C0...0x024F, 0x1E00...0x1EFF:
                // Latin letters with diacritics: keep the base letter.
                for base in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                where base.properties.generalCategory != .nonspacingMark {
                    appendUTF8(base, to: &out)
                }
            case 0x00...0x2FF, 0x0400...0x04FF: appendUTF8(scalar, to: &out)
            default:
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                appendUTF8(scalar, to: &out)
            }
        }
        // English possessive: "russia's" -> "russia" (the apostrophe sat right before a final s).
        if apostropheAt >= 0, apostropheAt == out.count - 1, out.last == UInt8(ascii: "s") {
            out.removeLast()
        }
        return arabic
    }

    @inline(__always)
    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }


    // UTF-8 bytes of the clitic letters (all two-byte: 0xD9/0xD8 lead).
    static let waw: [UInt8] = [0xD9, 0x88], fa: [UInt8] = [0xD9, 0x81], ba: [UInt8] = [0xD8, 0xA8]
    static let lam: [UInt8] = [0xD9, 0x84], kaf: [UInt8] = [0xD9, 0x83], alef: [UInt8] = [0xD8, 0xA7]

    /// The word and its readings without proclitics: optional و/ف, then ب/ل/ك, then ال (or لل for
    /// ل + ال), always keeping at least two letters, shortest prefix first. `word` is normalized
    /// UTF-8.
    static func arabicVariants(_ word: [UInt8]) -> [WordForm] {
        // Byte offset of each of the first six letters, and the letter count (clitics are at
        // most five letters: و + ب + ال).
        var offsets: (Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0)
        var count = 0
        for (index, byte) in word.enumerated() where byte & 0xC0 != 0x80 {
            switch count {
            case 0: offsets.0 = index
            case 1: offsets.1 = index
            case 2: offsets.2 = index
            case 3: offsets.3 = index
            case 4: offsets.4 = index
            case 5: offsets.5 = index
            default: break
            }
            count += 1
        }
        func offset(_ i: Int) -> Int {
            switch i {
            case 0: offsets.0
            case 1: offsets.1
            case 2: offsets.2
            case 3: offsets.3
            case 4: offsets.4
            default: offsets.5
            }
        }
        // Clitic letters are all two bytes, so a letter is compared as its two bytes.
        func letter(_ i: Int, is expected: [UInt8]) -> Bool {
            let start = offset(i)
            return start + 1 < word.count && word[start] == expected[0] && word[start + 1] == expected[1]
                && (start + 2 == word.count || word[start + 2] & 0xC0 != 0x80)
        }
        var starts: UInt8 = 1  // bit i: a reading starts at letter i (i < 6)
        var conjunctions = [0]
        if count >= 3, letter(0, is: waw) || letter(0, is: fa) { conjunctions.append(1) }
        for c in conjunctions {
            starts |= 1 << c
            let rest = count - c
            if rest >= 4, letter(c, is: lam), letter(c + 1, is: lam) { starts |= 1 << (c + 2) }
            if rest >= 4, letter(c, is: alef), letter(c + 1, is: lam) { starts |= 1 << (c + 2) }
            if rest >= 3, letter(c, is: ba) || letter(c, is: lam) || letter(c, is: kaf) {
                starts |= 1 << (c + 1)
                if rest >= 5, letter(c + 1, is: alef), letter(c + 2, is: lam) { starts |= 1 << (c + 3) }
            }
        }
        var forms: [WordForm] = []
        forms.reserveCapacity(starts.nonzeroBitCount)
        for i in 0..<min(count, 6) where starts & (1 << i) != 0 {
            forms.append(WordForm(bytes: word[offset(i)...]))
        }
        return forms
    }

    /// A configured Arabic term word in the form variants are compared with: without its article,
    /// so that `اليمن` in config matches يمن after any clitic.
    static func arabicTermForm(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard word.unicodeScalars.count >= 4, bytes.starts(with: alef + lam) else { return word }
        return String(decoding: bytes[4...], as: UTF8.self)
    }

    static func isArabic(_ word: String) -> Bool {
        word.unicodeScalars.first.map { (0x0600...0x06FF).contains($0.value) } ?? false
    }
}
