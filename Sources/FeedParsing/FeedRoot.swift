/// The root element that makes a document a feed, and what it says about the feed's vocabulary.
struct FeedRoot {
    var format: FeedFormat
    /// The namespaces whose elements are the feed's own vocabulary (nil: no namespace).
    var coreURIs: Set<String?>

    static let netscapeRSS090 = "http://my.netscape.com/rdf/simple/0.9/"
    private static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    private static let rssNamespaces: Set<String?> = [nil, "", "http://backend.userland.com/rss2", "http://backend.userland.com/rss"]
    /// Namespaces Atom had before 1.0 (as Echo, Pie and Atom 0.1-0.3), in any letter case.
    private static let oldAtomNamespaces: Set<String> = [
        "http://purl.org/atom/ns#", "http://purl.org/atom/ns", "http://purl.org/echo/", "http://purl.org/pie/",
        "http://example.com/necho", "http://example.com/newformat#",
    ]

    /// The feed a root element begins, or nil when it begins none (the document may still wrap one).
    static func recognise(name: String, uri: String?, attributes: SAXAttributes, namespaces: SAXNamespaces) -> FeedRoot? {
        switch name {
        case "rss", "RSS":
            let version = attributes["version"]?.trimmingCharacters(in: .whitespaces) ?? ""
            // Some feeds put their RSS in a namespace of their own choosing: that is the vocabulary.
            return FeedRoot(format: version.hasPrefix("0.9") ? .rss09x : .rss20, coreURIs: rssNamespaces.union([uri]))
        case "RDF" where uri == rdf || uri == nil:
            // RSS 0.90 is RDF with Netscape's namespace, declared on the root.
            let format: FeedFormat = namespaces.declares(netscapeRSS090) ? .rss09x : .rss10
            return FeedRoot(format: format, coreURIs: ["http://purl.org/rss/1.0/", netscapeRSS090, nil, ""])
        case "feed":
            return atom(uri: uri, version: attributes["version"]?.trimmingCharacters(in: .whitespaces))
        case "CHANNEL" where uri == nil:
            // Netscape's Channel Definition Format: upper-case RSS-like elements, links and dates
            // in attributes.
            return FeedRoot(format: .cdf, coreURIs: [nil, ""])
        default:
            return nil
        }
    }

    private static func atom(uri: String?, version: String?) -> FeedRoot? {
        if uri == "http://www.w3.org/2005/Atom" { return FeedRoot(format: .atom10, coreURIs: [uri]) }
        // Atom 0.3 and its forerunners: the old namespaces in any spelling, or any namespace
        // at all when the root says `version="0.x"`.
        if let uri, oldAtomNamespaces.contains(uri.lowercased()) || version?.hasPrefix("0.") == true {
            return FeedRoot(format: .atom03, coreURIs: [uri])
        }
        guard uri == nil || uri == "" else { return nil }
        // Elements without a namespace, read with the Atom model.
        return FeedRoot(format: version?.hasPrefix("0.") == true ? .atom03 : .atom10, coreURIs: [nil, ""])
    }
}
