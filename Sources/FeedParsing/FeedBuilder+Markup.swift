import CLibXML2

#if canImport(Glibc)
import Glibc
#endif

/// Markup inside a field (XHTML content, HTML written unescaped in a description) is written back
/// into the field's text as it streams by, except the one `<div>` that wraps Atom XHTML content.
/// The writing itself is `TextBuffer.appendStartTag`/`appendEndTag` (FieldMarkup.swift).
extension FeedBuilder {
    func startMarkup(_ name: ElementName, _ attributes: SAXAttributes) {
        guard let current = capture else { return }
        // Only the first element of the field can be its wrapper, and only with nothing before it.
        let wrapper = current.unwrapsDiv && depth == current.depth + 1 && strcmp(name.local, "div") == 0
            && buffer.withBytes(FieldCapture.isBlank)
        if current.unwrapsDiv, depth == current.depth + 1 { capture?.unwrapsDiv = false }
        if wrapper { buffer.removeAll() }
        buffer.appendStartTag(name, attributes: attributes, depth: depth, scope: &markupScope)
        if wrapper {
            capture?.wrapperDepth = depth
            capture?.wrappedStart = buffer.count
        }
        if buffer.overflowed { noteTruncated() }
    }

    /// The end of an element inside the field `current`.
    func endMarkup(_ name: ElementName, in current: FieldCapture) {
        if depth == current.wrapperDepth, current.wrappedEnd == nil, !buffer.overflowed { capture?.wrappedEnd = buffer.count }
        buffer.appendEndTag(name)
        markupScope.end(depth)
        if buffer.overflowed { noteTruncated() }
    }
}
