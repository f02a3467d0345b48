/// The text of an attribute value as SAX2 hands it over.
///
/// Without `XML_PARSE_NOENT` (which we never set: it would expand declared entities), libxml2
/// leaves references in attribute values for the SAX handler to resolve: `&amp;` and `&#38;`
/// arrive as `&#38;`, and an HTML name as itself. libxml2's own tree builder decodes them; so do
/// we, or `href="?a=1&amp;b=2"` would read `?a=1&#38;b=2`.
enum AttributeValue {
    static func text(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> String {
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        let raw = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(UInt8(ascii: "&")) else { return raw }
        return decoded(raw)
    }

    /// `text` with character references and HTML named references decoded; anything else that
    /// starts with `&` stays as written.
    static func decoded(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let (decoded, next) = HTMLText.decodeEntity(scalars, at: index) {
                output.append(contentsOf: decoded.unicodeScalars)
                index = next
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }
}
