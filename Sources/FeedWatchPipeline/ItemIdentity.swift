import FeedParsing
import Foundation
import StoryMatching

/// How an item is recognised when a feed serves it again: its guid/id, else its link with
/// tracking noise removed, else a hash of its title and summary.
public enum ItemIdentity {
    /// Query parameters that identify a campaign or click, not a story.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "yclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi",
        "ref_src", "cmpid", "ocid", "_ga", "spm",
    ]

    /// The key under which an item is remembered per feed.
    public static func key(for item: FeedItem) -> String {
        if let id = item.id?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty {
            return "id:" + id
        }
        if let link = item.link, !link.isEmpty {
            return "link:" + canonicalLink(link)
        }
        let text = (item.title ?? "") + "\n" + (item.summary ?? "")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return "text:" + String(hash, radix: 16)
    }

    /// A link with `utm_*` and click-id parameters and the fragment removed, scheme and host
    /// lower-cased, default ports dropped. Other parameters keep their order: some sites use
    /// them to name the article.
    public static func canonicalLink(_ link: String) -> String {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var components = URLComponents(string: trimmed), components.host != nil else { return trimmed }
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        if (components.scheme == "http" && components.port == 80) || (components.scheme == "https" && components.port == 443) {
            components.port = nil
        }
        components.fragment = nil
        if let items = components.queryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
            }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        return components.string ?? trimmed
    }
}
