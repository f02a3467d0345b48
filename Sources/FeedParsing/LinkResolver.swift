import Foundation

/// Turns the links feeds carry (absolute, root-relative, relative to `xml:base` or to the
/// document) into absolute URLs. Shared by the XML and JSON Feed readers so both resolve alike.
enum LinkResolver {
    /// `link` made absolute against `base` (the `xml:base` in force, else the document's URL);
    /// returned trimmed and unchanged when there is no usable base.
    static func resolve(_ link: String, against base: String?) -> String {
        guard let trimmed = nonEmpty(link) else { return "" }
        // Absolute links need nothing; root-relative ones only the base's scheme and host.
        let absolute = containsSchemeSeparator(trimmed)
        if absolute, trimmed.hasPrefix("http") { return trimmed }
        if let base, trimmed.hasPrefix("//"), let colon = base.firstIndex(of: ":") {
            return String(base[..<colon]) + ":" + trimmed
        }
        if let base, trimmed.hasPrefix("/"), let origin = origin(of: base) {
            return origin + trimmed
        }
        guard let base, !absolute, let baseURL = URL(string: base) else { return trimmed }
        // Foundation would escape characters a URL must escape (`café.html`) and read the `#` of
        // an HTML reference (`&#038;`) as a fragment: such links are joined as written.
        let plain = !trimmed.utf8.contains { $0 >= 0x80 || $0 == UInt8(ascii: "&") }
        if plain, let resolved = URL(string: trimmed, relativeTo: baseURL)?.absoluteString { return resolved }
        return joined(trimmed, to: base) ?? trimmed
    }

    /// A relative link joined to `base` without Foundation: a query or fragment replaces the
    /// base's, anything else goes after the base's folder.
    private static func joined(_ link: String, to base: String) -> String? {
        if link.hasPrefix("#") { return String(base.prefix { $0 != "#" }) + link }
        if link.hasPrefix("?") { return String(base.prefix { $0 != "?" && $0 != "#" }) + link }
        return folder(of: base).map { $0 + link }
    }

    /// An absolute URL up to the last `/` of its path (`http://h/a/b.html` → `http://h/a/`).
    static func folder(of url: String) -> String? {
        guard let origin = origin(of: url) else { return nil }
        let path = url.dropFirst(origin.count).prefix { $0 != "?" && $0 != "#" }
        guard let slash = path.lastIndex(of: "/") else { return origin + "/" }
        return origin + path[...slash]
    }

    /// Whether `text` holds "://". A byte scan: Foundation's `contains` on String goes through
    /// CFString and was a tenth of the parse time, once per link.
    static func containsSchemeSeparator(_ text: String) -> Bool {
        var last: UInt8 = 0, beforeLast: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "/"), last == UInt8(ascii: "/"), beforeLast == UInt8(ascii: ":") { return true }
            beforeLast = last
            last = byte
        }
        return false
    }

    /// `scheme://host[:port]` of an absolute http(s) URL.
    static func origin(of url: String) -> String? {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon + 2 < bytes.count,
              bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") else { return nil }
        let hostStart = colon + 3
        let end = bytes[hostStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        guard end > hostStart else { return nil }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
