import Foundation

/// How the text of the field being read is kept: which element it is, where it started, and
/// what its Atom `type`/`mode` say about its text.
struct FieldCapture {
    var element: FeedElement
    var depth: Int
    /// XHTML content: markup inside it is re-serialised, and its text escaped as it is kept, so
    /// `&lt;blink&gt;` in the text stays text.
    var escapeMarkup = false
    /// The text is base64 (Atom 0.3 `mode="base64"`; an Atom 1.0 `type` that is neither text nor
    /// XML, RFC 4287 4.1.3.3).
    var base64 = false
    /// The field may be wrapped in one `<div>` that is not part of it: Atom 1.0 `type="xhtml"` (RFC
    /// 4287 4.1.3.3), and HTML that a publisher wrapped in an XHTML div. (In Atom 0.3 the div is
    /// content like any other element.)
    var unwrapsDiv = false
    /// The wrapping `<div>` once met: its depth, and where its content starts and (once it
    /// closed) ends in the captured bytes. It is dropped only when nothing follows it, as in
    /// feedparser: `<div>a</div><div>b</div>` keeps both divs.
    var wrapperDepth: Int?
    var wrappedStart = 0
    var wrappedEnd: Int?

    init(element: FeedElement, depth: Int) {
        self.element = element
        self.depth = depth
    }

    /// An Atom text construct or content, or RSS's XHTML body, from its `type` and `mode`.
    init(element: FeedElement, depth: Int, type: String?, mode: String?, format: FeedFormat) {
        self.init(element: element, depth: depth)
        let type = type?.lowercased()
        switch type {
        case "xhtml", "application/xhtml+xml":
            escapeMarkup = mode?.lowercased() != "escaped"
            unwrapsDiv = format == .atom10 && element != .body
        case "html", "text/html":
            // Some publishers wrap even HTML in an XHTML div.
            unwrapsDiv = format == .atom10
        default:
            break
        }
        base64 = mode?.lowercased() == "base64" || type.map(Self.isBinary) == true
    }

    /// Whether `text` is all that was kept before a wrapper could start (only whitespace).
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy(isASCIISpace)
    }

    /// The range of the captured bytes that is the field once its wrapper is dropped; nil when
    /// there was no wrapper, or something followed it.
    func unwrapped(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard let wrappedEnd, wrappedEnd >= wrappedStart, wrappedEnd <= bytes.count else { return nil }
        // After the content: "</div>" and then only whitespace.
        let after = UnsafeBufferPointer(rebasing: bytes[wrappedEnd...])
        guard after.count >= 6, Self.isBlank(UnsafeBufferPointer(rebasing: after[6...])) else { return nil }
        return wrappedStart..<wrappedEnd
    }

    /// A MIME type whose content Atom carries base64-encoded: not text, not XML.
    private static func isBinary(_ type: String) -> Bool {
        guard type.contains("/") else { return false }  // text, html, xhtml
        return !(type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml"))
    }

    /// The base64 text decoded as UTF-8; the text itself when it is not base64 after all.
    static func decodedBase64(_ text: String) -> String {
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !data.isEmpty,
              let decoded = String(data: data, encoding: .utf8) else { return text }
        return decoded
    }
}
