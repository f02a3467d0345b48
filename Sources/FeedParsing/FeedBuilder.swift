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
    private var rootName: String?
    private var coreNamespace: FeedNamespace = .rss
    private var depth = 0
    private var channelDepth: Int?
    private var feedDraft = ItemDraft()
    private var items: [FeedItem] = []
    private var itemDepth: Int?
    private var itemDraft = ItemDraft()
    private var authorDepth: Int?
    private var warnings: [String] = []
    private var xmlErrorCount = 0
    private var firstXMLError: String?
    private var truncatedField = false
    private var stoppedForItems = false

    // Text capture for the field being read.
    private struct Capture {
        var element: FeedElement
        var depth: Int
        var escapeMarkup: Bool
    }
    private var capture: Capture?
    private var buffer: [UInt8] = []

    // libxml2 interns names per parser, so pointer pairs identify an element cheaply.
    private struct NameKey: Hashable {
        var local: UnsafeRawPointer
        var uri: UnsafeRawPointer?
    }
    private var elementCache: [NameKey: (FeedElement, FeedNamespace)] = [:]
    private var htmlEntities: [String: xmlEntityPtr] = [:]

    init(limits: ParserLimits, documentURL: String?) {
        self.limits = limits
        self.documentURL = documentURL
        buffer.reserveCapacity(4096)
    }

    // MARK: Driving libxml2

    func parse(_ bytes: [UInt8]) {
        var sax = xmlSAXHandler()
        sax.initialized = fw_xml_sax2_magic()
        sax.startElementNs = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
            guard let ctx, let localname else { return }
            Unmanaged<FeedBuilder>.fromOpaque(ctx).takeUnretainedValue()
                .startElement(localname, uri, Int(nbAttributes), attributes)
        }
        sax.endElementNs = { ctx, localname, _, uri in
            guard let ctx, let localname else { return }
            Unmanaged<FeedBuilder>.fromOpaque(ctx).takeUnretainedValue().endElement(localname, uri)
        }
        sax.characters = { ctx, chars, length in
            guard let ctx, let chars else { return }
            Unmanaged<FeedBuilder>.fromOpaque(ctx).takeUnretainedValue().characters(chars, Int(length))
        }
        sax.cdataBlock = sax.characters
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
                    xmlFreeParserCtxt(ctxt)
                }
                xmlCtxtUseOptions(ctxt, LibXML2.options)
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
        if xmlErrorCount > 0 {
            let first = firstXMLError.map { ": first at \($0)" } ?? ""
            warnings.insert("feed is not well-formed XML; recovered \(items.count) item(s) past \(xmlErrorCount) error(s)\(first)", at: 0)
        }
        let draft = feedDraft
        return Feed(
            format: format,
            title: draft.title.map(HTMLText.plainText).flatMap(nonEmpty),
            link: draft.link.flatMap(nonEmpty),
            subtitle: (draft.subtitle ?? draft.description).flatMap(nonEmpty),
            language: draft.language.flatMap(nonEmpty),
            updated: draft.updated ?? draft.dcDate ?? draft.pubDate ?? draft.published,
            author: draft.authorText,
            items: items,
            warnings: warnings)
    }

    private func finishTruncated(_ current: Capture) {
        let text = String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { itemDraft.set(current.element, text) }
    }

    // MARK: SAX events

    private func classify(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) -> (FeedElement, FeedNamespace) {
        let key = NameKey(local: UnsafeRawPointer(local), uri: uri.map(UnsafeRawPointer.init))
        if let known = elementCache[key] { return known }
        let name = String(cString: local)
        let namespace = FeedNamespace(uri: uri.map { String(cString: $0) })
        let element: FeedElement
        switch namespace {
        case .rss, .atom:
            element = namespace == coreNamespace || rootName == nil ? .core(name) : .other
        case .dublinCore: element = .dublinCore(name)
        case .content: element = name == "encoded" ? .encoded : .other
        case .rdf: element = name == "RDF" ? .rdf : .other
        case .yandex: element = name == "full-text" ? .fullText : .other
        case .other: element = .other
        }
        let value = (element, namespace)
        if rootName != nil { elementCache[key] = value }
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
        if rootName == nil {
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
        case .link where format.isAtom:
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
        rootName = name
        switch (name, namespaceURI) {
        case ("rss", _):
            let version = attribute("version", attributeCount, attributes)?.trimmingCharacters(in: .whitespaces) ?? ""
            format = version.hasPrefix("0.9") ? .rss09x : .rss20
            coreNamespace = .rss
        case ("RDF", _):
            coreNamespace = .rss
            format = .rss10
        case ("feed", "http://purl.org/atom/ns#"):
            format = .atom03
            coreNamespace = .atom
        case ("feed", "http://www.w3.org/2005/Atom"):
            format = .atom10
            coreNamespace = .atom
        case ("feed", nil):
            let version = attribute("version", attributeCount, attributes)
            format = version == "0.3" ? .atom03 : .atom10
            coreNamespace = .rss  // elements without a namespace, read with the Atom model
        default:
            stop()
            return
        }
        if format?.isAtom == true {
            channelDepth = depth
            feedDraft.language = attribute("lang", attributeCount, attributes)
        }
        elementCache.removeAll()
    }

    private func endElement(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) {
        rearm()
        defer { depth -= 1 }
        if let current = capture {
            if depth > current.depth {
                buffer.append(contentsOf: Array("</".utf8))
                appendCString(local)
                buffer.append(UInt8(ascii: ">"))
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
            if let format { items.append(itemDraft.item(format: format, resolve: resolve)) }
            return
        }
        if let channelDepth, depth == channelDepth, format?.isAtom == false {
            self.channelDepth = nil
        }
    }

    private func characters(_ chars: UnsafePointer<xmlChar>, _ length: Int) {
        rearm()
        guard let capture else { return }
        let room = limits.maxFieldBytes - buffer.count
        guard room > 0 else { noteTruncated(); return }
        let count = min(room, length)
        if count < length { noteTruncated() }
        let text = UnsafeBufferPointer(start: chars, count: count)
        if capture.escapeMarkup {
            for byte in text {
                switch byte {
                case UInt8(ascii: "<"): buffer.append(contentsOf: Array("&lt;".utf8))
                case UInt8(ascii: "&"): buffer.append(contentsOf: Array("&amp;".utf8))
                case UInt8(ascii: ">"): buffer.append(contentsOf: Array("&gt;".utf8))
                default: buffer.append(byte)
                }
            }
        } else {
            buffer.append(contentsOf: text)
        }
    }

    private func htmlEntity(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let key = String(cString: name)
        if let known = htmlEntities[key] { return known }
        guard let text = HTMLText.namedEntities[key] else { return nil }
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
        buffer.removeAll(keepingCapacity: true)
    }

    private func finish(_ capture: Capture) {
        let text = String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
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
        // Prefer an HTML alternate; otherwise the first alternate.
        let rank = type == nil || type == "text/html" || type == "application/xhtml+xml" ? 2 : 1
        if isItem {
            if rank > itemDraft.linkRank { itemDraft.link = resolve(href); itemDraft.linkRank = rank }
        } else if rank > feedDraft.linkRank {
            feedDraft.link = resolve(href)
            feedDraft.linkRank = rank
        }
    }

    private func resolve(_ link: String) -> String {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let documentURL, !trimmed.contains("://"), let base = URL(string: documentURL),
              let absolute = URL(string: trimmed, relativeTo: base)?.absoluteString else {
            return trimmed
        }
        return absolute
    }

    private func appendCString(_ s: UnsafePointer<xmlChar>) {
        var p = s
        while p.pointee != 0 {
            buffer.append(p.pointee)
            p += 1
        }
    }

    private func appendStartTag(_ local: UnsafePointer<xmlChar>, _ count: Int,
                                _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        buffer.append(UInt8(ascii: "<"))
        appendCString(local)
        if let attributes {
            for index in 0..<count {
                let base = index * 5
                guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                buffer.append(UInt8(ascii: " "))
                appendCString(name)
                buffer.append(contentsOf: Array("=\"".utf8))
                for byte in UnsafeBufferPointer(start: start, count: end - start) {
                    if byte == UInt8(ascii: "\"") { buffer.append(contentsOf: Array("&quot;".utf8)) } else { buffer.append(byte) }
                }
                buffer.append(UInt8(ascii: "\""))
            }
        }
        buffer.append(UInt8(ascii: ">"))
    }

    /// The value of the attribute with local name `name` (any namespace), from SAX2's
    /// (localname, prefix, URI, value, end) quintuples.
    private func attribute(_ name: String, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> String? {
        guard let attributes, count > 0 else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let local = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
            if String(cString: local) == name {
                return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            }
        }
        return nil
    }
}

func nonEmpty(_ s: String) -> String? {
    let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
    return t.isEmpty ? nil : t
}
