/// A story's text reduced to the set of hashes of its content words (1-word shingles: stopwords
/// dropped, lightly stemmed per language). A copy keeps the story's names, places, numbers and
/// most of its vocabulary whatever the title, trimming, rewording or boilerplate around it, so
/// containment over these sets tells copies from new stories about the same actors.
/// Hashes are FNV-1a so a fingerprint stored today compares with one made by a later run (Swift's
/// `Hasher` is seeded per process and could not be stored). The texts themselves are never kept.
public struct Fingerprint: Sendable, Equatable {
    /// Sorted, unique hashes of content words.
    public let words: [UInt64]

    /// Below this many shared content words two texts are never called copies: a short item
    /// shares a handful of generic words (delegation, talks, officials) with any long story
    /// about the same actors, while real copies share dozens. (On the dev set, any value from 6
    /// to 12 gives the same results; 6 made a one-line new story a "copy" of a seed.)
    public static let minimumSharedWords = 10

    public init(words: [UInt64]) {
        self.words = words
    }

    public init(text: String) {
        self.init(tokens: TextNormalizer.tokens(text, splitSentences: false))
    }

    /// The fingerprint of already tokenized text (the classifier's tokens, for instance).
    public init<S: Sequence>(tokens: S) where S.Element == Token {
        var content = Set<UInt64>()
        for token in tokens {
            guard let key = ContentWords.stemKey(token) else { continue }
            content.insert(key)
        }
        self.init(words: content.sorted())
    }

    public var isEmpty: Bool { words.isEmpty }

    /// How much of one text is found in the other, from 0 to 1: shared content words over the
    /// smaller text's, so a trimmed copy (mostly inside its original) and an expanded one
    /// (containing most of it) both score high. Below `minimumSharedWords` shared it is 0.
    public func similarity(to other: Fingerprint) -> Double {
        let shared = Self.intersectionCount(words, other.words)
        guard shared >= Self.minimumSharedWords else { return 0 }
        return Double(shared) / Double(max(1, min(words.count, other.words.count)))
    }

    static func intersectionCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, count = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return count
    }

    /// FNV's low bits are weak for short keys; a final mix spreads them for sampling and Bloom probes.
    static func mix(_ fnv: UInt64) -> UInt64 {
        var hash = fnv
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }

    // MARK: Storage

    /// Little-endian bytes of the word hashes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(words.count * 8)
        for value in words { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    /// Reads the storage form back; trailing bytes that do not make a whole hash are ignored, and
    /// a damaged value (unsorted) yields an empty fingerprint, which matches nothing: the story
    /// may then alert again, which is better than hiding one.
    public init(bytes: [UInt8]) {
        var values: [UInt64] = []
        values.reserveCapacity(bytes.count / 8)
        var index = 0
        while index + 8 <= bytes.count {
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[index + k]) << (8 * k) }
            values.append(v)
            index += 8
        }
        for i in values.indices.dropFirst() where values[i - 1] >= values[i] {
            self.init(words: [])
            return
        }
        self.init(words: values)
    }
}
