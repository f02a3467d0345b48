import FeedParsing
import StoryMatching

extension StoryText {
    /// What of a feed item is read as its story: its title, its summary as the lead, and its
    /// content (rendered only when needed). One rule for the poll and for the tools that count
    /// term statistics from feed files, so both read an item the same way.
    public init(item: FeedItem, readsBody: Bool = false) {
        self.init(title: item.plainTitle, summary: item.plainSummary, content: { item.plainContent }, readsBody: readsBody)
    }
}
