/// The `Feed` assembled once the document is read: the channel's fields, the items, an item cut
/// off by the end of a damaged document, and the warnings about what was repaired or left out.
extension FeedBuilder {
    func result() throws(FeedParseError) -> Feed {
        guard let format else {
            if let rootName { throw .notAFeed(root: rootName) }
            throw .notXML(detail: recovery.firstError ?? "no root element")
        }
        var items = self.items
        // A document cut off inside an item still yields that item when it got far enough to
        // have a title or link.
        if itemDepth != nil, items.count < limits.maxItems, itemDraft.title != nil || itemDraft.link != nil {
            if let current = capture, current.depth > (itemDepth ?? 0) { finishTruncated(current) }
            items.append(itemDraft.item(format: format, resolve: resolve))
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
            warnings: warningsWithRecovery(itemCount: items.count))
        feed.ttl = draft.ttl
        let dates = unreadableDates + draft.unreadableDates
        if !dates.isEmpty {
            feed.notes.append("unreadable dates were left empty: " + dates.prefix(5).map { "\"\($0)\"" }.joined(separator: ", "))
        }
        return feed
    }

    /// The warnings, led by one saying the document was not well-formed and what was recovered.
    private func warningsWithRecovery(itemCount: Int) -> [String] {
        var warnings = self.warnings
        let repaired = repairedAmpersands > 0 ? "\(repairedAmpersands) '&' read as text or as the reference it misspelt" : nil
        if recovery.errorCount > 0 {
            let first = recovery.firstError.map { ": first at \($0)" } ?? ""
            let also = repaired.map { "; \($0)" } ?? ""
            warnings.insert("feed is not well-formed XML; recovered \(itemCount) item(s) past \(recovery.errorCount) error(s)\(first)\(also)", at: 0)
        } else if let repaired {
            warnings.insert("feed is not well-formed XML: \(repaired)", at: 0)
        }
        return warnings
    }

    /// The field an item was cut off in, kept as far as it got.
    private func finishTruncated(_ current: FieldCapture) {
        let text = buffer.withBytes(MisencodedText.repaired) ?? buffer.trimmedString()
        if !text.isEmpty { itemDraft.set(current.element, text) }
    }
}
