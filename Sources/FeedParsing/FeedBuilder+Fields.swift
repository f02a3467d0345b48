import CLibXML2

/// Field capture: a direct child of the channel/feed or of an item starts a field (or, for links,
/// enclosures and Atom categories, is read from its attributes at once); its text is gathered in
/// `buffer` as it streams by, then decoded, repaired and set on the item's or the feed's draft.
extension FeedBuilder {
    /// A direct child of the channel/feed or of an item.
    func startField(_ element: FeedElement, _ attributes: SAXAttributes, format: FeedFormat, parentIsItem: Bool) {
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

    func begin(_ field: FieldCapture) {
        capture = field
        buffer.removeAll()
        if !markupScope.isEmpty { markupScope = MarkupScope() }
    }

    func characters(_ chars: UnsafePointer<xmlChar>, _ length: Int) {
        recovery.rearm()
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

    func finish(_ capture: FieldCapture) {
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
}
