import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into the same `Feed` model as
/// RSS and Atom, so polling, matching and `feedwatch parse` treat the three alike.
///
/// The document is as untrusted as any XML feed: its size was checked by `FeedParser`, nesting is
/// bounded here before Foundation's parser sees it, items and fields are capped by
/// `ParserLimits`, and a field of the wrong JSON type is skipped, never trusted.
enum JSONFeedReader {
    /// Whether the document is JSON rather than XML: its first byte past a byte-order mark and
    /// whitespace opens an object (no XML document can start that way).
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, isASCIISpace(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "{")
    }

    static func read(_ input: [UInt8], url: String?, limits: ParserLimits) throws(FeedParseError) -> Feed {
        var bytes = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
        var warnings: [String] = []
        // JSON Feed is UTF-8 by definition; repair rather than lose the feed over one bad byte.
        if !DocumentEncoding.isValidUTF8(bytes) {
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
            warnings.append("bytes invalid in UTF-8 were replaced with U+FFFD")
        }
        if let depth = nestingDepth(bytes, over: limits.maxDepth) {
            throw .invalidJSON(detail: "objects and arrays nested deeper than \(limits.maxDepth) levels (at least \(depth))")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "malformed JSON"
            throw .invalidJSON(detail: reason)
        }
        guard let root = object as? [String: Any] else { throw .invalidJSON(detail: "the document is not a JSON object") }
        guard let version = root["version"] as? String, version.contains("jsonfeed.org/version/") else {
            throw .invalidJSON(detail: "no \"version\" naming https://jsonfeed.org/version/1.1; this JSON is not a JSON Feed")
        }
        let format: FeedFormat
        switch version.split(separator: "/").last {
        case "1": format = .json10
        case "1.1": format = .json11
        default:
            format = .json11
            warnings.append("unknown JSON Feed version \"\(version)\"; read as 1.1")
        }

        var fields = FieldReader(limit: limits.maxFieldBytes)
        let base = fields.string(root["feed_url"]).flatMap { LinkResolver.containsSchemeSeparator($0) ? $0 : nil } ?? url
        let feedAuthor = fields.author(root)

        var items: [FeedItem] = []
        var skipped = 0
        let entries = root["items"] as? [Any] ?? []
        if root["items"] != nil, !(root["items"] is [Any]) {
            warnings.append("\"items\" is not an array; the feed has no items")
        }
        for entry in entries {
            guard items.count < limits.maxItems else {
                warnings.append("feed has more than \(limits.maxItems) items; the rest were ignored")
                break
            }
            guard let entry = entry as? [String: Any] else { skipped += 1; continue }
            items.append(fields.item(entry, base: base, feedAuthor: feedAuthor))
        }
        if skipped > 0 { warnings.append("\(skipped) item(s) were not JSON objects and were skipped") }
        if fields.truncated { warnings.append("a field was longer than \(limits.maxFieldBytes) bytes and was cut") }

        var feed = Feed(
            format: format,
            title: fields.string(root["title"]).map(HTMLText.plainText).flatMap(nonEmpty),
            link: fields.string(root["home_page_url"]).map { LinkResolver.resolve($0, against: base) }.flatMap(nonEmpty),
            subtitle: fields.string(root["description"]),
            language: fields.string(root["language"]),
            updated: nil,
            author: feedAuthor,
            items: items,
            warnings: warnings)
        if !fields.unreadableDates.isEmpty {
            feed.notes.append("unreadable dates were left empty: " + fields.unreadableDates.prefix(5).map { "\"\($0)\"" }.joined(separator: ", "))
        }
        return feed
    }

    /// The depth reached, when objects and arrays nest deeper than `limit` (strings skipped).
    static func nestingDepth(_ bytes: [UInt8], over limit: Int) -> Int? {
        var depth = 0
        var inString = false, escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > limit { return depth }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return nil
    }

    /// Reads typed values out of decoded JSON leniently, cutting long strings at the field limit.
    private struct FieldReader {
        let limit: Int
        var truncated = false
        var unreadableDates: [String] = []

        init(limit: Int) { self.limit = limit }

        /// A non-empty trimmed string, cut at `limit` bytes on a character boundary.
        /// JSON `true`/`false`. Foundation hands numbers and booleans over as NSNumber, and every
        /// NSNumber of 0 or 1 casts to Bool, so `is Bool` would read the ids 0 and 1 as booleans;
        /// a boolean's type encoding is `c`.
        static func isBoolean(_ value: Any?) -> Bool {
            guard let number = value as? NSNumber else { return false }
            return String(cString: number.objCType) == "c"
        }

        mutating func string(_ value: Any?) -> String? {
            guard let text = value as? String, let trimmed = nonEmpty(text) else { return nil }
            guard trimmed.utf8.count > limit else { return trimmed }
            truncated = true
            var cut = ""
            for character in trimmed {
                guard cut.utf8.count + character.utf8.count <= limit else { break }
                cut.append(character)
            }
            return cut.isEmpty ? nil : cut
        }

        /// `authors[0].name` (1.1), else `author.name` (1.0); a URL when there is no name.
        mutating func author(_ object: [String: Any]) -> String? {
            let candidates = (object["authors"] as? [Any] ?? []) + [object["author"] as Any]
            for case let author as [String: Any] in candidates {
                if let name = string(author["name"]) ?? string(author["url"]) { return name }
            }
            return nil
        }

        mutating func date(_ value: Any?) -> Date? {
            guard let text = string(value) else { return nil }
            let date = FeedDate.parse(text)
            if date == nil, unreadableDates.count < 5 { unreadableDates.append(text) }
            return date
        }

        mutating func item(_ entry: [String: Any], base: String?, feedAuthor: String?) -> FeedItem {
            // Ids must be strings, but some generators write numbers.
            var id = string(entry["id"])
            if id == nil, !Self.isBoolean(entry["id"]), let number = entry["id"] as? Int { id = String(number) }
            let link = (string(entry["url"]) ?? string(entry["external_url"])).map { LinkResolver.resolve($0, against: base) }
            var enclosures: [Enclosure] = []
            for case let attachment as [String: Any] in entry["attachments"] as? [Any] ?? [] {
                guard let address = string(attachment["url"]) else { continue }
                let size = (attachment["size_in_bytes"] as? Int).map(Int64.init)
                    ?? (attachment["size_in_bytes"] as? Double).flatMap { Int64(exactly: $0.rounded(.down)) }
                enclosures.append(Enclosure(url: LinkResolver.resolve(address, against: base), type: string(attachment["mime_type"]), length: size))
            }
            var categories: [String] = []
            for case let tag as String in entry["tags"] as? [Any] ?? [] {
                if let tag = string(tag) { categories.append(tag) }
            }
            return FeedItem(
                id: id,
                title: string(entry["title"]).map(HTMLText.plainText).flatMap(nonEmpty),
                link: link.flatMap(nonEmpty),
                published: date(entry["date_published"]),
                updated: date(entry["date_modified"]),
                summary: string(entry["summary"]),
                content: string(entry["content_html"]) ?? string(entry["content_text"]),
                // An item without authors has the feed's (JSON Feed 1.1, section "authors").
                author: author(entry) ?? feedAuthor,
                categories: categories,
                enclosures: enclosures)
        }
    }
}
