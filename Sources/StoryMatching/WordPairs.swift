/// Consecutive content-word pairs of a text, to tell a near copy from a rewrite.
///
/// A rewrite keeps a story's names and numbers but not its sentences; a copy (a republished
/// article, a re-run of some of its paragraphs) keeps the sentences, so most of its word pairs are
/// found in the original. A new story that only shares names with an old one shares few pairs.
public struct WordPairs: Sendable, Equatable {
    /// Sorted, unique.
    public let keys: [UInt64]

    public init(keys: [UInt64]) {
        self.keys = keys
    }

    /// The pairs of consecutive content words (stopwords skipped) within each sentence.
    public init(tokens: [Token]) {
        var pairs = Set<UInt64>()
        var previous: (key: UInt64, unit: Int)?
        for token in tokens {
            guard let key = ContentWords.stemKey(token) else { continue }
            if let previous, previous.unit == token.unit { pairs.insert(TermKey.mix(previous.key &* 31 &+ key)) }
            previous = (key, token.unit)
        }
        keys = pairs.sorted()
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// The share of these pairs found in `other` (0 when there are none).
    public func containment(in other: WordPairs) -> Double {
        guard !keys.isEmpty else { return 0 }
        var i = 0, j = 0, shared = 0
        while i < keys.count, j < other.keys.count {
            if keys[i] == other.keys[j] { shared += 1; i += 1; j += 1 } else if keys[i] < other.keys[j] { i += 1 } else { j += 1 }
        }
        return Double(shared) / Double(keys.count)
    }
}
