import FeedParsing
import FeedWatchPipeline

/// The `feedwatch parse` document (DESIGN.md, "`feedwatch parse` JSON"): fixed keys in a fixed order, `null` for absent
/// values, dates in UTC ISO-8601.
public enum FeedJSON {
    public static func value(_ feed: Feed) -> JSONValue {
        .object([
            ("format", .string(feed.format.rawValue)),
            ("title", .optional(feed.title)),
            ("link", .optional(feed.link)),
            ("subtitle", .optional(feed.subtitle)),
            ("language", .optional(feed.language)),
            ("updated", .optional(feed.updated.map(FeedDate.iso8601))),
            ("author", .optional(feed.author)),
            ("items", .array(feed.items.map(value))),
        ])
    }

    public static func value(_ item: FeedItem) -> JSONValue {
        .object([
            ("id", .optional(item.id)),
            ("title", .optional(item.title)),
            ("link", .optional(item.link)),
            ("published", .optional(item.published.map(FeedDate.iso8601))),
            ("updated", .optional(item.updated.map(FeedDate.iso8601))),
            ("summary", .optional(item.summary)),
            ("content", .optional(item.content)),
            ("author", .optional(item.author)),
            ("categories", .array(item.categories.map(JSONValue.string))),
            ("enclosures", .array(item.enclosures.map { enclosure in
                .object([
                    ("url", .string(enclosure.url)),
                    ("type", .optional(enclosure.type)),
                    ("length", enclosure.length.map { .int(Int($0)) } ?? .null),
                ])
            })),
        ])
    }
}
