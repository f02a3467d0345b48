import FeedParsing
import FeedWatchConfiguration
import FeedWatchStore
import Foundation
import StoryMatching

/// An alert's log entry as values, fields already cleaned for the log. The store keeps it (as
/// JSON) from the moment the alert is claimed until it is written, so if the process dies in
/// between, the next one (or another instance) writes the same entry.
public struct AlertEntry: Codable, Sendable, Equatable {
    public var story: String
    public var feed: String
    public var title: String
    public var link: String
    /// ISO 8601, when the item is dated.
    public var published: String?
    public var tags: [String]
    public var matched: [String]
    public var tagTerms: [String: [String]]

    public init(feed: FeedSource, item: FeedItem, classification: Classification, story: String) {
        self.story = story
        self.feed = LogText.name(feed.name)
        title = LogText.title(item.title ?? "(untitled)")
        link = LogText.field(item.link ?? "")
        published = item.date.map(FeedDate.iso8601)
        tags = classification.tags
        matched = classification.matched
        tagTerms = classification.tagTerms
    }

    /// An alert whose stored entry cannot be read (another version wrote it): what the report
    /// itself says, so it is written rather than lost.
    public init(report: StoredReport) {
        story = report.event
        feed = LogText.name(report.feedURL)
        title = LogText.title(report.title ?? "(untitled)")
        link = LogText.field(report.link ?? "")
        published = FeedDate.iso8601(report.eventDate)
        tags = []
        matched = []
        tagTerms = [:]
    }

    /// The JSON the store keeps.
    public var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// An entry the store kept; nil when the text is not one (written by a different version).
    public init?(encoded: String) {
        guard let entry = try? JSONDecoder().decode(AlertEntry.self, from: Data(encoded.utf8)) else { return nil }
        self = entry
    }
}
