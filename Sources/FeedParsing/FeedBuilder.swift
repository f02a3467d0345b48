import CLibXML2
import Foundation

/// Receives libxml2's SAX2 events for one document and assembles a `Feed`.
///
/// Not Sendable: it lives for one `FeedParser.parse` call on one thread, and libxml2 calls back
/// into it synchronously from `xmlParseChunk` on that same thread.
final class FeedBuilder {
    private let limits: ParserLimits
    private let documentURL: String?
    private var parserContext: xmlParserCtxtPtr?

    // Document state.
    private var format: FeedFormat?
    /// The document's first element (named in "not a feed" errors).
    private var rootName: String?
    /// `xml:base` in force, innermost last, with the depth that set it.
    private var bases: [(depth: Int, url: String)] = []
    private var depth = 0
    private var channelDepth: Int?
    private var feedDraft = ItemDraft()
    private var items: [FeedItem] = []
    private var itemDepth: Int?
    private var itemDraft = ItemDraft()
    private var authorDepth: Int?
    private var warnings: [String] = []
    private var unreadableDates: [String] = []
    private var xmlErrorCount = 0
    private var firstXMLError: String?
    private var truncatedField = false
    private var stoppedForItems = false
    /// Set by `FeedParser` when this is a second reading with stray `&` written as `&amp;`.
    var repairedAmpersands = 0

    // Text capture for the field being read.
    private var capture: FieldCapture?
    private var buffer: TextBuffer
    /// Namespaces declared in the markup kept in the field so far.
    private var markupScope = MarkupScope()

    /// Element names to our elements, remembered for the document.
    private var classifier = ElementClassifier()
    private let htmlEntities = DeclaredHTMLEntities()

    init(limits: ParserLimits, documentURL: String?) {
        self.limits = limits
        self.documentURL = documentURL
        buffer = TextBuffer(limit: limits.maxFieldBytes)
    }

    /// Whether libxml2 reported the document as not well-formed.
    var sawXMLErrors: Bool { xmlErrorCount > 0 }
    /// Items completed so far.
    var itemCount: Int { items.count }

    // MARK: Driving libxml2

    func parse(_ bytes: [UInt8], ignoreDeclaredEncoding: Bool = false) {
        var sax = xmlSAXHandler()
        sax.initialized = fw_xml_sax2_magic()
        sax.startElementNs = { ctx, localname, prefix, uri, nbNamespaces, namespaces, nbAttributes, _, attributes in
            guard let ctx, let localname else { return }
            // The builder outlives the parse: no retain/release per event.
            Unmanaged<FeedBuilder>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.startElement(ElementName(local: localname, prefix: prefix, uri: uri),
                                SAXNamespaces(count: Int(nbNamespaces), pointer: namespaces),
                                SAXAttributes(count: Int(nbAttributes), pointer: attributes))
            }
        }
        sax.endElementNs = { ctx, localname, prefix, uri in
            guard let ctx, let localname else { return }
            Unmanaged<FeedBuilder>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.endElement(ElementName(local: localname, prefix: prefix, uri: uri))
            }
        }
        sax.characters = { ctx, chars, length in
            guard let ctx, let chars else { return }
            Unmanaged<FeedBuilder>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.characters(chars, Int(length)) }
        }
        sax.cdataBlock = sax.characters
        // As libxml2's own SAX2 handler does: whitespace is text like any other, and with the two
        // equal libxml2 skips its "are these blanks ignorable" check on every text node.
        sax.ignorableWhitespace = sax.characters
        sax.getEntity = { ctx, name in
            // Only ever asked for names that are not XML's five: we answer for HTML's named
            // entities (`&nbsp;`, `&laquo;` in feeds written as HTML) and nothing else. No entity
            // declared in the document is registered, so DTD entities never expand.
            guard let ctx, let name else { return nil }
            return Unmanaged<FeedBuilder>.fromOpaque(ctx).takeUnretainedValue().htmlEntities.entity(named: name)
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            Unmanaged<FeedBuilder>.fromOpaque(ctx).takeUnretainedValue().xmlError(error.pointee)
        }

        let me = Unmanaged.passUnretained(self).toOpaque()
        bytes.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else { return }
                // The first four bytes let libxml2 detect a BOM or UTF-16 before the prolog.
                let head = Int32(min(4, chars.count))
                guard let ctxt = xmlCreatePushParserCtxt(&sax, me, base, head, documentURL) else { return }
                parserContext = ctxt
                defer {
                    parserContext = nil
                    // A document with an internal DTD subset leaves its declarations in a
                    // document libxml2 creates on the context (we never expand them); the
                    // context does not own it, so free it here or it leaks (found by fuzzing).
                    if let document = ctxt.pointee.myDoc {
                        xmlFreeDoc(document)
                        ctxt.pointee.myDoc = nil
                    }
                    xmlFreeParserCtxt(ctxt)
                }
                xmlCtxtUseOptions(ctxt, ignoreDeclaredEncoding ? LibXML2.convertedOptions : LibXML2.options)
                _ = xmlParseChunk(ctxt, base + Int(head), Int32(chars.count) - head, 1)
            }
        }
    }

    func result() throws(FeedParseError) -> Feed {
        guard let format else {
            if let rootName { throw .notAFeed(root: rootName) }
            throw .notXML(detail: firstXMLError ?? "no root element")
        }
        var warnings = self.warnings
        var items = self.items
        // A document cut off inside an item still yields that item when it got far enough to
        // have a title or link.
        if itemDepth != nil, items.count < limits.maxItems, itemDraft.title != nil || itemDraft.link != nil {
            if let current = capture, current.depth > (itemDepth ?? 0) { finishTruncated(current) }
            items.append(itemDraft.item(format: format, resolve: resolve))
        }
        let repaired = repairedAmpersands > 0 ? "\(repairedAmpersands) '&' read as text or as the reference it misspelt" : nil
        if xmlErrorCount > 0 {
            let first = firstXMLError.map { ": first at \($0)" } ?? ""
            let also = repaired.map { "; \($0)" } ?? ""
            warnings.insert("feed is not well-formed XML; recovered \(items.count) item(s) past \(xmlErrorCount) error(s)\(first)\(also)", at: 0)
        } else if let repaired {
            warnings.insert("feed is not well-formed XML: \(repaired)", at: 0)
        }
        let draft = feedDraft
        var feed = Feed(
            format: format,
            title: draft.feedTitle.map(HTMLText.plainText).flatMap(nonEmpty),
            link: draft.link.flatMap(nonEmpty),
            subtitle: draft.feedSubtitle,
            language: draft.language.flatMap(nonEmpty),
            updated: draft.updated ?? draft.dcDate ?? draft.pubDate ?? draft.published ?? draft.issued,
            author: draft.authorText,
            items: items,
            warnings: warnings)
        feed.ttl = draft.ttl
        let dates = unreadableDates + draft.unreadableDates
        if !dates.isEmpty {
            feed.notes.append("unreadable dates were left empty: " + dates.prefix(5).map { "\"\($0)\"" }.joined(separator: ", "))
        }
        return feed
    }

    private func finishTruncated(_ current: FieldCapture) {
        let text = buffer.withBytes(MisencodedText.repaired) ?? buffer.trimmedString()
        if !text.isEmpty { itemDraft.set(current.element, text) }
    }

    // MARK: SAX events

    private func startElement(_ name: ElementName, _ namespaces: SAXNamespaces, _ attributes: SAXAttributes) {
        rearm()
        depth += 1
        if depth > limits.maxDepth {
            warnings.append("elements nested deeper than \(limits.maxDepth) levels; stopped reading there")
            stop()
            return
        }
        if capture != nil, depth > capture?.depth ?? depth {
            startMarkup(name, attributes)
            return
        }
        if let base = attributes.value("base", namespace: "http://www.w3.org/XML/1998/namespace") {
            bases.append((depth, resolve(base)))
        }
        if format == nil {
            // Until a feed root is found, every element may be it (Atom wrapped in an XHTML page).
            startRoot(name, namespaces, attributes)
            return
        }
        let element = classifier.classify(name.local, name.uri)
        if format == .rss10, classifier.sawRSS090Element { format = .rss09x }
        guard let format else { return }

        switch element {
        case .channel where !format.isAtom && channelDepth == nil:
            channelDepth = depth
            return
        case .item where !format.isAtom && itemDepth == nil,
             .entry where format.isAtom && itemDepth == nil:
            itemDepth = depth
            itemDraft = ItemDraft()
            if format == .rss10 || format == .rss09x {
                itemDraft.about = attributes["about"]
            }
            if format == .cdf { readCDFAttributes(attributes, into: &itemDraft) }
            return
        default:
            break
        }

        // Media RSS and iTunes elements count anywhere inside an item (media:group nests them).
        if startExtension(element, attributes) { return }

        // Only direct children of the channel/feed or of an item, and Atom author details, matter.
        let parentIsItem = itemDepth.map { depth == $0 + 1 } ?? false
        let parentIsChannel = itemDepth == nil && channelDepth.map { depth == $0 + 1 } == true
        let parentIsAuthor = authorDepth.map { depth == $0 + 1 } ?? false
        guard parentIsItem || parentIsChannel || parentIsAuthor else { return }

        if parentIsAuthor {
            if element == .name || element == .email { begin(FieldCapture(element: element, depth: depth)) }
            return
        }
        startField(element, attributes, format: format, parentIsItem: parentIsItem)
    }

    /// A direct child of the channel/feed or of an item.
    private func startField(_ element: FeedElement, _ attributes: SAXAttributes, format: FeedFormat, parentIsItem: Bool) {
        switch element {
        case .author where format.isAtom:
            authorDepth = depth
        case .link where format.isAtom, .atomLink:
            guard let href = attributes["href"].flatMap(nonEmpty) else { return }
            let resolved = resolve(href)
            let (rel, type) = (attributes["rel"], attributes["type"])
            let isEnclosure = rel.map { $0.utf8.count == 9 && $0.lowercased() == "enclosure" } ?? false
            let length = isEnclosure ? attributes["length"] : nil
            if parentIsItem {
                itemDraft.offerLink(href: resolved, rel: rel, type: type, length: length, isItem: true, atomModel: format.isAtom)
            } else {
                feedDraft.offerLink(href: resolved, rel: rel, type: type, length: length, isItem: false, atomModel: format.isAtom)
            }
        case .enclosure:
            guard parentIsItem, let url = attributes["url"].flatMap(nonEmpty) else { return }
            itemDraft.enclosures.append(Enclosure(
                url: resolve(url), type: attributes["type"], length: attributes["length"].flatMap(ItemDraft.length)))
        case .category where format.isAtom:
            if parentIsItem, let term = (attributes["term"] ?? attributes["label"]).flatMap(nonEmpty) {
                itemDraft.categories.append(term)
            }
        case .guid:
            itemDraft.guidIsPermaLink = attributes["isPermaLink"]?.lowercased() != "false"
            begin(FieldCapture(element: element, depth: depth))
        case .content, .summary, .title, .subtitle, .tagline:
            begin(FieldCapture(element: element, depth: depth, type: attributes.rawValue("type"), mode: attributes.rawValue("mode"), format: format))
        case .body:
            // XHTML's body holds markup: keep it, as XHTML content.
            begin(FieldCapture.xhtml(element: element, depth: depth))
        case .other, .rss, .rdf, .channel, .item, .feed, .entry, .name, .email:
            break
        default:
            begin(FieldCapture(element: element, depth: depth))
        }
    }

    /// Markup inside a field (XHTML content, unescaped HTML in a description): kept, except the
    /// one `<div>` that wraps XHTML content.
    private func startMarkup(_ name: ElementName, _ attributes: SAXAttributes) {
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

    private func startRoot(_ name: ElementName, _ namespaces: SAXNamespaces, _ attributes: SAXAttributes) {
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
    private func readCDFAttributes(_ attributes: SAXAttributes, into draft: inout ItemDraft) {
        if let href = attributes["HREF"].flatMap(nonEmpty) { draft.link = resolve(href) }
        if let lastModified = attributes["LASTMOD"] {
            draft.setDate(.updated, FeedDate.parse(lastModified), text: lastModified)
        }
    }

    private func endElement(_ name: ElementName) {
        rearm()
        defer {
            if let last = bases.last, last.depth == depth { bases.removeLast() }
            depth -= 1
        }
        if let current = capture {
            if depth > current.depth {
                if depth == current.wrapperDepth, current.wrappedEnd == nil, !buffer.overflowed { capture?.wrappedEnd = buffer.count }
                buffer.appendEndTag(name)
                markupScope.end(depth)
                if buffer.overflowed { noteTruncated() }
                return
            }
            if depth == current.depth {
                finish(current)
                capture = nil
                return
            }
        }
        if let authorDepth, depth == authorDepth {
            self.authorDepth = nil
            return
        }
        if let itemDepth, depth == itemDepth {
            endItem()
            return
        }
        if let channelDepth, depth == channelDepth, format?.isAtom == false {
            self.channelDepth = nil
        }
    }

    private func endItem() {
        itemDepth = nil
        if items.count >= limits.maxItems {
            if !stoppedForItems {
                stoppedForItems = true
                warnings.append("feed has more than \(limits.maxItems) items; the rest were ignored")
                stop()
            }
            return
        }
        // Move the draft out rather than copy it (a copy retains each of its strings).
        var draft = ItemDraft()
        swap(&draft, &itemDraft)
        if let format { items.append(draft.item(format: format, resolve: resolve)) }
        if !draft.unreadableDates.isEmpty, unreadableDates.count < 5 { unreadableDates += draft.unreadableDates }
    }

    private func characters(_ chars: UnsafePointer<xmlChar>, _ length: Int) {
        rearm()
        // One field of the capture, not a copy of it: this runs for every piece of text.
        guard let escapeMarkup = capture?.escapeMarkup else { return }
        let text = UnsafeBufferPointer(start: chars, count: length)
        if escapeMarkup {
            for byte in text {
                switch byte {
                case UInt8(ascii: "<"): buffer.append("&lt;")
                case UInt8(ascii: "&"): buffer.append("&amp;")
                case UInt8(ascii: ">"): buffer.append("&gt;")
                default: buffer.append(byte)
                }
            }
        } else {
            buffer.append(text)
        }
        if buffer.overflowed { noteTruncated() }
    }

    /// libxml2 2.9 in recovery mode stops delivering entity and character references once the
    /// document has had any error (`xmlParseReference` returns early while `wellFormed == 0`), so
    /// one stray `&` would silently delete every later `&amp;`. We count errors ourselves, so we
    /// re-arm the flag on each event.
    @inline(__always)
    private func rearm() {
        if xmlErrorCount > 0, let parserContext { parserContext.pointee.wellFormed = 1 }
    }

    private func xmlError(_ error: xmlError) {
        xmlErrorCount += 1
        rearm()
        if firstXMLError == nil, let message = error.message {
            let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
            firstXMLError = "line \(error.line): \(text)"
        }
    }

    // MARK: Helpers

    private func stop() {
        if let parserContext { xmlStopParser(parserContext) }
    }

    private func noteTruncated() {
        if !truncatedField {
            truncatedField = true
            warnings.append("a field was longer than \(limits.maxFieldBytes) bytes and was cut")
        }
    }

    private func begin(_ field: FieldCapture) {
        capture = field
        buffer.removeAll()
        if !markupScope.isEmpty { markupScope = MarkupScope() }
    }

    private func finish(_ capture: FieldCapture) {
        if capture.element.isDate {
            // Read straight from the buffer: a date needs no String unless it cannot be read.
            let date = buffer.withBytes(FeedDate.parse(bytes:))
            if itemDepth != nil {
                itemDraft.setDate(capture.element, date, text: buffer.trimmedString())
            } else {
                feedDraft.setDate(capture.element, date, text: buffer.trimmedString())
            }
            return
        }
        let text = fieldText(capture)
        if let authorDepth, capture.depth == authorDepth + 1 {
            if itemDepth != nil {
                itemDraft.setAuthorPart(capture.element, text)
            } else {
                feedDraft.setAuthorPart(capture.element, text)
            }
            return
        }
        if itemDepth != nil {
            itemDraft.set(capture.element, text)
        } else {
            feedDraft.set(capture.element, text)
        }
    }

    /// The captured text, decoded and repaired: base64 undone, double-encoded or Windows-1252
    /// text read as meant, relative links in markup resolved, an RSS channel link resolved.
    private func fieldText(_ capture: FieldCapture) -> String {
        if capture.wrapperDepth != nil, let content = buffer.withBytes(capture.unwrapped) { buffer.keep(content) }
        var text = buffer.withBytes(MisencodedText.repaired) ?? buffer.trimmedString()
        if capture.base64 { text = FieldCapture.decodedBase64(text) }
        if capture.element.holdsMarkup, let base = bases.last?.url ?? documentURL,
           let resolved = text.withUTF8({ ContentLinks.resolved($0, against: base) }) {
            text = resolved
        }
        if capture.element == .link, itemDepth == nil, format?.isAtom == false { text = resolve(text) }
        return text
    }

    /// Media RSS and iTunes elements; false when `element` is not one of them.
    private func startExtension(_ element: FeedElement, _ attributes: SAXAttributes) -> Bool {
        let inItem = itemDepth != nil
        switch element {
        case .mediaContent, .mediaThumbnail:
            guard inItem, let url = attributes["url"].flatMap(nonEmpty) else { return true }
            let type = attributes["type"] ?? (element == .mediaThumbnail ? "image" : attributes["medium"])
            itemDraft.offerEnclosure(url: resolve(url), type: type, length: attributes["fileSize"])
        case .itunesCategory:
            if let text = attributes["text"].flatMap(nonEmpty) {
                if inItem { itemDraft.categories.append(text) } else { feedDraft.categories.append(text) }
            }
        case .mediaDescription, .mediaCategory, .mediaTitle:
            if inItem { begin(FieldCapture(element: element, depth: depth)) }
        case .itunesSummary, .itunesSubtitle, .itunesAuthor:
            begin(FieldCapture(element: element, depth: depth))
        default:
            return false
        }
        return true
    }

    /// Resolves a relative reference against the `xml:base` in force, else the document's URL.
    private func resolve(_ link: String) -> String {
        LinkResolver.resolve(link, against: bases.last?.url ?? documentURL)
    }
}

/// An element's name as SAX2 reports it; the pointers are valid during the event only.
struct ElementName {
    var local: UnsafePointer<xmlChar>
    var prefix: UnsafePointer<xmlChar>?
    var uri: UnsafePointer<xmlChar>?
}
