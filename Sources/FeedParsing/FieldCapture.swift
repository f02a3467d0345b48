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

    /// An Atom text construct or content, or RSS's XHTML body, from its `type` and `mode`
    /// attributes' bytes (compared in place: this runs for every Atom title and summary).
    init(element: FeedElement, depth: Int, type: UnsafeBufferPointer<UInt8>?, mode: UnsafeBufferPointer<UInt8>?, format: FeedFormat) {
        self.init(element: element, depth: depth)
        if let type {
            if Self.equalsIgnoringCase(type, "xhtml") || Self.equalsIgnoringCase(type, "application/xhtml+xml") {
                escapeMarkup = !(mode.map { Self.equalsIgnoringCase($0, "escaped") } ?? false)
                unwrapsDiv = format == .atom10 && element != .body
            } else if Self.equalsIgnoringCase(type, "html") || Self.equalsIgnoringCase(type, "text/html") {
                // Some publishers wrap even HTML in an XHTML div.
                unwrapsDiv = format == .atom10
            }
        }
        base64 = mode.map { Self.equalsIgnoringCase($0, "base64") } ?? false || type.map(Self.isBinary) == true
    }

    /// XHTML content (RSS's `<body>`): markup kept, text escaped, no wrapper.
    static func xhtml(element: FeedElement, depth: Int) -> FieldCapture {
        var capture = FieldCapture(element: element, depth: depth)
        capture.escapeMarkup = true
        return capture
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
    private static func isBinary(_ type: UnsafeBufferPointer<UInt8>) -> Bool {
        guard type.contains(UInt8(ascii: "/")) else { return false }  // text, html, xhtml
        return !(hasPrefix(type, "text/") || hasSuffix(type, "+xml") || hasSuffix(type, "/xml"))
    }

    private static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        bytes.count == text.utf8CodeUnitCount && hasPrefix(bytes, text)
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return (0..<count).allSatisfy { bytes[$0] | 0x20 == text.utf8Start[$0] | 0x20 }
    }

    private static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return (0..<count).allSatisfy { bytes[bytes.count - count + $0] | 0x20 == text.utf8Start[$0] | 0x20 }
    }

    /// The base64 text decoded as UTF-8; the text itself when it is not base64 after all.
    static func decodedBase64(_ text: String) -> String {
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !data.isEmpty,
              let decoded = String(data: data, encoding: .utf8) else { return text }
        return decoded
    }
}
