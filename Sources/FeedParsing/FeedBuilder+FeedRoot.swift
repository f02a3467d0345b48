/// Format detection: until a feed's root element is met every element may be it (Atom wrapped in
/// an XHTML page); the root decides the format and the namespaces of the feed's own vocabulary.
extension FeedBuilder {
    func startRoot(_ name: ElementName, _ namespaces: SAXNamespaces, _ attributes: SAXAttributes) {
        let local = String(cString: name.local)
        if rootName == nil { rootName = local }
        guard let root = FeedRoot.recognise(name: local, uri: name.uri.map { String(cString: $0) },
                                            attributes: attributes, namespaces: namespaces) else { return }
        format = root.format
        classifier.start(coreURIs: root.coreURIs)
        if depth > 1 { warnings.append("the feed is wrapped in a <\(rootName ?? local)> document; read the <\(local)> inside it") }
        if root.format.isAtom {
            channelDepth = depth
            feedDraft.language = attributes["lang"].map(ItemDraft.languageTag)
        }
        if root.format == .cdf {
            channelDepth = depth
            readCDFAttributes(attributes, into: &feedDraft)
        }
    }

    /// CDF keeps a channel's or item's link and date in its `HREF` and `LASTMOD` attributes.
    func readCDFAttributes(_ attributes: SAXAttributes, into draft: inout ItemDraft) {
        if let href = attributes["HREF"].flatMap(nonEmpty) { draft.link = resolve(href) }
        if let lastModified = attributes["LASTMOD"] {
            draft.setDate(.updated, FeedDate.parse(lastModified), text: lastModified)
        }
    }
}
