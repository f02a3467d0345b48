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
    /// The namespaces whose elements are the feed's own vocabulary (nil: no namespace).
    private var coreURIs: Set<String?> = []
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
    private struct Capture {
        var element: FeedElement
        var depth: Int
        var escapeMarkup: Bool
    }
    private var capture: Capture?
    private var buffer: TextBuffer

    // libxml2 interns names per parser, so pointer pairs identify an element cheaply.
    private struct NameKey: Hashable {
        var local: UnsafeRawPointer
        var uri: UnsafeRawPointer?
    }
    private var elementCache: [NameKey: (FeedElement, FeedNamespace)] = [:]
    /// In front of `elementCache`: a direct-mapped table on the name pointers, so the common case
    /// costs two pointer compares instead of hashing.
    private struct Slot {
        var local: UnsafeRawPointer?
        var uri: UnsafeRawPointer?
        var element: FeedElement
        var namespace: FeedNamespace
    }
    private var slots = [Slot](repeating: Slot(local: nil, uri: nil, element: .other, namespace: .other), count: 64)
    private var htmlEntities: [String: xmlEntityPtr] = [:]

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
        sax.startElementNs = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
            guard let ctx, let localname else { return }
            // The builder outlives the parse: no retain/release per event.
            Unmanaged<FeedBuilder>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.startElement(localname, uri, Int(nbAttributes), attributes)
            }
        }
        sax.endElementNs = { ctx, localname, _, uri in
            guard let ctx, let localname else { return }
            Unmanaged<FeedBuilder>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.endElement(localname, uri) }
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
            return Unmanaged<FeedBuilder>.fromOpaque(ctx).takeUnretainedValue().htmlEntity(name)
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
            title: draft.title.map(HTMLText.plainText).flatMap(nonEmpty),
            link: draft.link.flatMap(nonEmpty),
            subtitle: (draft.subtitle ?? draft.description).flatMap(nonEmpty),
            language: draft.language.flatMap(nonEmpty),
            updated: draft.updated ?? draft.dcDate ?? draft.pubDate ?? draft.published,
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

    private func finishTruncated(_ current: Capture) {
        let text = buffer.withBytes(MisencodedText.repaired) ?? buffer.trimmedString()
        if !text.isEmpty { itemDraft.set(current.element, text) }
    }

    // MARK: SAX events

    private func classify(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) -> (FeedElement, FeedNamespace) {
        let key = NameKey(local: UnsafeRawPointer(local), uri: uri.map(UnsafeRawPointer.init))
        // Interned names sit a few bytes apart in libxml2's pool: mix all the pointer bits
        // (Fibonacci hashing) and take the top six, or neighbours share a slot.
        let mixed = (UInt(bitPattern: key.local) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt(bitPattern: key.uri) &* 0xC2B2_AE3D_27D4_EB4F)
        let slotIndex = Int(truncatingIfNeeded: mixed >> 58)
        let slot = slots[slotIndex]
        if slot.local == key.local, slot.uri == key.uri { return (slot.element, slot.namespace) }
        if let known = elementCache[key] {
            slots[slotIndex] = Slot(local: key.local, uri: key.uri, element: known.0, namespace: known.1)
            return known
        }
        let name = String(cString: local)
        let uriString = uri.map { String(cString: $0) }
        let namespace = FeedNamespace(uri: uriString)
        let element: FeedElement
        if coreURIs.contains(uriString) || (uriString == "" && coreURIs.contains(nil)) {
            element = .core(name)
        } else {
            switch namespace {
            case .atom: element = name == "link" ? .atomLink : .other
            case .dublinCore: element = .dublinCore(name)
            case .content: element = name == "encoded" ? .encoded : .other
            case .rdf: element = name == "RDF" ? .rdf : .other
            case .yandex: element = name == "full-text" ? .fullText : .other
            case .media: element = .media(name)
            case .itunes: element = .itunes(name)
            case .rss, .other: element = .other
            }
        }
        if format == .rss10, uriString == "http://my.netscape.com/rdf/simple/0.9/", element == .channel || element == .item {
            format = .rss09x
        }
        let value = (element, namespace)
        elementCache[key] = value
        slots[slotIndex] = Slot(local: key.local, uri: key.uri, element: element, namespace: namespace)
        return value
    }

    private func startElement(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?,
                              _ attributeCount: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        rearm()
        depth += 1
        if depth > limits.maxDepth {
            warnings.append("elements nested deeper than \(limits.maxDepth) levels; stopped reading there")
            stop()
            return
        }
        if let capture, depth > capture.depth {
            // Markup inside a field (XHTML content, unescaped HTML in a description): keep it.
            appendStartTag(local, attributeCount, attributes)
            return
        }
        if let base = attribute("base", attributeCount, attributes, namespace: "http://www.w3.org/XML/1998/namespace") {
            bases.append((depth, resolve(base)))
        }
        if format == nil {
            // Until a feed root is found, every element may be it (Atom wrapped in an XHTML page).
            startRoot(local, uri, attributeCount, attributes)
            return
        }
        let (element, _) = classify(local, uri)
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
                itemDraft.about = attribute("about", attributeCount, attributes)
            }
            return
        default:
            break
        }

        // Media RSS and iTunes elements count anywhere inside an item (media:group nests them).
        if let handled = startExtension(element, attributeCount, attributes), handled { return }

        // Only direct children of the channel/feed or of an item, and Atom author details, matter.
        let parentIsItem = itemDepth.map { depth == $0 + 1 } ?? false
        let parentIsChannel = itemDepth == nil && channelDepth.map { depth == $0 + 1 } == true
        let parentIsAuthor = authorDepth.map { depth == $0 + 1 } ?? false
        guard parentIsItem || parentIsChannel || parentIsAuthor else { return }

        if parentIsAuthor {
            if element == .name || element == .email { begin(element) }
            return
        }
        switch element {
        case .author where format.isAtom:
            authorDepth = depth
        case .link where format.isAtom, .atomLink:
            atomLink(attributeCount, attributes, isItem: parentIsItem)
        case .enclosure:
            guard parentIsItem, let url = attribute("url", attributeCount, attributes), !url.isEmpty else { return }
            itemDraft.enclosures.append(Enclosure(
                url: resolve(url),
                type: attribute("type", attributeCount, attributes),
                length: attribute("length", attributeCount, attributes)
                    .flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }))
        case .category where format.isAtom:
            if parentIsItem, let term = attribute("term", attributeCount, attributes) ?? attribute("label", attributeCount, attributes),
               let clean = nonEmpty(term) {
                itemDraft.categories.append(clean)
            }
        case .guid:
            itemDraft.guidIsPermaLink = attribute("isPermaLink", attributeCount, attributes)?.lowercased() != "false"
            begin(element)
        case .content, .summary, .title, .subtitle, .tagline:
            let type = attribute("type", attributeCount, attributes)?.lowercased()
            if parentIsItem, element == .title { itemDraft.titleIsHTML = type == "html" || type == "text/html" || type == "xhtml" }
            begin(element, escapeMarkup: type == "xhtml" || type == "application/xhtml+xml")
        case .other, .rss, .rdf, .channel, .item, .feed, .entry, .name, .email:
            break
        default:
            begin(element)
        }
    }

    private func startRoot(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?,
                           _ attributeCount: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let name = String(cString: local)
        let namespaceURI = uri.map { String(cString: $0) }
        if rootName == nil { rootName = name }
        let rssNamespaces: Set<String?> = [nil, "", "http://backend.userland.com/rss2", "http://backend.userland.com/rss"]
        switch (name, namespaceURI) {
        case ("rss", _):
            let version = attribute("version", attributeCount, attributes)?.trimmingCharacters(in: .whitespaces) ?? ""
            format = version.hasPrefix("0.9") ? .rss09x : .rss20
            // Some feeds put their RSS in a namespace of their own choosing: that is the vocabulary.
            coreURIs = rssNamespaces.union([namespaceURI])
        case ("RDF", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("RDF", nil):
            format = .rss10
            coreURIs = ["http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/", nil, ""]
        case ("feed", "http://purl.org/atom/ns#"):
            format = .atom03
            coreURIs = [namespaceURI]
        case ("feed", "http://www.w3.org/2005/Atom"):
            format = .atom10
            coreURIs = [namespaceURI]
        case ("feed", nil):
            let version = attribute("version", attributeCount, attributes)
            format = version == "0.3" ? .atom03 : .atom10
            coreURIs = [nil, ""]  // elements without a namespace, read with the Atom model
        default:
            return
        }
        if depth > 1 { warnings.append("the feed is wrapped in a <\(rootName ?? name)> document; read the <\(name)> inside it") }
        if format?.isAtom == true {
            channelDepth = depth
            feedDraft.language = attribute("lang", attributeCount, attributes)
        }
        elementCache.removeAll()
        for index in slots.indices { slots[index].local = nil }
    }

    private func endElement(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) {
        rearm()
        defer {
            if let last = bases.last, last.depth == depth { bases.removeLast() }
            depth -= 1
        }
        if let current = capture {
            if depth > current.depth {
                buffer.append("</")
                buffer.append(cString: local)
                buffer.append(UInt8(ascii: ">"))
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
            self.itemDepth = nil
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
            return
        }
        if let channelDepth, depth == channelDepth, format?.isAtom == false {
            self.channelDepth = nil
        }
    }

    private func characters(_ chars: UnsafePointer<xmlChar>, _ length: Int) {
        rearm()
        guard let capture else { return }
        let text = UnsafeBufferPointer(start: chars, count: length)
        if capture.escapeMarkup {
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

    private func htmlEntity(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let key = String(cString: name)
        if let known = htmlEntities[key] { return known }
        guard let text = HTMLEntities.text(named: key) else { return nil }
        let entity = xmlEntityPtr.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        entity.pointee.etype = XML_INTERNAL_PREDEFINED_ENTITY
        entity.pointee.name = UnsafePointer(Self.duplicate(key))
        entity.pointee.content = Self.duplicate(text)
        entity.pointee.length = Int32(text.utf8.count)
        htmlEntities[key] = entity
        return entity
    }

    private static func duplicate(_ text: String) -> UnsafeMutablePointer<xmlChar> {
        let count = text.utf8.count
        let copy = UnsafeMutablePointer<xmlChar>.allocate(capacity: count + 1)
        for (index, byte) in text.utf8.enumerated() { copy[index] = byte }
        copy[count] = 0
        return copy
    }

    deinit {
        for entity in htmlEntities.values {
            if let name = entity.pointee.name { UnsafeMutablePointer(mutating: name).deallocate() }
            entity.pointee.content?.deallocate()
            entity.deallocate()
        }
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

    private func begin(_ element: FeedElement, escapeMarkup: Bool = false) {
        capture = Capture(element: element, depth: depth, escapeMarkup: escapeMarkup)
        buffer.removeAll()
    }

    private func finish(_ capture: Capture) {
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
        let text = buffer.withBytes(MisencodedText.repaired) ?? buffer.trimmedString()
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

    /// Media RSS and iTunes elements; nil/false when `element` is not one of them.
    private func startExtension(_ element: FeedElement, _ count: Int,
                                _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Bool? {
        let inItem = itemDepth != nil
        switch element {
        case .mediaContent, .mediaThumbnail:
            guard inItem, let url = attribute("url", count, attributes).flatMap(nonEmpty) else { return true }
            let resolved = resolve(url)
            guard !itemDraft.enclosures.contains(where: { $0.url == resolved }) else { return true }
            let type = attribute("type", count, attributes) ?? (element == .mediaThumbnail ? "image" : attribute("medium", count, attributes))
            itemDraft.enclosures.append(Enclosure(
                url: resolved, type: type,
                length: attribute("fileSize", count, attributes).flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }))
            return true
        case .itunesCategory:
            if let text = attribute("text", count, attributes).flatMap(nonEmpty) {
                if inItem { itemDraft.categories.append(text) } else { feedDraft.categories.append(text) }
            }
            return true
        case .mediaDescription, .mediaCategory, .itunesSummary, .itunesSubtitle, .itunesAuthor:
            if inItem || element == .itunesAuthor || element == .itunesSubtitle || element == .itunesSummary { begin(element) }
            return true
        default:
            return nil
        }
    }

    private func atomLink(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, isItem: Bool) {
        guard let href = attribute("href", count, attributes), !href.isEmpty else { return }
        let rel = attribute("rel", count, attributes)?.lowercased() ?? "alternate"
        let type = attribute("type", count, attributes)?.lowercased()
        if rel == "enclosure", isItem {
            itemDraft.enclosures.append(Enclosure(
                url: resolve(href), type: type,
                length: attribute("length", count, attributes).flatMap { Int64($0) }))
            return
        }
        guard rel == "alternate" else { return }
        if format?.isAtom == false {
            // atom:link in RSS only stands in for a missing <link> (rank 0: a <link> replaces it).
            if isItem, itemDraft.link == nil { itemDraft.link = resolve(href) }
            if !isItem, feedDraft.link == nil { feedDraft.link = resolve(href) }
            return
        }
        // Prefer an HTML alternate; otherwise the first alternate.
        let rank = type == nil || type == "text/html" || type == "application/xhtml+xml" ? 2 : 1
        if isItem {
            if rank > itemDraft.linkRank { itemDraft.link = resolve(href); itemDraft.linkRank = rank }
        } else if rank > feedDraft.linkRank {
            feedDraft.link = resolve(href)
            feedDraft.linkRank = rank
        }
    }

    /// Resolves a relative reference against the `xml:base` in force, else the document's URL.
    private func resolve(_ link: String) -> String {
        LinkResolver.resolve(link, against: bases.last?.url ?? documentURL)
    }

    /// Re-serialises a start tag inside a field (XHTML content, unescaped HTML in a description).
    private func appendStartTag(_ local: UnsafePointer<xmlChar>, _ count: Int,
                                _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        buffer.append(UInt8(ascii: "<"))
        buffer.append(cString: local)
        if let attributes {
            for index in 0..<count {
                let base = index * 5
                guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                buffer.append(UInt8(ascii: " "))
                buffer.append(cString: name)
                buffer.append("=\"")
                for byte in UnsafeBufferPointer(start: start, count: end - start) {
                    if byte == UInt8(ascii: "\"") { buffer.append("&quot;") } else { buffer.append(byte) }
                }
                buffer.append(UInt8(ascii: "\""))
            }
        }
        buffer.append(UInt8(ascii: ">"))
        if buffer.overflowed { noteTruncated() }
    }

    /// The value of the attribute with local name `name` (any namespace), from SAX2's
    /// (localname, prefix, URI, value, end) quintuples.
    private func attribute(_ name: String, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                           namespace: String? = nil) -> String? {
        guard let attributes, count > 0 else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let local = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
            if let namespace {
                guard let uri = attributes[base + 2], strcmp(uri, namespace) == 0 else { continue }
            }
            if strcmp(local, name) == 0 { return AttributeValue.text(start, end) }
        }
        return nil
    }
}

/// The text without leading and trailing whitespace, or nil when nothing is left. Works on the
/// UTF-8 bytes: Foundation's `trimmingCharacters` goes through UTF-16 and dominated parse time.
func nonEmpty(_ s: String) -> String? {
    // Fields arrive trimmed: answer from the end bytes without building a Substring.
    guard let first = s.utf8.first else { return nil }
    if !isASCIISpace(first), let last = s.utf8.last, !isASCIISpace(last) { return s }
    var utf8 = Substring(s).utf8
    while let byte = utf8.first, isASCIISpace(byte) { utf8.removeFirst() }
    while let byte = utf8.last, isASCIISpace(byte) { utf8.removeLast() }
    return utf8.isEmpty ? nil : String(Substring(utf8))
}

@inline(__always)
func isASCIISpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}
