import FeedParsing
import FeedWatchConfiguration
import Foundation
import Logging
import StoryMatching
import Synchronization

/// The records other tools rely on (`alert`, `duplicate`, `fetch_failed`, and the extensions
/// `feed_warning` and `flood_summary`; DESIGN.md, "Contracts other tools rely on"), written
/// through swift-log at the priority the journal filters on: alerts at NOTICE, feed problems at
/// WARNING, duplicates at INFO.
public struct EventLog: Sendable {
    public let logger: Logger
    private let floodGuard: FloodGuard

    /// `floodLimit`: alerts per minute written at NOTICE; past it, the rest of that minute's
    /// alerts are written at INFO (all fields kept) and one NOTICE summary counts them.
    /// 0 turns the guard off.
    public init(logger: Logger, floodLimit: Int = 0) {
        self.logger = logger
        floodGuard = FloodGuard(limit: floodLimit)
    }

    /// `story`: the new event's id, which its later duplicates carry too.
    public func alert(feed: FeedSource, item: FeedItem, classification: Classification, story: String, now: Date = Date()) {
        alert(AlertEntry(feed: feed, item: item, classification: classification, story: story), now: now)
    }

    /// Writes an alert entry. `takenOver`: another process claimed it and died before writing
    /// it (the entry says `"delivery": "taken_over"`, so a reader can tell a possible repeat).
    public func alert(_ entry: AlertEntry, now: Date = Date(), takenOver: Bool = false) {
        var message = "ALERT [\(entry.feed)] \(entry.title)"
        if !entry.link.isEmpty { message += " <\(entry.link)>" }
        if let published = entry.published { message += " published \(published)" }
        // The id is in the line too, so a reader of plain `journalctl` output can find the alert
        // a later duplicate names ("reports story …").
        message += " story \(entry.story)"
        if !entry.tags.isEmpty { message += " tags: \(entry.tags.joined(separator: ", "))" }
        message += "; matched: \(entry.matched.joined(separator: ", "))"
        let level: Logger.Level = floodGuard.admit(at: now) ? .notice : .info
        var metadata: Logger.Metadata = [
            "event": "alert",
            "story": .string(entry.story),
            "feed": .string(entry.feed),
            "title": .string(entry.title),
            "link": .string(entry.link),
            "published": entry.published.map { .string($0) } ?? .stringConvertible(LogNull()),
            "tags": .array(entry.tags.map { .string($0) }),
            "matched": .array(entry.matched.map { .string($0) }),
            "tag_terms": .dictionary(entry.tagTerms.mapValues { .array($0.map { .string($0) }) }),
        ]
        if takenOver { metadata["delivery"] = "taken_over" }
        logger.log(level: level, "\(message)", metadata: metadata)
    }

    /// Writes the flood guard's summary when alerts were demoted; call at the end of each poll.
    public func flushFloodSummary() {
        guard let demoted = floodGuard.takeDemoted(), demoted > 0 else { return }
        logger.notice("flood guard: \(demoted) more alert(s) in the last minute were written at INFO priority (journalctl -u feedwatch -p info shows them; nothing was dropped)", metadata: [
            "event": "flood_summary",
            "demoted": .stringConvertible(demoted),
        ])
    }

    /// A report of an event the user already has: `match.event` is the event's `story` id and
    /// `match.original` its first report (a seed file name or a link). `tags` are this report's
    /// own, from its headline and lead: a rewrite may stress another side of the event, and a
    /// reader filtering the journal by tag still finds it.
    public func duplicate(feed: FeedSource, item: FeedItem, match: EventMatch, tags: [String]) {
        let title = LogText.title(item.title ?? "(untitled)")
        let link = LogText.field(item.link ?? "")
        let original = LogText.field(match.original)
        let similarity = (match.similarity * 1000).rounded() / 1000
        logger.info("duplicate [\(LogText.name(feed.name))] \(title) <\(link)> reports story \(match.event), first reported as \(original) (similarity \(similarity))", metadata: [
            "event": "duplicate",
            "story": .string(match.event),
            "feed": .string(LogText.name(feed.name)),
            "title": .string(title),
            "link": .string(link),
            "tags": .array(tags.map { .string($0) }),
            "duplicate_of": .string(original),
            "similarity": .stringConvertible(similarity),
            "measure": .string(match.measure.rawValue),
        ])
    }

    public func fetchFailed(feed: FeedSource, url: String, error: String, stage: String) {
        let error = LogText.field(error)
        logger.warning("feed '\(LogText.name(feed.name))' failed (\(stage)): \(error) [\(url)]", metadata: [
            "event": "fetch_failed",
            "feed": .string(LogText.name(feed.name)),
            "url": .string(url),
            "error": .string(error),
            "stage": .string(stage),
        ])
    }

    public func feedWarning(feed: FeedSource, url: String, warning: String) {
        let warning = LogText.field(warning)
        logger.warning("feed '\(LogText.name(feed.name))': \(warning) [\(url)]", metadata: [
            "event": "feed_warning",
            "feed": .string(LogText.name(feed.name)),
            "url": .string(url),
            "error": .string(warning),
        ])
    }
}

/// Text from feeds is capped before it is logged: a hostile 10 MB title would otherwise become a
/// multi-megabyte log line (twice: in the message and in its field) that the journal splits.
/// What is stored is not affected.
enum LogText {
    static func title(_ text: String) -> String { capped(text, 1_000) }
    static func name(_ text: String) -> String { capped(text, 200) }
    /// Links, errors and other fields.
    static func field(_ text: String) -> String { capped(text, 2_000) }

    /// At most `limit` characters, the last of them an ellipsis when anything was cut.
    static func capped(_ text: String, _ limit: Int) -> String {
        guard text.utf8.count > limit, text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}

/// Counts alerts per wall-clock minute for the flood guard.
final class FloodGuard: Sendable {
    private struct State {
        var minute: Int64 = 0
        var count = 0
        var demoted = 0
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    /// Whether this alert may be written at NOTICE.
    func admit(at now: Date) -> Bool {
        guard limit > 0 else { return true }
        let minute = Int64(now.timeIntervalSince1970 / 60)
        return state.withLock { state in
            if state.minute != minute {
                state.minute = minute
                state.count = 0
            }
            state.count += 1
            if state.count <= limit { return true }
            state.demoted += 1
            return false
        }
    }

    func takeDemoted() -> Int? {
        state.withLock { state in
            defer { state.demoted = 0 }
            return state.demoted
        }
    }
}
