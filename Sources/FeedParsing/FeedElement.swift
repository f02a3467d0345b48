/// The elements the parser acts on, recognised once per (name, namespace) pair.
enum FeedElement: UInt8 {
    case rss, rdf, channel, item, feed, entry
    case title, link, description, encoded, guid, pubDate, date, creator, subject, language
    case author, name, email, category, enclosure, summary, content, id, published, updated
    case issued, modified, created, subtitle, tagline, lastBuildDate, managingEditor, ttl
    /// Yandex's `yandex:full-text`: the article body in Russian outlets' feeds.
    case fullText
    /// `atom:link` inside RSS.
    case atomLink
    /// Media RSS.
    case mediaContent, mediaThumbnail, mediaDescription, mediaCategory
    /// iTunes podcast elements.
    case itunesSummary, itunesSubtitle, itunesAuthor, itunesCategory
    case other
}

/// Which vocabulary an element's namespace belongs to.
enum FeedNamespace: UInt8 {
    case rss, atom, dublinCore, content, rdf, yandex, media, itunes, other

    init(uri: String?) {
        switch uri {
        case nil, "", "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
             "http://backend.userland.com/rss2", "http://backend.userland.com/rss":
            self = .rss
        case "http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#":
            self = .atom
        case "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/":
            self = .dublinCore
        case "http://purl.org/rss/1.0/modules/content/":
            self = .content
        case "http://www.w3.org/1999/02/22-rdf-syntax-ns#":
            self = .rdf
        case "http://news.yandex.ru", "http://news.yandex.ru/":
            self = .yandex
        case "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss":
            self = .media
        case "http://www.itunes.com/dtds/podcast-1.0.dtd":
            self = .itunes
        default:
            self = .other
        }
    }
}

extension FeedElement {
    /// Elements whose text is a date.
    var isDate: Bool {
        switch self {
        case .pubDate, .lastBuildDate, .date, .published, .issued, .created, .updated, .modified: return true
        default: return false
        }
    }

    /// The element for a local name in the feed's own vocabulary (RSS or Atom).
    static func core(_ local: String) -> FeedElement {
        switch local {
        case "rss": return .rss
        case "channel": return .channel
        case "item": return .item
        case "feed": return .feed
        case "entry": return .entry
        case "title": return .title
        case "link": return .link
        case "description": return .description
        case "guid": return .guid
        case "pubDate": return .pubDate
        case "language": return .language
        case "author": return .author
        case "name": return .name
        case "email": return .email
        case "category": return .category
        case "enclosure": return .enclosure
        case "summary": return .summary
        case "content": return .content
        case "id": return .id
        case "published": return .published
        case "updated": return .updated
        case "issued": return .issued
        case "modified": return .modified
        case "created": return .created
        case "subtitle": return .subtitle
        case "tagline": return .tagline
        case "lastBuildDate": return .lastBuildDate
        case "managingEditor": return .managingEditor
        case "ttl": return .ttl
        default: return .other
        }
    }

    static func media(_ local: String) -> FeedElement {
        switch local {
        case "content": return .mediaContent
        case "thumbnail": return .mediaThumbnail
        case "description": return .mediaDescription
        case "category": return .mediaCategory
        default: return .other
        }
    }

    static func itunes(_ local: String) -> FeedElement {
        switch local {
        case "summary": return .itunesSummary
        case "subtitle": return .itunesSubtitle
        case "author": return .itunesAuthor
        case "category": return .itunesCategory
        default: return .other
        }
    }

    static func dublinCore(_ local: String) -> FeedElement {
        switch local {
        case "date": return .date
        case "creator": return .creator
        case "subject": return .subject
        case "language": return .language
        default: return .other
        }
    }
}
