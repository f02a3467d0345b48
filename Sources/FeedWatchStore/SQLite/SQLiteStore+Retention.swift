import FeedWatchConfiguration
import Foundation
import GRDB

/// Removing what the config's `Retention` says the state no longer needs.
extension SQLiteStore {
    /// Removes, at most `retention.batch` rows a table, item identities their feed has not shown
    /// for `seenDays`, reports judged more than `storyDays` ago and `Retry-After` waits that have
    /// passed. Called after each poll; a backlog (an upgrade, a long stop) drains over a few polls.
    ///
    /// An item's identity goes only when a full read of its own feed, at least two days after the
    /// item was last confirmed (confirmations come at most daily), no longer showed it. Time alone
    /// proves nothing: a feed that answers 304 for months, fails, or has not been polled yet after a
    /// long stop may still carry the item, which would then alert again.
    @discardableResult
    public func prune(_ retention: Retention, now: Date) throws(StoreError) -> PrunedRows {
        var pruned = PrunedRows()
        try write("could not remove old state (it is tried again after the next poll)") { db in
            let seenBefore = now.timeIntervalSince1970 - Double(retention.seenDays) * 86_400
            try db.execute(sql: """
                DELETE FROM seen_item WHERE (feed_url, item_key) IN
                    (SELECT s.feed_url, s.item_key FROM seen_item s JOIN feed f ON f.url = s.feed_url
                     WHERE s.last_seen_at < ? AND f.last_read_at > s.last_seen_at + 2 * 86400 LIMIT ?)
                """, arguments: [seenBefore, retention.batch])
            pruned.items = db.changesCount
            let judgedBefore = now.timeIntervalSince1970 - Double(retention.storyDays) * 86_400
            // An alert not yet delivered stays until it is.
            try db.execute(sql: """
                DELETE FROM story WHERE id IN (SELECT id FROM story WHERE alerted_at < ?
                    AND (alert IS NULL OR delivered_at IS NOT NULL) LIMIT ?)
                """,
                           arguments: [judgedBefore, retention.batch])
            pruned.reports = db.changesCount
            try db.execute(sql: "DELETE FROM host_wait WHERE until < ?", arguments: [now.timeIntervalSince1970])
            pruned.hostWaits = db.changesCount
        }
        return pruned
    }

    /// Row counts of the tables that grow with time (checked by the retention tests).
    public func rowCounts() throws(StoreError) -> (items: Int, reports: Int, terms: Int) {
        try read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seen_item") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM story") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM term_frequency") ?? 0)
        }
    }
}
