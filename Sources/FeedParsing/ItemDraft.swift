import Foundation

/// The raw fields of one item (or of the channel) as they are read, before the format's rules
/// decide which of them become the item's id, link, dates and author.
struct ItemDraft {
    var about: String?
    var id: String?
    var title: String?
    var dcTitle: String?
    var mediaTitle: String?
    var link: String?
    var linkRank = 0
    var guid: String?
    var guidIsPermaLink = true
    var pubDate: Date?
    var dcDate: Date?
    var published: Date?
    /// Atom 0.3's `issued`, DCMI's `issued`/`created`: the publication date when there is no `published`.
    var issued: Date?
    var updated: Date?
    var description: String?
    var dcDescription: String?
    var summary: String?
    /// RSS has no `<summary>`, but feeds write one: with a `<description>` too, the first of the
    /// two is the summary and the second the content (as feedparser reads them).
    var summaryCameFirst = false
    var body: String?
    var content: String?
    var encoded: String?
    var fullText: String?
    var mediaDescription: String?
    var itunesSummary: String?
    var itunesSubtitle: String?
    var itunesAuthor: String?
    var subtitle: String?
    var language: String?
    var author: String?
    var creator: String?
    var authorName: String?
    var authorEmail: String?
    var categories: [String] = []
    /// Date texts that could not be read (reported as notes, the field stays null).
    var unreadableDates: [String] = []
    var ttl: Int?
    var enclosures: [Enclosure] = []

    mutating func set(_ element: FeedElement, _ text: String) {
        switch element {
        case .title: title = text
        case .dcTitle: dcTitle = text
        case .mediaTitle: if mediaTitle == nil { mediaTitle = text }
        case .link: if link == nil || linkRank == 0 { link = text; linkRank = 1 }
        case .description: description = text
        case .dcDescription: dcDescription = text
        case .summary:
            summary = text
            summaryCameFirst = description == nil
        case .body, .fullItem: body = text
        case .content: content = text
        case .encoded: encoded = text
        case .fullText: fullText = text
        case .mediaDescription: if mediaDescription == nil { mediaDescription = text }
        case .mediaCategory: if let value = nonEmpty(text) { categories.append(value) }
        case .itunesSummary: itunesSummary = text
        case .itunesSubtitle: itunesSubtitle = text
        case .itunesAuthor: itunesAuthor = text
        case .guid: guid = text
        case .id: id = text
        case _ where element.isDate: setDate(element, FeedDate.parse(text), text: text)
        case .author, .managingEditor: author = text
        case .creator: creator = text
        case .subject, .category: if let value = nonEmpty(text) { categories.append(value) }
        case .language: language = Self.languageTag(text)
        case .subtitle, .tagline: subtitle = text
        case .ttl: ttl = Int(text).flatMap { $0 > 0 ? $0 : nil }
        default: break
        }
    }

    /// Records a date element's value; `text` (asked for only when the date could not be read)
    /// goes into the notes.
    mutating func setDate(_ element: FeedElement, _ value: Date?, text: @autoclosure () -> String) {
        if value == nil, unreadableDates.count < 3 {
            let text = text()
            if !text.isEmpty { unreadableDates.append(text) }
        }
        switch element {
        case .pubDate, .lastBuildDate: if pubDate == nil { pubDate = value }
        case .date: dcDate = value
        case .published: published = value
        case .issued, .created: if issued == nil { issued = value }
        case .updated, .modified: updated = value
        default: break
        }
    }

    mutating func setAuthorPart(_ element: FeedElement, _ text: String) {
        switch element {
        case .name: authorName = text
        case .email: authorEmail = text
        default: break
        }
    }

    /// A language tag as BCP 47 writes it: `en_US` is `en-US`.
    static func languageTag(_ text: String) -> String {
        text.contains("_") ? text.replacingOccurrences(of: "_", with: "-") : text
    }

    /// The channel's title: its own, else Dublin Core's.
    var feedTitle: String? { title ?? dcTitle }

    /// The channel's subtitle: Atom's or RSS's own, else Dublin Core's, else iTunes'.
    var feedSubtitle: String? {
        (subtitle ?? description ?? dcDescription ?? itunesSubtitle ?? itunesSummary).flatMap(nonEmpty)
    }

    /// `Name (email)` for Atom authors; the RSS `author`/`dc:creator` text otherwise.
    var authorText: String? {
        if let name = authorName.flatMap(nonEmpty) {
            if let email = authorEmail.flatMap(nonEmpty) { return "\(name) (\(email))" }
            return name
        }
        if let email = authorEmail.flatMap(nonEmpty) { return email }
        return (author ?? creator ?? itunesAuthor).flatMap(nonEmpty)
    }

    func item(format: FeedFormat, resolve: (String) -> String) -> FeedItem {
        // Built in one initializer call: assigning fields one by one into a FeedItem made the
        // optimizer copy the whole item on the way out.
        let title = (title ?? dcTitle ?? mediaTitle).map(HTMLText.plainText).flatMap(nonEmpty)
        if format.isAtom {
            return FeedItem(
                id: id.flatMap(nonEmpty), title: title, link: link.flatMap(nonEmpty),
                published: published ?? issued ?? dcDate, updated: updated,
                summary: (summary ?? dcDescription ?? mediaDescription).flatMap(nonEmpty),
                content: (content ?? body).flatMap(nonEmpty),
                author: authorText, categories: categories, enclosures: enclosures)
        }
        let guidText = guid.flatMap(nonEmpty)
        var link = self.link.flatMap(nonEmpty)
        if link == nil, let guidText, guidIsPermaLink, guidText.hasPrefix("http") { link = guidText }
        if link == nil, let about = about.flatMap(nonEmpty), about.hasPrefix("http") { link = about }
        let (first, second) = summaryCameFirst ? (summary, description) : (description ?? summary, description == nil ? nil : summary)
        return FeedItem(
            id: guidText ?? about.flatMap(nonEmpty), title: title, link: link.map(resolve),
            published: pubDate ?? dcDate ?? published ?? issued, updated: updated,
            summary: (first ?? dcDescription ?? mediaDescription ?? itunesSummary ?? itunesSubtitle).flatMap(nonEmpty),
            content: (encoded ?? content ?? fullText ?? body ?? second).flatMap(nonEmpty),
            author: authorText, categories: categories, enclosures: enclosures)
    }
}
