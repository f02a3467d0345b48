/// How long the state keeps what it no longer needs (config `retention:`), so months of polling
/// leave a bounded database.
public struct Retention: Sendable, Equatable {
    /// An item's identity is kept while its feed still shows it, and this long after the feed last
    /// did: an item that leaves its feed and comes back within it is not news again.
    public var seenDays: Int
    /// Judged reports (alerts and duplicates) are kept this long: at least `dedup.history_days`,
    /// which the judge compares with; the rest serve `feedwatch stories`.
    public var storyDays: Int
    /// Rows removed per table per poll, so pruning never holds the database for long.
    public var batch: Int

    public init(seenDays: Int = 90, storyDays: Int = 90, batch: Int = 5_000) {
        self.seenDays = seenDays
        self.storyDays = storyDays
        self.batch = batch
    }
}
