/// Media RSS and iTunes elements, which count anywhere inside an item (`media:group` nests them)
/// rather than only as its direct children: enclosures from `media:content` and thumbnails,
/// categories from `itunes:category`, and text fields from both.
extension FeedBuilder {
    /// Starts a Media RSS or iTunes element; false when `element` is not one of them.
    func startExtension(_ element: FeedElement, _ attributes: SAXAttributes) -> Bool {
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
}
