import Foundation
import StoryMatching

/// What an item was found to copy.
public struct DuplicateMatch: Sendable, Equatable {
    /// A seed file name, or the earlier story's link (its title when it had no link).
    public var original: String
    public var similarity: Double

    public init(original: String, similarity: Double) {
        self.original = original
        self.similarity = similarity
    }
}

/// The texts a new item is compared against: the seed corpus and the stories alerted within the
/// history window (including those alerted earlier in the same poll).
struct DuplicateIndex {
    private let seeds: [SeedStory]
    private var history: [StoredStory]
    private let threshold: Double

    init(seeds: [SeedStory], history: [StoredStory], threshold: Double) {
        self.seeds = seeds
        self.history = history
        self.threshold = threshold
    }

    /// The closest original at or above the threshold: a text most of whose content words or
    /// phrases are found in the item, or that holds most of the item's (`Fingerprint.similarity`).
    func original(of fingerprint: Fingerprint) -> DuplicateMatch? {
        guard let best = nearest(to: fingerprint), best.similarity >= threshold else { return nil }
        return best
    }

    /// The most similar seed or stored story, however dissimilar (for `match --explain`).
    func nearest(to fingerprint: Fingerprint) -> DuplicateMatch? {
        guard !fingerprint.isEmpty else { return nil }
        var best: DuplicateMatch?
        for seed in seeds {
            let similarity = fingerprint.similarity(to: seed.fingerprint)
            if similarity > (best?.similarity ?? 0) {
                best = DuplicateMatch(original: seed.name, similarity: similarity)
            }
        }
        for story in history {
            let similarity = fingerprint.similarity(to: story.fingerprint)
            if similarity > (best?.similarity ?? 0) {
                best = DuplicateMatch(original: story.link ?? story.title ?? story.feedURL, similarity: similarity)
            }
        }
        return best
    }

    mutating func add(_ story: StoredStory) {
        history.append(story)
    }
}
