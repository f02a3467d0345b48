import Foundation

/// Feed autodiscovery: the feeds an HTML page announces with
/// `<link rel="alternate" type="application/rss+xml|application/atom+xml|application/feed+json" href="...">`, so a site's
/// home page given in place of its feed still works.
public enum FeedDiscovery {
    /// The announced feed URLs, resolved against `pageURL`, in page order.
    public static func alternateFeeds(in html: [UInt8], pageURL: String) -> [String] {
        let text = String(decoding: html.prefix(512 * 1024), as: UTF8.self)
        var found: [String] = []
        var searchStart = text.startIndex
        while let open = text.range(of: "<link", options: [.caseInsensitive], range: searchStart..<text.endIndex) {
            guard let close = text[open.upperBound...].firstIndex(of: ">") else { break }
            let attributes = Self.attributes(String(text[open.upperBound..<close]))
            searchStart = close
            let rel = attributes["rel"]?.lowercased().split(separator: " ") ?? []
            let type = attributes["type"]?.lowercased() ?? ""
            guard rel.contains("alternate"), type.contains("rss+xml") || type.contains("atom+xml") || type.contains("rdf+xml") || type.contains("feed+json"),
                  let href = attributes["href"], !href.isEmpty else { continue }
            let resolved = URL(string: href, relativeTo: URL(string: pageURL))?.absoluteString ?? href
            let lower = resolved.lowercased()
            if (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && !found.contains(resolved) { found.append(resolved) }
        }
        return found
    }

    /// `name="value"`, `name='value'` and `name=value` pairs of one tag, names lower-cased.
    static func attributes(_ tag: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(tag)
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "/" }).last.map { $0.lowercased() } ?? ""
            var value = rest[rest.index(after: equals)...].drop { $0 == " " }
            var parsed: Substring
            if let quote = value.first, quote == "\"" || quote == "'" {
                value = value.dropFirst()
                parsed = value.prefix { $0 != quote }
                rest = value.dropFirst(parsed.count + 1)
            } else {
                parsed = value.prefix { $0 != " " && $0 != "/" }
                rest = value.dropFirst(parsed.count)
            }
            if !name.isEmpty { result[name] = HTMLText.plainText(String(parsed)) }
        }
        return result
    }
}
