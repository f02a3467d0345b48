/// One word of a story after normalization, with where it stood: `unit` is 0 for the title and
/// 1, 2, ... for the sentences after it, so rules can ask whether two words are near each other.
public struct Token: Sendable, Equatable {
    /// The normalized word.
    public let text: String
    public var unit: Int
    /// For Arabic words, the word without each possible clitic prefix (و ف ب ل ك ال لل), so
    /// that terms match واليمن, باليمن and لليمن as اليمن without guessing which letters are
    /// prefixes. Empty for other scripts.
    public var variants: [String] { isArabic ? forms.map { text(of: $0) } : [] }
    /// The punctuation that separated this word from the previous one in the same sentence
    /// (the last one when there were several, but a mark that ends a phrase is kept over a quote
    /// or bracket after it: `TermWords.breaksPhrase`), or nil when only spaces did. Lists, clauses
    /// and phrases are read from it.
    public var punctuationBefore: Unicode.Scalar?
    /// The word ended in an English possessive "'s", dropped from `text` ("Yemen's" reads "yemen"):
    /// a sentence that opens "Yemen's …" is about something of Yemen's, not Yemen acting.
    public var isPossessive = false

    /// The word and its variants with precomputed byte keys, for term lookup.
    let forms: WordForms
    private let isArabic: Bool

    /// A token as the normalizer would make it. A variant is a reading of the word without a
    /// prefix, so each is the end of the first (the word itself); a variant that is not is left out.
    public init(text: String, unit: Int, variants: [String] = [], punctuationBefore: Unicode.Scalar? = nil) {
        let word = variants.first ?? text
        let bytes = Array(word.utf8)
        let starts = variants.dropFirst().compactMap { variant -> Int? in
            bytes.count >= variant.utf8.count && bytes.reversed().starts(with: variant.utf8.reversed()) ? bytes.count - variant.utf8.count : nil
        }
        self.init(text: word, forms: WordForms(bytes, starts: starts), isArabic: !variants.isEmpty, unit: unit,
                  punctuationBefore: punctuationBefore)
    }

    /// A token from the normalizer: its forms already built from its bytes.
    init(text: String, forms: WordForms, isArabic: Bool, unit: Int, punctuationBefore: Unicode.Scalar?) {
        self.text = text
        self.forms = forms
        self.isArabic = isArabic
        self.unit = unit
        self.punctuationBefore = punctuationBefore
    }

    /// The text of one of the word's forms.
    func text(of form: WordForm) -> String {
        form.start == 0 ? text : String(Substring(text.utf8.dropFirst(Int(form.start))))
    }

    /// Calls `body` with the UTF-8 bytes of a token's text (in place: native strings are
    /// contiguous).
    ///
    /// It takes the string, not the token. Rules read tokens in place from a buffer pointer, and a
    /// token handed from that memory to a closure or to a function that is not inlined is copied
    /// first, since the callee might change the memory: its string and forms retained and
    /// released, for every word (it cost 14% of classifying). So a rule takes out only the
    /// string, or the `WordForm` values, which are plain data.
    @inline(__always)
    static func withBytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    public static func == (lhs: Token, rhs: Token) -> Bool {
        lhs.text == rhs.text && lhs.unit == rhs.unit && lhs.variants == rhs.variants && lhs.punctuationBefore == rhs.punctuationBefore
            && lhs.isPossessive == rhs.isPossessive
    }
}

/// A token's forms: the word, then (Arabic) its readings without clitics. Most words have one
/// form, which is stored inline: a token costs no array of its own (this runs for every word).
struct WordForms: RandomAccessCollection, Sendable {
    let first: WordForm
    private let rest: [WordForm]

    /// The forms of the word `bytes` and of its ends from each of `starts` (byte offsets, > 0).
    init(_ bytes: some Collection<UInt8>, starts: [Int] = []) {
        first = WordForm(bytes, start: 0)
        var rest: [WordForm] = []
        rest.reserveCapacity(starts.count)
        for start in starts { rest.append(WordForm(bytes.dropFirst(start), start: start)) }
        self.rest = rest
    }

    /// The forms of `word` from each byte offset whose bit is set in `starts` (bit 0, the word
    /// itself, is always taken); `offsets` gives bit i's byte offset.
    init(_ word: UnsafeBufferPointer<UInt8>, starts: UInt8, offsets: (Int) -> Int) {
        first = WordForm(word, start: 0)
        let others = starts & ~1
        guard others != 0 else {
            rest = []
            return
        }
        var rest: [WordForm] = []
        rest.reserveCapacity(others.nonzeroBitCount)
        for i in 1..<8 where others & (1 << i) != 0 {
            let start = offsets(i)
            rest.append(WordForm(UnsafeBufferPointer(rebasing: word[start...]), start: start))
        }
        self.rest = rest
    }

    var startIndex: Int { 0 }
    var endIndex: Int { rest.count + 1 }
    var last: WordForm { rest.last ?? first }
    subscript(position: Int) -> WordForm { position == 0 ? first : rest[position - 1] }
}

/// One reading of a normalized word: where it starts in the word, with byte-level keys. Normalized
/// words are already in one canonical form, so they are compared as UTF-8 bytes: no
/// Unicode-normalizing `String` comparison on the hot path.
struct WordForm: Sendable {
    /// FNV-1a of the UTF-8 bytes.
    let key: UInt64
    /// FNV-1a of the first three scalars (stems are at least three letters long), nil for a
    /// shorter form.
    let prefixKey: UInt64?
    /// Where the form starts in its token's text, in UTF-8 bytes (a form is the word without a prefix).
    let start: Int32

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One pass over the bytes for both keys.
    @inline(__always)
    init(_ bytes: some Sequence<UInt8>, start: Int) {
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
        self.start = Int32(truncatingIfNeeded: start)
    }

    /// FNV-1a of `bytes`; `continuing` the hash of what comes before them, so a word can be
    /// hashed in pieces (a stem and a replaced ending) without joining them.
    @inline(__always)
    static func hash<S: Sequence>(_ bytes: S, continuing seed: UInt64 = offsetBasis) -> UInt64 where S.Element == UInt8 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
