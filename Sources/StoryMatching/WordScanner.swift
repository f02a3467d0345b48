/// The pass behind `TextNormalizer.tokens`: reads a text's UTF-8 bytes in place, scalar by
/// scalar, and folds each word's scalars into its normalized bytes as it reads them
/// (`TextNormalizer.appendFolded`), so a word is decoded once; only a word that needs NFKC is
/// read again, whole (`TextNormalizer.normalizeWord`). This runs for every character of every story.
struct WordScanner {
    private let splitSentences: Bool
    private var unit: Int
    private var unitHasWords = false
    private var punctuation: Unicode.Scalar?
    /// The word being read: its first byte in the text (-1: none), the byte after its last
    /// letter, its length in scalars as `normalizeWord` reads it (an apostrophe run counts one),
    /// its first scalar, and whether it holds a scalar from U+2000 on (which needs NFKC).
    private var wordStart = -1
    private var wordEnd = 0
    private var wordLength = 0
    private var wordFirst: Unicode.Scalar = " "
    private var needsCompatibility = false
    /// Apostrophes after the word's last letter: part of the word only if a letter follows.
    private var pendingApostrophe = false
    /// The word folded so far (reused from word to word), whether it is Arabic, and where its
    /// last apostrophe stood (see `TextNormalizer.appendFolded`).
    private var normalized: [UInt8] = []
    private var arabic = false
    private var apostropheAt = -1

    init(firstUnit: Int, splitSentences: Bool) {
        unit = firstUnit
        self.splitSentences = splitSentences
        normalized.reserveCapacity(64)
    }

    mutating func scan(_ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        var index = 0
        while index < text.count {
            let (scalar, next) = Self.decode(text, at: index)
            if TextNormalizer.isWordScalar(scalar) {
                read(scalar, at: index, next: next)
                index = next
                continue
            }
            if TextNormalizer.isApostrophe(scalar), wordStart >= 0 {
                pendingApostrophe = true
                index = next
                continue
            }
            let endsSentence = splitSentences && TextNormalizer.isSentenceEnd(scalar)
                && !TextNormalizer.continuesSentence(scalar, next: next < text.count ? Self.decode(text, at: next).scalar : nil,
                                                     length: wordLength, first: wordStart >= 0 ? wordFirst : nil,
                                                     key: { wordKey(text) })
            flush(text, into: &tokens)
            if endsSentence, unitHasWords {
                unit += 1
                unitHasWords = false
                punctuation = nil
            } else if scalar != " ", !TextNormalizer.isWhitespace(scalar), !TermWords.breaksPhrase(punctuation) {
                // The last mark before the word, except that a mark ending a phrase is kept over
                // a quote or bracket after it (`Yemen: "Russia …`).
                punctuation = Self.mark(scalar, in: text, at: index, next: next, afterArabic: arabic)
            }
            index = next
        }
        flush(text, into: &tokens)
    }

    /// The mark a punctuation scalar leaves before the next word: a spaced dash reads as an em
    /// dash (`TermWords.readsAsEmDash`). Out of line: inlined, it grew the scanner's loop past
    /// what the optimizer inlines into (the tokenizer ran 4% slower).
    @inline(never)
    private static func mark(_ scalar: Unicode.Scalar, in text: UnsafeBufferPointer<UInt8>, at index: Int, next: Int,
                             afterArabic: Bool) -> Unicode.Scalar {
        TermWords.readsAsEmDash(scalar, afterArabic: afterArabic, spaced: {
            followsSpace(text, at: index) && next < text.count && TextNormalizer.isWhitespace(decode(text, at: next).scalar)
        }) ? "\u{2014}" : scalar
    }

    /// Whether whitespace stands right before byte `index`: an ASCII space or control, or a
    /// no-break space (the one other space feeds put around dashes). Read backwards from the dash
    /// itself, so the scanner's loop keeps no state for it.
    private static func followsSpace(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index > 0 else { return false }
        let before = text[index - 1]
        return before == 0x20 || (0x09...0x0D).contains(before) || (index > 1 && before == 0xA0 && text[index - 2] == 0xC2)
    }

    /// Adds a letter (or digit, or mark) at byte `index` to the word.
    @inline(__always)
    private mutating func read(_ scalar: Unicode.Scalar, at index: Int, next: Int) {
        if wordStart < 0 {
            wordStart = index
            wordFirst = scalar
            normalized.removeAll(keepingCapacity: true)
            arabic = false
            apostropheAt = -1
        }
        if pendingApostrophe {
            wordLength += 1
            pendingApostrophe = false
            if !needsCompatibility { TextNormalizer.appendFolded("'", to: &normalized, arabic: &arabic, apostropheAt: &apostropheAt) }
        }
        wordLength += 1
        wordEnd = next
        if scalar.value >= 0x2000 { needsCompatibility = true }
        guard !needsCompatibility else { return }
        // An ASCII letter or digit folds to itself in lower case (`appendFolded` does the same,
        // a call away).
        if scalar.value < 0x80 {
            normalized.append(UInt8(truncatingIfNeeded: scalar.value) | (scalar.value >= 0x41 && scalar.value <= 0x5A ? 0x20 : 0))
        } else {
            TextNormalizer.appendFolded(scalar, to: &normalized, arabic: &arabic, apostropheAt: &apostropheAt)
        }
    }

    /// The word being read, as scalars.
    private func word(in text: UnsafeBufferPointer<UInt8>) -> WordScalars {
        WordScalars(text: text, index: wordStart < 0 ? 0 : wordStart, end: wordStart < 0 ? 0 : wordEnd)
    }

    /// The key of the word being read as `normalizeWord` makes it (no word: the empty one's).
    private func wordKey(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard wordStart >= 0 else { return WordForm.hash([UInt8]()) }
        if needsCompatibility {
            var bytes: [UInt8] = []
            _ = TextNormalizer.normalizeWord(word(in: text), compatibility: true, into: &bytes)
            return WordForm.hash(bytes)
        }
        return WordForm.hash(normalized.dropLast(TextNormalizer.endsInPossessive(normalized, apostropheAt: apostropheAt) ? 1 : 0))
    }

    private mutating func flush(_ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        pendingApostrophe = false
        guard wordStart >= 0 else { return }
        var possessive = false
        if needsCompatibility {
            (arabic, possessive) = TextNormalizer.normalizeWord(word(in: text), compatibility: true, into: &normalized)
        } else if TextNormalizer.endsInPossessive(normalized, apostropheAt: apostropheAt) {
            normalized.removeLast()
            possessive = true
        }
        wordStart = -1
        wordLength = 0
        needsCompatibility = false
        guard !normalized.isEmpty else { return }
        let punctuationBefore = unitHasWords ? punctuation : nil
        let (unit, arabic) = (unit, arabic)
        var token = normalized.withUnsafeBufferPointer { word in
            let forms = arabic ? TextNormalizer.arabicForms(word) : WordForms(word, starts: 1, offsets: { _ in 0 })
            return Token(text: String(decoding: word, as: UTF8.self), forms: forms, isArabic: arabic, unit: unit,
                         punctuationBefore: punctuationBefore)
        }
        token.isPossessive = possessive
        // Moved, not copied (a copy retains its string and forms, and this runs for every word).
        tokens.append(consume token)
        punctuation = nil
        unitHasWords = true
    }

    /// The scalar starting at byte `index` of valid UTF-8, and the index after it.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, next: Int) {
        let lead = UInt32(text[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(truncatingIfNeeded: lead)), index + 1) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= text.count else { return ("\u{FFFD}", text.count) }
        var value = lead & (0x7F >> UInt32(length))
        for offset in 1..<length { value = value << 6 | (UInt32(text[index + offset]) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", index + length)
    }
}

/// A word's scalars as `normalizeWord` reads them: its letters, and one ASCII apostrophe for
/// each run of apostrophes between them (Sana’a and Sana'a are one word).
struct WordScalars: Sequence, IteratorProtocol {
    let text: UnsafeBufferPointer<UInt8>
    var index: Int
    let end: Int

    @inline(__always)
    mutating func next() -> Unicode.Scalar? {
        guard index < end else { return nil }
        let (scalar, after) = WordScanner.decode(text, at: index)
        index = after
        if TextNormalizer.isWordScalar(scalar) { return scalar }
        while index < end {
            let (following, next) = WordScanner.decode(text, at: index)
            if TextNormalizer.isWordScalar(following) { break }
            index = next
        }
        return "'"
    }
}
