/// A story's text reduced to two sets of hashes over its normalized words:
/// - `words`: its content words (stopwords dropped, lightly stemmed), which survive rewording,
///   re-titling and trimming, since a copy keeps the story's names, places and numbers;
/// - `shingles`: its 3-word phrases, which show verbatim copying.
/// Hashes are FNV-1a so a fingerprint stored today compares with one made by a later run (Swift's
/// `Hasher` is seeded per process and could not be stored). The texts themselves are never kept.
public struct Fingerprint: Sendable, Equatable {
    /// Sorted, unique hashes of content words.
    public let words: [UInt64]
    /// Sorted, unique hashes of 3-word phrases.
    public let shingles: [UInt64]

    /// Words per phrase shingle.
    public static let shingleSize = 3
    /// Below this many shared content words two texts are never called copies: a short item
    /// shares a few names with any story about the same actors.
    public static let minimumSharedWords = 6

    public init(words: [UInt64], shingles: [UInt64]) {
        self.words = words
        self.shingles = shingles
    }

    public init(text: String) {
        let tokens = TextNormalizer.tokens(text, splitSentences: false)
        var content = Set<UInt64>()
        for token in tokens {
            guard let stem = ContentWords.stem(token) else { continue }
            content.insert(Self.fnv1a(stem))
        }
        let hashes = tokens.map { Self.fnv1a($0.text) }
        let n = Self.shingleSize
        var phrases = Set<UInt64>()
        if hashes.count >= n {
            for start in 0...(hashes.count - n) { phrases.insert(Self.combine(hashes[start..<(start + n)])) }
        } else if !hashes.isEmpty {
            phrases.insert(Self.combine(hashes[...]))
        }
        self.init(words: content.sorted(), shingles: phrases.sorted())
    }

    public var isEmpty: Bool { words.isEmpty && shingles.isEmpty }

    /// How much of one text is found in the other, from 0 to 1: the larger of the two
    /// directions, so a trimmed copy (mostly inside its original) and an expanded one (containing
    /// most of it) both score high. Content words count only past `minimumSharedWords`.
    public func similarity(to other: Fingerprint) -> Double {
        let sharedWords = Self.intersectionCount(words, other.words)
        var score = 0.0
        if sharedWords >= Self.minimumSharedWords {
            score = Double(sharedWords) / Double(max(1, min(words.count, other.words.count)))
        }
        let sharedPhrases = Self.intersectionCount(shingles, other.shingles)
        if sharedPhrases > 0 {
            score = max(score, Double(sharedPhrases) / Double(max(1, min(shingles.count, other.shingles.count))))
        }
        return min(1, score)
    }

    static func intersectionCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, count = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return count
    }

    static func fnv1a(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func combine(_ hashes: ArraySlice<UInt64>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for h in hashes {
            hash ^= h
            hash &*= 0x0000_0100_0000_01B3
            hash = (hash << 31) | (hash >> 33)
        }
        return hash
    }

    // MARK: Storage

    /// Little-endian bytes: the number of word hashes, the word hashes, then the phrase hashes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((1 + words.count + shingles.count) * 8)
        for value in [UInt64(words.count)] + words + shingles {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }

    /// Reads the storage form back; a damaged value yields an empty fingerprint, which matches
    /// nothing (the story can then alert again, which is better than hiding one).
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
        guard let count = values.first, count <= UInt64(values.count - 1) else {
            self.init(words: [], shingles: [])
            return
        }
        let wordCount = Int(count)
        self.init(words: Array(values[1..<(1 + wordCount)]), shingles: Array(values[(1 + wordCount)...]))
    }
}
