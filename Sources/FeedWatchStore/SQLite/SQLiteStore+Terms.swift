import Foundation
import GRDB
import StoryMatching

/// The term statistics (`TermStatistics`): document frequencies of the terms of every new item,
/// decayed daily and bounded.
extension SQLiteStore {
    /// The saved statistics, blended with `prior`, and the day (days since 1970) they were last aged.
    public func termStatistics(prior: TermPrior) throws(StoreError) -> (statistics: TermStatistics, decayedDay: Int?) {
        try read { db in
            var frequencies: [UInt64: Double] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT key, count FROM term_frequency")
            while let row = try rows.next() {
                let key: Int64 = row[0]
                frequencies[UInt64(bitPattern: key)] = row[1]
            }
            let meta = try Row.fetchOne(db, sql: "SELECT documents, decayed_day FROM term_meta WHERE id = 1")
            let statistics = TermStatistics(documents: meta?["documents"] ?? 0, frequencies: frequencies, prior: prior)
            return (statistics, meta?["decayed_day"])
        }
    }

    /// Adds a poll's counts; `day` (days since 1970) is recorded as the last aging day when the
    /// statistics start.
    static func add(_ batch: TermBatch, day: Int, db: Database) throws {
        guard !batch.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO term_frequency (key, count) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET count = count + excluded.count
            """)
        // In key order: the table's B-tree is then walked once, not visited at random (a cold
        // poll upserts a hundred thousand terms).
        for (key, count) in batch.frequencies.map({ (Int64(bitPattern: $0.key), $0.value) }).sorted(by: { $0.0 < $1.0 }) {
            try statement.execute(arguments: [key, count])
        }
        try db.execute(sql: """
            INSERT INTO term_meta (id, documents, decayed_day) VALUES (1, ?, ?)
            ON CONFLICT(id) DO UPDATE SET documents = documents + excluded.documents
            """, arguments: [batch.documents, day])
    }

    /// Ages the statistics to `day` at the half-life, drops terms counted less than `minimum`,
    /// and keeps the `limit` most frequent, in one transaction. Only when `day` is after the day
    /// they were last aged; returns whether they were.
    @discardableResult
    public func ageTerms(to day: Int, halfLifeDays: Double, limit: Int, minimum: Double) throws(StoreError) -> Bool {
        let due = try read { db in
            try Int.fetchOne(db, sql: "SELECT decayed_day FROM term_meta WHERE id = 1").map { day > $0 } ?? false
        }
        guard due else { return false }
        var aged = false
        try write("could not age the term statistics") { db in
            guard let last = try Int.fetchOne(db, sql: "SELECT decayed_day FROM term_meta WHERE id = 1"), day > last else { return }
            aged = true
            let factor = pow(0.5, Double(day - last) / halfLifeDays)
            try db.execute(sql: "UPDATE term_frequency SET count = count * ?", arguments: [factor])
            try db.execute(sql: "DELETE FROM term_frequency WHERE count < ?", arguments: [minimum])
            try db.execute(sql: """
                DELETE FROM term_frequency WHERE key IN
                    (SELECT key FROM term_frequency ORDER BY count DESC LIMIT -1 OFFSET ?)
                """, arguments: [limit])
            try db.execute(sql: "UPDATE term_meta SET documents = documents * ?, decayed_day = ? WHERE id = 1",
                           arguments: [factor, day])
        }
        return aged
    }
}
