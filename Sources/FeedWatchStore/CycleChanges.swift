import Foundation
import StoryMatching

/// Everything one poll cycle learned, written in a single transaction after its alerts are out.
public struct CycleChanges: Sendable {
    public var feeds: [FeedState] = []
    public var seen: [(feedURL: String, key: String)] = []
    /// Items seen before that their feed still carries, last confirmed over a day ago: their
    /// `last_seen_at` moves to now, so retention keeps them while the feed shows them.
    public var stillCarried: [(feedURL: String, key: String)] = []
    public var reports: [StoredReport] = []
    /// `Retry-After` deadlines by host:port.
    public var hostWaits: [String: Date] = [:]
    /// The terms of the poll's new items, for the term statistics.
    public var terms = TermBatch()

    public init() {}

    public var isEmpty: Bool {
        feeds.isEmpty && seen.isEmpty && stillCarried.isEmpty && reports.isEmpty && hostWaits.isEmpty && terms.isEmpty
    }
}
