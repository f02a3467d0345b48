import FeedParsing
import FeedWatchPipeline
import FeedWatchStore
import Foundation

/// `feedwatch stories`: recent events, each once, with how widely they were carried.
public struct StoryListing: Sendable {
    public var events: [EventSummary]
    public var days: Int

    public init(events: [EventSummary], days: Int) {
        self.events = events
        self.days = days
    }

    public var text: String {
        guard !events.isEmpty else { return "no stories in the last \(days) day(s)\n" }
        var out = "\(events.count) stor\(events.count == 1 ? "y" : "ies") in the last \(days) day(s), most recent first\n"
        for event in events {
            let carried = "\(event.reports) report\(event.reports == 1 ? "" : "s"), \(event.outlets) outlet\(event.outlets == 1 ? "" : "s")"
            out += "\n\(event.event)  [\(event.language.rawValue)]  \(carried)\(event.isSeed ? "  (a seed article's story)" : "")\n"
            out += "  \(event.title.isEmpty ? "(untitled)" : event.title)\n"
            out += "  published \(FeedDate.iso8601(event.firstSeen))\(event.lastSeen > event.firstSeen ? " to \(FeedDate.iso8601(event.lastSeen))" : ""); first report: \(event.label)\n"
        }
        return out
    }

    public var json: JSONValue {
        .object([
            ("days", .int(days)),
            ("stories", .array(events.map { event in
                .object([
                    ("story", .string(event.event)),
                    ("language", .string(event.language.rawValue)),
                    ("title", .string(event.title)),
                    ("first_report", .string(event.label)),
                    ("first_published", .string(FeedDate.iso8601(event.firstSeen))),
                    ("last_published", .string(FeedDate.iso8601(event.lastSeen))),
                    ("reports", .int(event.reports)),
                    ("outlets", .int(event.outlets)),
                    ("seed", .bool(event.isSeed)),
                ])
            })),
        ])
    }
}
