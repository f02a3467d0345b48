import CLibXML2

/// Receives libxml2's SAX2 events for one document and assembles a `Feed`.
///
/// It exists because the document is never held as a tree: libxml2 streams it as events, and the
/// feed is built from them as they come (memory stays flat however large the feed). This file
/// holds the state and follows the nesting (channel, item, author); the rest is by idea, one file
/// each: the SAX bridge (`+SAX`), format detection (`+FeedRoot`), field capture (`+Fields`),
/// markup kept in fields (`+Markup`), Media RSS and iTunes (`+MediaAndITunes`), the assembled
/// feed (`+Result`); the error workaround is `XMLErrorRecovery`, element names are classified by
/// `ElementClassifier`, HTML entities declared by `DeclaredHTMLEntities`.
///
/// Not Sendable: it lives for one `FeedParser.parse` call on one thread, and libxml2 calls back
/// into it synchronously from `xmlParseChunk` on that same thread.
final class FeedBuilder {
    let limits: ParserLimits
    let documentURL: String?
    /// The parser while `parse` runs, and the errors it reported.
    var recovery = XMLErrorRecovery()

    // Document state.
    var format: FeedFormat?
    /// The document's first element (named in "not a feed" errors).
    var rootName: String?
    /// `xml:base` in force, innermost last, with the depth that set it.
    var bases: [(depth: Int, url: String)] = []
    var depth = 0
    var channelDepth: Int?
    var feedDraft = ItemDraft()
    var items: [FeedItem] = []
    var itemDepth: Int?
    var itemDraft = ItemDraft()
    var authorDepth: Int?
    var warnings: [String] = []
    var unreadableDates: [String] = []
    private var truncatedField = false
    private var stoppedForItems = false
    /// Set by `FeedParser` when this is a second reading with stray `&` written as `&amp;`.
    var repairedAmpersands = 0

    // Text capture for the field being read.
    var capture: FieldCapture?
    var buffer: TextBuffer
    /// Namespaces declared in the markup kept in the field so far.
    var markupScope = MarkupScope()

    /// Element names to our elements, remembered for the document.
    var classifier = ElementClassifier()
    let htmlEntities = DeclaredHTMLEntities()

    init(limits: ParserLimits, documentURL: String?) {
        self.limits = limits
        self.documentURL = documentURL
        buffer = TextBuffer(limit: limits.maxFieldBytes)
    }

    /// Whether libxml2 reported the document as not well-formed.
    var sawXMLErrors: Bool { recovery.errorCount > 0 }
    /// Items completed so far.
    var itemCount: Int { items.count }

    // MARK: SAX events

    func startElement(_ name: ElementName, _ namespaces: SAXNamespaces, _ attributes: SAXAttributes) {
        recovery.rearm()
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

    func endElement(_ name: ElementName) {
        recovery.rearm()
        defer {
            if let last = bases.last, last.depth == depth { bases.removeLast() }
            depth -= 1
        }
        if let current = capture {
            if depth > current.depth {
                endMarkup(name, in: current)
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

    func xmlError(_ error: xmlError) {
        recovery.record(error)
    }

    // MARK: Helpers

    func stop() {
        if let context = recovery.context { xmlStopParser(context) }
    }

    func noteTruncated() {
        if !truncatedField {
            truncatedField = true
            warnings.append("a field was longer than \(limits.maxFieldBytes) bytes and was cut")
        }
    }

    /// Resolves a relative reference against the `xml:base` in force, else the document's URL.
    func resolve(_ link: String) -> String {
        LinkResolver.resolve(link, against: bases.last?.url ?? documentURL)
    }
}
