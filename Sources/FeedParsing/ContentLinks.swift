import Foundation

/// Relative links inside HTML summaries and content, made absolute against the `xml:base` in force
/// (else the document's URL) while that is still known.
///
/// Once a summary leaves its document, `<a href="/2025/story">` can no longer be resolved by
/// anyone: the `xml:base` that applied to it is gone. The attributes are HTML's link attributes
/// (feedparser's list); everything else in the markup is left exactly as it was.
enum ContentLinks {
    /// The HTML with its relative links resolved, or nil when it has none: a scan for `=` finds
    /// that in the common case, without building anything.
    static func resolved(_ html: UnsafeBufferPointer<UInt8>, against base: String) -> String? {
        var output: [UInt8] = []
        var copiedUpTo = 0
        var index = 0
        var tags = TagTracker()
        while let equals = nextEquals(html, from: index) {
            index = equals + 1
            guard isLinkAttribute(html, before: equals), tags.isInsideTag(html, at: equals),
                  let (whole, link) = value(html, after: equals), isRelative(html, link) else { continue }
            let text = String(decoding: UnsafeBufferPointer(rebasing: html[link]), as: UTF8.self)
            let absolute = LinkResolver.resolve(text, against: base)
            if output.isEmpty { output.reserveCapacity(html.count + 64) }
            output.append(contentsOf: html[copiedUpTo..<whole.lowerBound])
            output.append(contentsOf: absolute.utf8)
            copiedUpTo = whole.upperBound
            index = whole.upperBound
        }
        guard copiedUpTo > 0 else { return nil }
        output.append(contentsOf: html[copiedUpTo...])
        return String(decoding: output, as: UTF8.self)
    }

    private static func nextEquals(_ html: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
        guard index < html.count, let base = html.baseAddress,
              let found = memchr(base + index, Int32(UInt8(ascii: "=")), html.count - index) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// HTML's attributes that hold a URL (`href`, `src`, `cite`…), named just before `=`.
    private static func isLinkAttribute(_ html: UnsafeBufferPointer<UInt8>, before equals: Int) -> Bool {
        var end = equals
        while end > 0, isASCIISpace(html[end - 1]) { end -= 1 }
        var start = end
        while start > 0, end - start < 12, isLetter(html[start - 1]) { start -= 1 }
        guard end > start, start > 0, isASCIISpace(html[start - 1]) else { return false }
        let name = String(decoding: UnsafeBufferPointer(rebasing: html[start..<end]), as: UTF8.self).lowercased()
        return linkAttributes.contains(name)
    }

    /// Whether a position is inside a tag: the last `<` before it is nearer than the last `>`.
    /// Asked for positions in increasing order, it reads each byte once however many are asked
    /// (scanning back from each could take quadratic time on hostile input).
    private struct TagTracker {
        private var scanned = 0
        private var inside = false

        mutating func isInsideTag(_ html: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
            while scanned < index {
                if html[scanned] == UInt8(ascii: "<") {
                    inside = true
                } else if html[scanned] == UInt8(ascii: ">") {
                    inside = false
                }
                scanned += 1
            }
            return inside
        }
    }

    /// The attribute value after `=`: the whole of it (inside its quotes, or up to a space or `>`),
    /// and the link in it without surrounding spaces.
    private static func value(_ html: UnsafeBufferPointer<UInt8>, after equals: Int) -> (whole: Range<Int>, link: Range<Int>)? {
        var start = equals + 1
        while start < html.count, isASCIISpace(html[start]) { start += 1 }
        guard start < html.count else { return nil }
        var end: Int
        let quote = html[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            start += 1
            end = start
            while end < html.count, html[end] != quote { end += 1 }
            guard end < html.count else { return nil }
        } else {
            end = start
            while end < html.count, !isASCIISpace(html[end]), html[end] != UInt8(ascii: ">") { end += 1 }
        }
        let whole = start..<end
        while start < end, isASCIISpace(html[start]) { start += 1 }
        while end > start, isASCIISpace(html[end - 1]) { end -= 1 }
        return end > start ? (whole, start..<end) : nil
    }

    /// Whether the link has no scheme of its own (`/a`, `a/b`, `//host/a`, `#top`, `?q`).
    private static func isRelative(_ html: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) -> Bool {
        var index = value.lowerBound
        guard isLetter(html[index]) else { return true }
        while index < value.upperBound {
            let byte = html[index]
            if byte == UInt8(ascii: ":") { return false }
            guard isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return true }
            index += 1
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static let linkAttributes: Set<String> = [
        "href", "src", "cite", "action", "background", "longdesc", "poster", "codebase", "data", "usemap",
        "profile", "classid",
    ]
}
