import Foundation
import StoryMatching
import Synchronization

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

/// Recognises stories the user already has: a seed article, or a story alerted within the
/// history window from any feed, including one alerted earlier in the same poll.
///
/// Lives for the whole run so the history index is built once: at start-up from the state
/// database, then extended with each alert, and rebuilt once a day so stories leave it when they
/// leave the window. Seeds are few and compared exactly; history goes through `StoryIndex`.
public final class DuplicateDetector: Sendable {
    private struct History {
        var index: StoryIndex
        var loadedAt: Date
        var nextID: Int64
        /// Labels of stories alerted but not yet committed.
        var pending: [Int64: String]
    }

    public let threshold: Double
    private let seeds: [SeedStory]
    private let historyDays: Int
    private let store: StateStore
    private let history: Mutex<History>

    public init(seeds: SeedCorpus, settings: DedupSettings, store: StateStore, now: Date = Date()) throws(StoreError) {
        self.seeds = seeds.stories
        self.threshold = settings.similarity
        self.historyDays = settings.historyDays
        self.store = store
        history = Mutex(try Self.load(store: store, days: settings.historyDays, now: now))
    }

    private static func load(store: StateStore, days: Int, now: Date) throws(StoreError) -> History {
        var index = StoryIndex()
        for story in try store.stories(since: now.addingTimeInterval(-Double(days) * 86_400)) {
            index.insert(id: story.id, fingerprint: story.fingerprint)
        }
        return History(index: index, loadedAt: now, nextID: try store.lastStoryID() + 1, pending: [:])
    }

    /// Rebuilds the history from the database: daily, so old stories leave the window, and after
    /// a failed commit, so stories that were never stored do not linger.
    public func reload(now: Date = Date()) throws(StoreError) {
        let fresh = try Self.load(store: store, days: historyDays, now: now)
        history.withLock { $0 = fresh }
    }

    public func reloadIfStale(now: Date = Date()) throws(StoreError) {
        let loadedAt = history.withLock { $0.loadedAt }
        if now.timeIntervalSince(loadedAt) > 86_400 { try reload(now: now) }
    }

    /// The original `fingerprint` copies, at or above the threshold.
    public func original(of fingerprint: Fingerprint) throws(StoreError) -> DuplicateMatch? {
        guard let best = try nearest(to: fingerprint), best.similarity >= threshold else { return nil }
        return best
    }

    /// The most similar seed or remembered story, however dissimilar (for `match --explain`).
    public func nearest(to fingerprint: Fingerprint) throws(StoreError) -> DuplicateMatch? {
        guard !fingerprint.isEmpty else { return nil }
        var best: DuplicateMatch?
        for seed in seeds {
            let similarity = fingerprint.similarity(to: seed.fingerprint)
            if similarity > (best?.similarity ?? 0) { best = DuplicateMatch(original: seed.name, similarity: similarity) }
        }
        let (found, pendingLabel) = history.withLock { state -> ((id: Int64, similarity: Double)?, String?) in
            let found = state.index.nearest(to: fingerprint, threshold: threshold)
            return (found, found.flatMap { state.pending[$0.id] })
        }
        if let found, found.similarity > (best?.similarity ?? 0) {
            var label = pendingLabel
            if label == nil { label = try store.storyLabel(id: found.id) }
            best = DuplicateMatch(original: label ?? "story \(found.id)", similarity: found.similarity)
        }
        return best
    }

    /// Adds an alerted story to the history and returns the id to store it under.
    public func remember(fingerprint: Fingerprint, label: String) -> Int64 {
        history.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.index.insert(id: id, fingerprint: fingerprint)
            state.pending[id] = label
            return id
        }
    }

    /// The poll's stories are stored: their labels now come from the database.
    public func committed() {
        history.withLock { $0.pending.removeAll() }
    }
}
