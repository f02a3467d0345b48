import Foundation

/// How one word is normalized (`TextNormalizer` splits the text into words).
extension TextNormalizer {
    /// Normalizes one word (letters, digits and inner apostrophes) into `out` as UTF-8, and says
    /// whether it is Arabic.
    static func normalizeWord(_ raw: [Unicode.Scalar], into out: inout [UInt8]) -> Bool {
        normalizeWord(raw, compatibility: raw.contains { $0.value >= 0x2000 }, into: &out).isArabic
    }

    /// `normalizeWord`, told whether the word holds a scalar from U+2000 on (the scanner knows
    /// without a second pass). Says whether the word is Arabic and whether it lost a possessive
    /// "'s" (`Token.isPossessive`).
    static func normalizeWord(_ raw: some Sequence<Unicode.Scalar>, compatibility: Bool,
                              into out: inout [UInt8]) -> (isArabic: Bool, droppedPossessive: Bool) {
        out.removeAll(keepingCapacity: true)
        var arabic = false
        var apostropheAt = -1
        // NFKC for the compatibility characters feeds carry (Arabic presentation forms, full-width
        // Latin, ligatures); the common scripts are already in their normal form.
        if compatibility {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: raw)
            for scalar in String(view).precomposedStringWithCompatibilityMapping.unicodeScalars {
                appendFolded(scalar, to: &out, arabic: &arabic, apostropheAt: &apostropheAt)
            }
        } else {
            for scalar in raw { appendFolded(scalar, to: &out, arabic: &arabic, apostropheAt: &apostropheAt) }
        }
        let possessive = endsInPossessive(out, apostropheAt: apostropheAt)
        if possessive { out.removeLast() }
        return (arabic, possessive)
    }

    /// English possessive: "russia's" -> "russia" (the apostrophe sat right before a final s), so
    /// the folded word `out` loses its last byte.
    @inline(__always)
    static func endsInPossessive(_ out: [UInt8], apostropheAt: Int) -> Bool {
        apostropheAt >= 0 && apostropheAt == out.count - 1 && out.last == UInt8(ascii: "s")
    }

    /// Appends one scalar of a word as `normalizeWord` folds it: lower case, ё as е, Arabic
    /// marks dropped and letter variants unified (`arabic` set), Latin diacritics dropped; an
    /// apostrophe is not written, only its position noted. The scanner folds a word's scalars
    /// as it reads them, and calls `normalizeWord` only for words that need NFKC.
    ///
    /// What needs Unicode's tables is done out of line: a function that holds a
    /// `Unicode.Scalar.Properties` sets its type up on every call, which cost this one, called
    /// for every letter, a third of its time. It is not inlined itself either: inlined into the
    /// scanner's loop, it made the loop too large for the optimizer to inline array appends.
    @inline(never)
    static func appendFolded(_ original: Unicode.Scalar, to out: inout [UInt8], arabic: inout Bool, apostropheAt: inout Int) {
        // Lower-case: ASCII and Cyrillic by code point, anything else by Unicode's mapping.
        switch original.value {
        case 0x41...0x5A, 0x0410...0x042F:
            appendLowercased(Unicode.Scalar(original.value + 0x20) ?? original, to: &out, arabic: &arabic, apostropheAt: &apostropheAt)
        case 0x0400...0x040F:
            appendLowercased(Unicode.Scalar(original.value + 0x50) ?? original, to: &out, arabic: &arabic, apostropheAt: &apostropheAt)
        case 0x00...0x7F, 0x0430...0x04FF, 0x0600...0x06FF:
            appendLowercased(original, to: &out, arabic: &arabic, apostropheAt: &apostropheAt)
        default:
            appendMapped(original, to: &out, arabic: &arabic, apostropheAt: &apostropheAt)
        }
    }

    /// `appendFolded` for a scalar that Unicode's mapping lower-cases.
    @inline(never)
    private static func appendMapped(_ original: Unicode.Scalar, to out: inout [UInt8], arabic: inout Bool, apostropheAt: inout Int) {
        let lowered = original.properties.lowercaseMapping.unicodeScalars
        if lowered.count == 1, let first = lowered.first {
            appendLowercased(first, to: &out, arabic: &arabic, apostropheAt: &apostropheAt)
        } else {
            for piece in lowered { appendUTF8(piece, to: &out) }
        }
    }

    /// `appendFolded` for a lower-case scalar.
    @inline(__always)
    private static func appendLowercased(_ scalar: Unicode.Scalar, to out: inout [UInt8], arabic: inout Bool, apostropheAt: inout Int) {
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
        case 0x00C0...0x024F, 0x1E00...0x1EFF: appendBaseLetter(scalar, to: &out)
        case 0x00...0x2FF, 0x0400...0x04FF: appendUTF8(scalar, to: &out)
        default: appendUnlessMark(scalar, to: &out)
        }
    }

    /// A Latin letter with diacritics: its base letter.
    @inline(never)
    private static func appendBaseLetter(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        for base in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        where base.properties.generalCategory != .nonspacingMark {
            appendUTF8(base, to: &out)
        }
    }

    /// Any other scalar, unless it is a combining mark.
    @inline(never)
    private static func appendUnlessMark(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        if scalar.properties.generalCategory == .nonspacingMark { return }
        appendUTF8(scalar, to: &out)
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
    static let waw: (UInt8, UInt8) = (0xD9, 0x88), fa: (UInt8, UInt8) = (0xD9, 0x81), ba: (UInt8, UInt8) = (0xD8, 0xA8)
    static let lam: (UInt8, UInt8) = (0xD9, 0x84), kaf: (UInt8, UInt8) = (0xD9, 0x83), alef: (UInt8, UInt8) = (0xD8, 0xA7)

    /// The word and its readings without proclitics: optional و/ف, then ب/ل/ك, then ال (or لل for
    /// ل + ال), always keeping at least two letters, shortest prefix first. `word` is normalized
    /// UTF-8; each reading is an end of it, kept as its byte offset (no string of its own).
    static func arabicForms(_ word: UnsafeBufferPointer<UInt8>) -> WordForms {
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
        // A constant copy: the closures below would otherwise check each read of the variable
        // for exclusive access.
        let letters = offsets
        func offset(_ i: Int) -> Int {
            switch i {
            case 0: letters.0
            case 1: letters.1
            case 2: letters.2
            case 3: letters.3
            case 4: letters.4
            default: letters.5
            }
        }
        // Clitic letters are all two bytes, so a letter is compared as its two bytes.
        func letter(_ i: Int, is expected: (UInt8, UInt8)) -> Bool {
            let start = offset(i)
            return start + 1 < word.count && word[start] == expected.0 && word[start + 1] == expected.1
                && (start + 2 == word.count || word[start + 2] & 0xC0 != 0x80)
        }
        var starts: UInt8 = 1  // bit i: a reading starts at letter i (i < 6)
        let conjunction = count >= 3 && (letter(0, is: waw) || letter(0, is: fa))
        for c in 0...(conjunction ? 1 : 0) {
            starts |= 1 << c
            let rest = count - c
            if rest >= 4, letter(c, is: lam), letter(c + 1, is: lam) { starts |= 1 << (c + 2) }
            if rest >= 4, letter(c, is: alef), letter(c + 1, is: lam) { starts |= 1 << (c + 2) }
            if rest >= 3, letter(c, is: ba) || letter(c, is: lam) || letter(c, is: kaf) {
                starts |= 1 << (c + 1)
                if rest >= 5, letter(c + 1, is: alef), letter(c + 2, is: lam) { starts |= 1 << (c + 3) }
            }
        }
        // Readings start within the first six letters.
        return WordForms(word, starts: starts & UInt8(truncatingIfNeeded: (1 << min(count, 6)) - 1), offsets: offset)
    }

    /// A configured Arabic term word in the form variants are compared with: without its article,
    /// so that `اليمن` in config matches يمن after any clitic.
    static func arabicTermForm(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard word.unicodeScalars.count >= 4, bytes.starts(with: [alef.0, alef.1, lam.0, lam.1]) else { return word }
        return String(decoding: bytes[4...], as: UTF8.self)
    }

    /// Whether a word is Arabic, by its first letter (`isArabic(_:)` of a scalar).
    static func isArabic(_ word: String) -> Bool {
        word.unicodeScalars.first.map(isArabic) ?? false
    }

    /// Whether a scalar is in the Arabic block, the letters the normalizer reads as Arabic.
    static func isArabic(_ scalar: Unicode.Scalar) -> Bool { (0x0600...0x06FF).contains(scalar.value) }
}
