import Foundation

/// How the links and media a draft is offered become its link and enclosures: which alternate
/// wins, and which media files count once.
extension ItemDraft {
    /// An Atom `<link>` (or `atom:link` in RSS) with its `href` already resolved.
    mutating func offerLink(href: String, rel: String?, type: String?, length: String?, isItem: Bool, atomModel: Bool) {
        let rel = rel?.lowercased() ?? "alternate"
        let type = type?.lowercased()
        if rel == "enclosure", isItem {
            enclosures.append(Enclosure(url: href, type: type, length: length.flatMap(Self.length)))
            return
        }
        guard rel == "alternate" else { return }
        guard atomModel else {
            // atom:link in RSS only stands in for a missing <link> (rank 0: a <link> replaces it).
            if link == nil { link = href }
            return
        }
        // Prefer an HTML alternate; otherwise the first alternate.
        let rank = type == nil || type == "text/html" || type == "application/xhtml+xml" ? 2 : 1
        if rank > linkRank {
            link = href
            linkRank = rank
        }
    }

    /// RSS `<enclosure>`, Media RSS `media:content`/`media:thumbnail`: one enclosure per URL.
    mutating func offerEnclosure(url: String, type: String?, length: String?) {
        guard !enclosures.contains(where: { $0.url == url }) else { return }
        enclosures.append(Enclosure(url: url, type: type, length: length.flatMap(Self.length)))
    }

    static func length(_ text: String) -> Int64? {
        Int64(text.trimmingCharacters(in: .whitespaces))
    }
}
