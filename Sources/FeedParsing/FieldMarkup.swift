import CLibXML2

#if canImport(Glibc)
import Glibc
#endif

/// The namespaces declared in markup written back out of a field. Declarations made outside the
/// field (on `<entry>`, say) are lost with it, so the writer declares what its markup uses, where
/// it is first used.
struct MarkupScope {
    private var bindings: [(depth: Int, prefix: String?, uri: String)] = []

    var isEmpty: Bool { bindings.isEmpty }

    /// The namespace `prefix` (nil: the default namespace) has in the markup written so far.
    func uri(for prefix: String?) -> String? {
        bindings.last { $0.prefix == prefix }?.uri
    }

    mutating func bind(_ prefix: String?, to uri: String, at depth: Int) {
        bindings.append((depth, prefix, uri))
    }

    /// The element at `depth` ended: its declarations end with it.
    mutating func end(_ depth: Int) {
        while let last = bindings.last, last.depth >= depth { bindings.removeLast() }
    }
}

/// Markup inside a field (XHTML content, HTML written unescaped in a description) written back as
/// text. XHTML elements are written as HTML (no prefix, no namespace); SVG and MathML as HTML
/// embeds them (no prefix, their namespace declared on their root); other vocabularies keep their
/// prefix, and attributes theirs (`xlink:href`), each declared where it is first used.
extension TextBuffer {
    mutating func appendStartTag(_ name: ElementName, attributes: SAXAttributes, depth: Int, scope: inout MarkupScope) {
        append(UInt8(ascii: "<"))
        let prefix = MarkupNamespaces.writtenPrefix(name.prefix, uri: name.uri)
        appendName(name.local, prefix: prefix)
        if let uriPointer = name.uri, !MarkupNamespaces.isHTML(uriPointer) {
            // Foreign markup (SVG, MathML…) is rare: only it pays for strings.
            let uri = String(cString: uriPointer)
            let declaredPrefix = prefix.map { String(cString: $0) }
            if scope.uri(for: declaredPrefix) != uri {
                appendDeclaration(declaredPrefix, uri)
                scope.bind(declaredPrefix, to: uri, at: depth)
            }
        }
        attributes.forEachQualified { local, attributePrefix, attributeURI, value in
            if let attributePrefix, let attributeURI, strcmp(attributePrefix, "xml") != 0 {
                let declaredPrefix = String(cString: attributePrefix)
                let declaredURI = String(cString: attributeURI)
                if scope.uri(for: declaredPrefix) != declaredURI {
                    appendDeclaration(declaredPrefix, declaredURI)
                    scope.bind(declaredPrefix, to: declaredURI, at: depth)
                }
            }
            append(UInt8(ascii: " "))
            appendName(local, prefix: attributePrefix)
            append("=\"")
            appendEscapedAttribute(value)
            append(UInt8(ascii: "\""))
        }
        append(UInt8(ascii: ">"))
    }

    mutating func appendEndTag(_ name: ElementName) {
        append("</")
        appendName(name.local, prefix: MarkupNamespaces.writtenPrefix(name.prefix, uri: name.uri))
        append(UInt8(ascii: ">"))
    }

    private mutating func appendDeclaration(_ prefix: String?, _ uri: String) {
        append(" xmlns")
        if let prefix {
            append(UInt8(ascii: ":"))
            append(Array(prefix.utf8))
        }
        append("=\"")
        append(Array(uri.utf8))
        append(UInt8(ascii: "\""))
    }

    private mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    private mutating func appendName(_ local: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) {
        if let prefix {
            append(cString: prefix)
            append(UInt8(ascii: ":"))
        }
        append(cString: local)
    }

    private mutating func appendEscapedAttribute(_ value: UnsafeBufferPointer<UInt8>) {
        for byte in value {
            switch byte {
            case UInt8(ascii: "\""): append("&quot;")
            case UInt8(ascii: "<"): append("&lt;")
            default: append(byte)
            }
        }
    }
}

/// Which namespaces markup written out as HTML keeps.
enum MarkupNamespaces {
    /// No namespace at all, or XHTML's: plain HTML.
    static func isHTML(_ uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let uri, uri.pointee != 0 else { return true }
        return strcmp(uri, "http://www.w3.org/1999/xhtml") == 0
    }

    /// SVG and MathML, which HTML embeds by their unprefixed names.
    static func isEmbedded(_ uri: UnsafePointer<xmlChar>) -> Bool {
        strcmp(uri, "http://www.w3.org/2000/svg") == 0 || strcmp(uri, "http://www.w3.org/1998/Math/MathML") == 0
    }

    /// The prefix an element is written with: none for HTML, SVG and MathML.
    static func writtenPrefix(_ prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?) -> UnsafePointer<xmlChar>? {
        guard let uri, !isHTML(uri), !isEmbedded(uri) else { return nil }
        return prefix
    }
}
