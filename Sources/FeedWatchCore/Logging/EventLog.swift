import FeedParsing
import Foundation
import Logging
import StoryMatching

/// The records other tools rely on (`alert`, `duplicate`, `fetch_failed`; DESIGN.md), written
/// through swift-log at the priority the journal filters on: alerts at NOTICE, feed problems at
/// WARNING, duplicates at INFO.
public struct EventLog: Sendable {
    public let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func alert(feed: FeedSource, item: FeedItem, classification: Classification) {
        let title = item.title ?? "(untitled)"
        let link = item.link ?? ""
        let published = item.date.map(FeedDate.iso8601)
        var message = "ALERT [\(feed.name)] \(title)"
        if !link.isEmpty { message += " <\(link)>" }
        if let published { message += " published \(published)" }
        if !classification.tags.isEmpty { message += " tags: \(classification.tags.joined(separator: ", "))" }
        message += "; matched: \(classification.matched.joined(separator: ", "))"
        logger.notice("\(message)", metadata: [
            "event": "alert",
            "feed": .string(feed.name),
            "title": .string(title),
            "link": .string(link),
            "published": published.map { .string($0) } ?? .stringConvertible(LogNull()),
            "tags": .array(classification.tags.map { .string($0) }),
            "matched": .array(classification.matched.map { .string($0) }),
            "tag_terms": .dictionary(classification.tagTerms.mapValues { .array($0.map { .string($0) }) }),
        ])
    }

    public func duplicate(feed: FeedSource, item: FeedItem, match: DuplicateMatch) {
        let title = item.title ?? "(untitled)"
        let similarity = (match.similarity * 1000).rounded() / 1000
        logger.info("duplicate [\(feed.name)] \(title) <\(item.link ?? "")> copies \(match.original) (similarity \(similarity))", metadata: [
            "event": "duplicate",
            "feed": .string(feed.name),
            "title": .string(title),
            "link": .string(item.link ?? ""),
            "duplicate_of": .string(match.original),
            "similarity": .stringConvertible(similarity),
        ])
    }

    public func fetchFailed(feed: FeedSource, url: String, error: String, stage: String) {
        logger.warning("feed '\(feed.name)' failed (\(stage)): \(error) [\(url)]", metadata: [
            "event": "fetch_failed",
            "feed": .string(feed.name),
            "url": .string(url),
            "error": .string(error),
            "stage": .string(stage),
        ])
    }

    public func feedWarning(feed: FeedSource, url: String, warning: String) {
        logger.warning("feed '\(feed.name)': \(warning) [\(url)]", metadata: [
            "event": "feed_warning",
            "feed": .string(feed.name),
            "url": .string(url),
            "error": .string(warning),
        ])
    }
}
