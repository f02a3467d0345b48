import Foundation

/// The syndication format a document was recognised as, named as in `feedwatch parse` output.
public enum FeedFormat: String, Sendable, Equatable, CaseIterable {
    case rss20 = "rss2.0"
    case rss10 = "rss1.0"
    case rss09x = "rss0.9x"
    case atom10 = "atom1.0"
    case atom03 = "atom0.3"
    case json11 = "json1.1"
    case json10 = "json1.0"
    /// Netscape's Channel Definition Format (`<CHANNEL>`), read like RSS.
    case cdf

    /// Whether entries follow the Atom element model (ids, `link href`, author containers).
    public var isAtom: Bool { self == .atom10 || self == .atom03 }
}

/// A media file attached to an item (RSS `<enclosure>`, Atom `link rel="enclosure"`).
public struct Enclosure: Sendable, Equatable, Hashable {
    public var url: String
    public var type: String?
    public var length: Int64?

    public init(url: String, type: String? = nil, length: Int64? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}

/// One story of a feed as published, before any matching. Titles are plain text; `summary` and
/// `content` keep the publisher's HTML (entities decoded) so nothing is lost for later display.
public struct FeedItem: Sendable, Equatable {
    public var id: String?
    public var title: String?
    public var link: String?
    public var published: Date?
    public var updated: Date?
    public var summary: String?
    public var content: String?
    public var author: String?
    public var categories: [String]
    public var enclosures: [Enclosure]

    public init(
        id: String? = nil, title: String? = nil, link: String? = nil,
        published: Date? = nil, updated: Date? = nil,
        summary: String? = nil, content: String? = nil, author: String? = nil,
        categories: [String] = [], enclosures: [Enclosure] = []
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.summary = summary
        self.content = content
        self.author = author
        self.categories = categories
        self.enclosures = enclosures
    }

    /// The date an item should be ordered and reported by: its publication time, else its update time.
    public var date: Date? { published ?? updated }

    /// Title, summary and content as plain text, for matching: tags stripped, entities decoded,
    /// whitespace folded.
    public var plainTitle: String { title ?? "" }
    public var plainSummary: String { summary.map(HTMLText.plainText) ?? "" }
    public var plainContent: String { content.map(HTMLText.plainText) ?? "" }
}

/// A parsed feed document. `warnings` says what was recovered from or cut off, so a damaged feed
/// still yields its items while the user learns why some may be missing.
public struct Feed: Sendable, Equatable {
    public var format: FeedFormat
    public var title: String?
    public var link: String?
    public var subtitle: String?
    public var language: String?
    public var updated: Date?
    public var author: String?
    public var items: [FeedItem]
    public var warnings: [String]
    /// Minor observations for debugging (dates that could not be read, for instance): unlike
    /// warnings, nothing was lost that the user needs to hear about.
    public var notes: [String] = []
    /// RSS `<ttl>`: minutes the publisher asks readers to wait between polls.
    public var ttl: Int?

    public init(
        format: FeedFormat, title: String? = nil, link: String? = nil, subtitle: String? = nil,
        language: String? = nil, updated: Date? = nil, author: String? = nil,
        items: [FeedItem] = [], warnings: [String] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.subtitle = subtitle
        self.language = language
        self.updated = updated
        self.author = author
        self.items = items
        self.warnings = warnings
    }
}
