import Foundation
import StoryMatching

/// One event as `feedwatch stories` lists it.
public struct EventSummary: Sendable, Equatable {
    public var event: String
    /// The first report's link or seed file name.
    public var label: String
    /// The first stored report's title (for a seed's event, the first duplicate's).
    public var title: String
    public var language: StoryLanguage
    /// The earliest and latest publication date (else first-seen time) of its reports.
    public var firstSeen: Date
    public var lastSeen: Date
    public var reports: Int
    /// Distinct feeds that carried it.
    public var outlets: Int
    /// True when the event is a seed article's (`seed:NAME`: every report was a duplicate).
    public var isSeed: Bool
}

/// Per-feed counters for `feedwatch status`.
public struct FeedSummary: Sendable {
    public var state: FeedState
    public var itemsSeen: Int
    public var alerts: Int
}

/// What one `prune` removed.
public struct PrunedRows: Sendable, Equatable {
    public var items = 0
    public var reports = 0
    public var hostWaits = 0

    public var isEmpty: Bool { items == 0 && reports == 0 && hostWaits == 0 }
}
