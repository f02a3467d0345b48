import Foundation

/// The order a poll judges its new stories in: dated stories oldest first, then the undated
/// ones, and stories of the same date (or both undated) in the order they arrived. Judged oldest
/// first across all feeds, the outlet that ran a story first is its original and later copies
/// its duplicates, whichever server answered first. A pure function, tested without a poll.
public enum StoryOrder {
    /// `stories` in judging order; `date` gives a story's date (nil: undated).
    public static func oldestFirst<Story>(_ stories: [Story], date: (Story) -> Date?) -> [Story] {
        stories.enumerated().sorted { a, b in
            switch (date(a.element), date(b.element)) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}
