import FeedWatchConfiguration
import Foundation
import StoryMatching

/// Term statistics and retention on PostgreSQL: the same rules as on SQLite, in its dialect.
extension PostgresStore {
    public func termStatistics(prior: TermPrior) throws(StoreError) -> (statistics: TermStatistics, decayedDay: Int?) {
        try run { connection throws(StoreError) in
            let rows = try connection.execute("SELECT key, count FROM term_frequency")
            var frequencies: [UInt64: Double] = [:]
            frequencies.reserveCapacity(rows.count)
            for row in 0..<rows.count {
                if let key = rows.string(row, 0).flatMap({ Int64($0) }), let count = rows.double(row, 1) {
                    frequencies[UInt64(bitPattern: key)] = count
                }
            }
            let meta = try connection.execute("SELECT documents, decayed_day FROM term_meta WHERE id = 1")
            let documents = meta.count > 0 ? meta.double(0, 0) ?? 0 : 0
            let statistics = TermStatistics(documents: documents, frequencies: frequencies, prior: prior)
            return (statistics, meta.count > 0 ? meta.int(0, 1) : nil)
        }
    }

    /// Adds a poll's counts in one statement.
    static func addTerms(_ batch: TermBatch, day: Int, connection: PostgresConnection) throws(StoreError) {
        guard !batch.isEmpty else { return }
        // term_meta first, then the terms in key order: the order ageTerms locks them in, so a
        // commit and the daily aging never wait on each other in a cycle.
        try connection.execute("""
            INSERT INTO term_meta (id, documents, decayed_day) VALUES (1, $1, $2)
            ON CONFLICT (id) DO UPDATE SET documents = term_meta.documents + excluded.documents
            """, [.double(batch.documents), .int(Int64(day))])
        // In key order, so concurrent instances lock the rows they share in the same order.
        let sorted = batch.frequencies.map { (Int64(bitPattern: $0.key), $0.value) }.sorted { $0.0 < $1.0 }
        try connection.execute("""
            INSERT INTO term_frequency (key, count) SELECT * FROM unnest($1::bigint[], $2::float8[])
            ON CONFLICT (key) DO UPDATE SET count = term_frequency.count + excluded.count
            """, [.intArray(sorted.map(\.0)), .doubleArray(sorted.map(\.1))])
    }

    public func ageTerms(to day: Int, halfLifeDays: Double, limit: Int, minimum: Double) throws(StoreError) -> Bool {
        try run { connection throws(StoreError) in
            try connection.transaction { () throws(StoreError) -> Bool in
                // The row lock makes one instance age a day; the others then find it done.
                let meta = try connection.execute("SELECT decayed_day FROM term_meta WHERE id = 1 FOR UPDATE")
                guard meta.count > 0, let last = meta.int(0, 0), day > last else { return false }
                let factor = pow(0.5, Double(day - last) / halfLifeDays)
                try connection.execute("UPDATE term_frequency SET count = count * $1", [.double(factor)])
                try connection.execute("DELETE FROM term_frequency WHERE count < $1", [.double(minimum)])
                try connection.execute("""
                    DELETE FROM term_frequency WHERE key IN (SELECT key FROM term_frequency ORDER BY count DESC OFFSET $1)
                    """, [.int(Int64(limit))])
                try connection.execute("UPDATE term_meta SET documents = documents * $1, decayed_day = $2 WHERE id = 1",
                                       [.double(factor), .int(Int64(day))])
                return true
            }
        }
    }

    public func prune(_ retention: Retention, now: Date) throws(StoreError) -> PrunedRows {
        try run { connection throws(StoreError) in
            try connection.transaction { () throws(StoreError) -> PrunedRows in
                var pruned = PrunedRows()
                let seenBefore = now.timeIntervalSince1970 - Double(retention.seenDays) * 86_400
                pruned.items = try connection.execute("""
                    DELETE FROM seen_item WHERE (feed_url, item_key) IN
                        (SELECT s.feed_url, s.item_key FROM seen_item s JOIN feed f ON f.url = s.feed_url
                         WHERE s.last_seen_at < $1 AND f.last_read_at > s.last_seen_at + 2 * 86400 LIMIT $2)
                    """, [.double(seenBefore), .int(Int64(retention.batch))]).changed
                let judgedBefore = now.timeIntervalSince1970 - Double(retention.storyDays) * 86_400
                // An alert not yet delivered stays until it is.
                pruned.reports = try connection.execute("""
                    DELETE FROM story WHERE id IN (SELECT id FROM story WHERE alerted_at < $1
                        AND (alert IS NULL OR delivered_at IS NOT NULL) LIMIT $2)
                    """, [.double(judgedBefore), .int(Int64(retention.batch))]).changed
                pruned.hostWaits = try connection.execute("DELETE FROM host_wait WHERE until < $1",
                                                          [.double(now.timeIntervalSince1970)]).changed
                try connection.execute("DELETE FROM instance WHERE heartbeat_at < $1", [.double(now.timeIntervalSince1970 - 7 * 86_400)])
                return pruned
            }
        }
    }

    public func rowCounts() throws(StoreError) -> (items: Int, reports: Int, terms: Int) {
        try run { connection throws(StoreError) in
            let rows = try connection.execute("""
                SELECT (SELECT COUNT(*) FROM seen_item), (SELECT COUNT(*) FROM story), (SELECT COUNT(*) FROM term_frequency)
                """)
            return (rows.int(0, 0) ?? 0, rows.int(0, 1) ?? 0, rows.int(0, 2) ?? 0)
        }
    }
}
