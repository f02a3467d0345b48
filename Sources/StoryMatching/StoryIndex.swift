import Foundation

/// The alerted stories a new item is compared against, held as compact fingerprints so that a
/// long-running daemon can remember a very large history (1M stories) in bounded memory and still
/// answer in well under a millisecond.
///
/// - Candidates come from an inverted index over a *consistent sample* of each story's
///   content-word hashes (the words whose hash is 0 mod `sampling`): a copy shares most of its
///   words with its original, so it shares sampled words too. Posting lists longer than
///   `maximumPosting` belong to words too common to tell stories apart and are not followed.
/// - Each candidate is verified with a Bloom filter of all its content words (8 bits per word):
///   the new item's words are probed, and the expected false positives are subtracted, which
///   gives the shared-word count and so the same containment `Fingerprint.similarity` measures.
/// No text is kept: a story costs about one byte per content word plus its sampled postings.
public struct StoryIndex: Sendable {
    /// Keeps one word in `sampling` for candidate lookup.
    public static let sampling: UInt64 = 4
    static let bitsPerWord = 8
    static let probes = 5

    private var ids: [Int64] = []
    private var wordCounts: [UInt32] = []
    private var filterStarts: [UInt32] = []
    private var filterWords: [UInt64] = []
    private var postings: [UInt32: [UInt32]] = [:]
    /// Per-story hit counters for one lookup (all zero between lookups).
    private var scratch: [UInt8] = []
    /// Posting lists longer than this are not followed (a word in that many stories says nothing
    /// about which story an item copies); nil scales it with the index: max(256, count / 500).
    public var maximumPosting: Int?

    public init(maximumPosting: Int? = nil) {
        self.maximumPosting = maximumPosting
    }

    public var count: Int { ids.count }

    /// Adds a story under the caller's `id` (a database row id, for instance).
    public mutating func insert(id: Int64, fingerprint: Fingerprint) {
        let slot = UInt32(ids.count)
        ids.append(id)
        scratch.append(0)
        let words = fingerprint.words
        wordCounts.append(UInt32(words.count))
        filterStarts.append(UInt32(filterWords.count))
        let size = Self.filterSize(words.count)
        let start = filterWords.count
        filterWords.append(contentsOf: repeatElement(0, count: size))
        let bits = UInt64(size * 64)
        for word in words {
            Self.forEachProbe(word, bits: bits) { bit in filterWords[start + Int(bit >> 6)] |= 1 << (bit & 63) }
            if word % Self.sampling == 0 { postings[UInt32(truncatingIfNeeded: word >> 32), default: []].append(slot) }
        }
    }

    /// The stored story most similar to `fingerprint` among those that could be a copy of it
    /// (`threshold` is the similarity a copy needs), or nil.
    public mutating func nearest(to fingerprint: Fingerprint, threshold: Double = 0.5) -> (id: Int64, similarity: Double)? {
        let words = fingerprint.words
        guard words.count >= Fingerprint.minimumSharedWords, !ids.isEmpty else { return nil }
        let cap = maximumPosting ?? max(256, ids.count / 500)
        var touched: [UInt32] = []
        var followed = 0
        for word in words where word % Self.sampling == 0 {
            guard let list = postings[UInt32(truncatingIfNeeded: word >> 32)], list.count <= cap else { continue }
            followed += 1
            for slot in list {
                let hits = scratch[Int(slot)]
                if hits == 0 { touched.append(slot) }
                if hits < 255 { scratch[Int(slot)] = hits + 1 }
            }
        }
        var best: (id: Int64, similarity: Double)?
        for slot in touched {
            let hits = Int(scratch[Int(slot)])
            scratch[Int(slot)] = 0
            // A copy shares at least `threshold * smaller` of the item's words, so about that share
            // of the sampled words we followed; a story with far fewer hits cannot reach the
            // threshold and is not verified.
            let smaller = min(words.count, Int(wordCounts[Int(slot)]))
            let expected = threshold * Double(smaller) / Double(words.count) * Double(followed)
            guard Double(hits) >= max(1, (expected * 0.5).rounded()) else { continue }
            let similarity = self.similarity(words, slot: Int(slot), atLeast: threshold * 0.9)
            if similarity > (best?.similarity ?? 0) { best = (ids[Int(slot)], similarity) }
        }
        return best
    }

    /// Shared content words over the smaller story's word count, like `Fingerprint.similarity`;
    /// 0 as soon as the words left to probe can no longer lift it to `atLeast`.
    private func similarity(_ words: [UInt64], slot: Int, atLeast: Double) -> Double {
        let start = Int(filterStarts[slot])
        let size = slot + 1 < filterStarts.count ? Int(filterStarts[slot + 1]) - start : filterWords.count - start
        let bits = UInt64(size * 64)
        let stored = Int(wordCounts[slot])
        let needed = Int((atLeast * Double(min(words.count, stored))).rounded(.down))
        var observed = 0
        for (index, word) in words.enumerated() {
            var present = true
            Self.forEachProbe(word, bits: bits) { bit in
                if present, filterWords[start + Int(bit >> 6)] & (1 << (bit & 63)) == 0 { present = false }
            }
            if present { observed += 1 }
            if observed + (words.count - index - 1) < needed { return 0 }
        }
        // Remove the filter's expected false positives among the words it does not hold.
        let rate = Self.falsePositiveRate(words: stored, bits: Int(bits))
        let shared = max(0, (Double(observed) - Double(words.count) * rate) / (1 - rate))
        guard shared >= Double(Fingerprint.minimumSharedWords) else { return 0 }
        return min(1, shared / Double(max(1, min(words.count, stored))))
    }

    static func filterSize(_ words: Int) -> Int { max(1, (words * bitsPerWord + 63) / 64) }

    @inline(__always)
    static func forEachProbe(_ hash: UInt64, bits: UInt64, _ body: (UInt64) -> Void) {
        // Double hashing from the two halves of the 64-bit word hash; multiply-shift maps a
        // 32-bit value onto 0..<bits without a division.
        let h1 = hash & 0xFFFF_FFFF
        let h2 = (hash >> 32) | 1
        for i in 0..<UInt64(probes) {
            let mixed = (h1 &+ i &* h2) & 0xFFFF_FFFF
            body((mixed &* bits) >> 32)
        }
    }

    static func falsePositiveRate(words: Int, bits: Int) -> Double {
        guard bits > 0 else { return 1 }
        let k = Double(probes)
        return min(0.5, pow(1 - exp(-k * Double(words) / Double(bits)), k))
    }
}
