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
    /// Dublin Core's title and description, which stand in for the format's own when missing.
    case dcTitle, dcDescription
    /// An item body: XHTML's `<body>` (also without its namespace) and the old `<fullitem>`.
    case body, fullItem
    /// Media RSS.
    case mediaContent, mediaThumbnail, mediaDescription, mediaCategory, mediaTitle
    /// iTunes podcast elements.
    case itunesSummary, itunesSubtitle, itunesAuthor, itunesCategory
    case other
}

/// Which vocabulary an element's namespace belongs to.
enum FeedNamespace: UInt8 {
    case rss, atom, dublinCore, content, rdf, yandex, media, itunes, xhtml, other

    /// Feeds spell some namespaces in other letter cases (`http://www.itunes.com/DTDs/Podcast-1.0.dtd`):
    /// a name not known as written is tried in lower case.
    init(uri: String?) {
        self = Self.known(uri) ?? Self.known(uri?.lowercased()) ?? .other
    }

    private static func known(_ uri: String?) -> FeedNamespace? {
        switch uri {
        case nil, "", "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
             "http://backend.userland.com/rss2", "http://backend.userland.com/rss":
            return .rss
        case "http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#":
            return .atom
        case "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/":
            return .dublinCore
        case "http://purl.org/rss/1.0/modules/content/":
            return .content
        case "http://www.w3.org/1999/02/22-rdf-syntax-ns#":
            return .rdf
        case "http://news.yandex.ru", "http://news.yandex.ru/":
            return .yandex
        case "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss":
            return .media
        case "http://www.itunes.com/dtds/podcast-1.0.dtd", "http://www.itunes.com/dtds/podcast-1.0.dtd/":
            return .itunes
        case "http://www.w3.org/1999/xhtml":
            return .xhtml
        default:
            return nil
        }
    }
}

extension FeedElement {
    /// Elements whose text is HTML (or XHTML) that may hold relative links.
    var holdsMarkup: Bool {
        switch self {
        case .description, .summary, .content, .encoded, .fullText, .body, .fullItem, .subtitle, .tagline,
             .dcDescription, .mediaDescription, .itunesSummary:
            return true
        default:
            return false
        }
    }

    /// Elements whose text is a date.
    var isDate: Bool {
        switch self {
        case .pubDate, .lastBuildDate, .date, .published, .issued, .created, .updated, .modified: return true
        default: return false
        }
    }

    /// The element for a local name in the feed's own vocabulary (RSS, Atom or CDF). Letter case
    /// does not matter: feeds write `<TiTlE>`, and CDF is upper case throughout.
    static func core(_ local: String) -> FeedElement {
        // Asked once per distinct name in a document (the builder caches the answer).
        coreFolded(local.lowercased())
    }

    private static func coreFolded(_ local: String) -> FeedElement {
        switch local {
        case "rss": return .rss
        case "channel": return .channel
        case "item": return .item
        case "feed": return .feed
        case "entry": return .entry
        case "title": return .title
        case "link": return .link
        case "description", "abstract": return .description
        case "guid": return .guid
        case "pubdate": return .pubDate
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
        case "lastbuilddate": return .lastBuildDate
        case "managingeditor": return .managingEditor
        case "ttl": return .ttl
        case "body": return .body
        case "fullitem": return .fullItem
        default: return .other
        }
    }

    static func media(_ local: String) -> FeedElement {
        switch local {
        case "content": return .mediaContent
        case "thumbnail": return .mediaThumbnail
        case "description": return .mediaDescription
        case "category": return .mediaCategory
        case "title": return .mediaTitle
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
        case "creator", "author": return .creator
        case "subject": return .subject
        case "language": return .language
        case "title": return .dcTitle
        case "description": return .dcDescription
        // DCMI terms (dcterms:).
        case "modified": return .modified
        case "issued": return .issued
        case "created": return .created
        default: return .other
        }
    }
}
