import Foundation

/// The raw fields of one item (or of the channel) as they are read, before the format's rules
/// decide which of them become the item's id, link, dates and author.
struct ItemDraft {
    var about: String?
    var id: String?
    var title: String?
    var titleIsHTML = false
    var link: String?
    var linkRank = 0
    var guid: String?
    var guidIsPermaLink = true
    var pubDate: Date?
    var dcDate: Date?
    var published: Date?
    var updated: Date?
    var description: String?
    var summary: String?
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
        case .link: if link == nil || linkRank == 0 { link = text; linkRank = 1 }
        case .description: description = text
        case .summary: summary = text
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
        case .pubDate, .lastBuildDate: if pubDate == nil { pubDate = date(text) }
        case .date: dcDate = date(text)
        case .published, .issued, .created: if published == nil { published = date(text) }
        case .updated, .modified: updated = date(text)
        case .author, .managingEditor: author = text
        case .creator: creator = text
        case .subject, .category: if let value = nonEmpty(text) { categories.append(value) }
        case .language: language = text
        case .subtitle, .tagline: subtitle = text
        case .ttl: ttl = Int(text).flatMap { $0 > 0 ? $0 : nil }
        default: break
        }
    }

    private mutating func date(_ text: String) -> Date? {
        let value = FeedDate.parse(text)
        if value == nil, !text.isEmpty, unreadableDates.count < 3 { unreadableDates.append(text) }
        return value
    }

    mutating func setAuthorPart(_ element: FeedElement, _ text: String) {
        switch element {
        case .name: authorName = text
        case .email: authorEmail = text
        default: break
        }
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
        var item = FeedItem()
        item.title = title.map(HTMLText.plainText).flatMap(nonEmpty)
        item.author = authorText
        item.categories = categories
        item.enclosures = enclosures
        if format.isAtom {
            item.id = id.flatMap(nonEmpty)
            item.link = link.flatMap(nonEmpty)
            item.published = published
            item.updated = updated
            item.summary = (summary ?? mediaDescription).flatMap(nonEmpty)
            item.content = content.flatMap(nonEmpty)
        } else {
            let guidText = guid.flatMap(nonEmpty)
            item.id = guidText ?? about.flatMap(nonEmpty)
            var link = self.link.flatMap(nonEmpty)
            if link == nil, let guidText, guidIsPermaLink, guidText.hasPrefix("http") { link = guidText }
            if link == nil, let about = about.flatMap(nonEmpty), about.hasPrefix("http") { link = about }
            item.link = link.map(resolve)
            item.published = pubDate ?? dcDate ?? published
            item.updated = updated
            item.summary = (description ?? mediaDescription ?? itunesSummary ?? itunesSubtitle).flatMap(nonEmpty)
            item.content = (encoded ?? content ?? fullText).flatMap(nonEmpty)
        }
        return item
    }
}
