import Foundation

/// How alike two stories' terms are, in the two ways the daemon compares stories.
///
/// - `cosine`: two stream reports, each a headline and a lead: the IDF-weighted cosine of their
///   term sets, symmetric, 1 for the same terms.
/// - `containment`: a short report against a long seed article: the share of the report's
///   weight (squared, as in the cosine) that the seed also has. A re-report of one paragraph of a
///   seed scores as high as a re-report of its lead.
public enum EventSimilarity {
    public enum Measure: String, Sendable {
        case cosine, containment
        /// Share of a report's word pairs found in a seed (`WordPairs`): a near copy.
        case copy
    }

    /// One term both stories have, with its weight in each.
    public struct SharedTerm: Sendable, Equatable {
        public var key: UInt64
        public var weight: Double
        public var otherWeight: Double
        /// How much of the score this term gives.
        public var contribution: Double
    }

    public struct Comparison: Sendable {
        public var score: Double
        public var measure: Measure
        /// Sorted by contribution, largest first.
        public var shared: [SharedTerm]

        public init(score: Double, measure: Measure, shared: [SharedTerm]) {
            self.score = score
            self.measure = measure
            self.shared = shared
        }
    }

    /// The score alone (the hot path).
    public static func score(_ story: StoryTerms, _ other: StoryTerms, _ measure: Measure, weighting: TermWeighting) -> Double {
        var dot = 0.0, own = 0.0, theirs = 0.0
        var i = 0, j = 0
        let a = story.keys, b = other.keys
        while i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a[i] < b[j]) {
                let w = weighting.weight(a[i], story.kinds[i]); own += w * w; i += 1
            } else if i >= a.count || b[j] < a[i] {
                let w = weighting.weight(b[j], other.kinds[j]); theirs += w * w; j += 1
            } else {
                let idf = weighting.statistics.idf(a[i])
                let w = idf * weighting.factor(story.kinds[i]), v = idf * weighting.factor(other.kinds[j])
                own += w * w; theirs += v * v
                dot += measure == .cosine ? w * v : w * w
                i += 1; j += 1
            }
        }
        return finish(dot: dot, own: measure == .cosine ? own : max(own, weighting.minimumInformation), theirs: theirs, measure)
    }

    /// The score with the terms that carried it, for explanations.
    public static func compare(_ story: StoryTerms, _ other: StoryTerms, _ measure: Measure, weighting: TermWeighting) -> Comparison {
        var shared: [SharedTerm] = []
        var own = 0.0, theirs = 0.0
        var j = 0
        for (i, key) in story.keys.enumerated() {
            let w = weighting.weight(key, story.kinds[i])
            own += w * w
            while j < other.keys.count, other.keys[j] < key { j += 1 }
            if j < other.keys.count, other.keys[j] == key {
                let v = weighting.weight(key, other.kinds[j])
                shared.append(SharedTerm(key: key, weight: w, otherWeight: v, contribution: measure == .cosine ? w * v : w * w))
            }
        }
        for (j, key) in other.keys.enumerated() {
            let v = weighting.weight(key, other.kinds[j])
            theirs += v * v
        }
        let dot = shared.reduce(0) { $0 + $1.contribution }
        let score = finish(dot: dot, own: measure == .cosine ? own : max(own, weighting.minimumInformation), theirs: theirs, measure)
        let denominator = score > 0 ? dot / score : 1
        for index in shared.indices { shared[index].contribution /= denominator }
        shared.sort { $0.contribution > $1.contribution }
        return Comparison(score: score, measure: measure, shared: shared)
    }

    @inline(__always)
    static func finish(dot: Double, own: Double, theirs: Double, _ measure: Measure) -> Double {
        switch measure {
        case .cosine: return own > 0 && theirs > 0 ? min(1, dot / (own * theirs).squareRoot()) : 0
        case .containment, .copy: return own > 0 ? min(1, dot / own) : 0
        }
    }
}
