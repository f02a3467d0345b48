import Foundation
import StoryMatching

/// Judged reports, the events they form, and the delivery of their alerts.
extension PostgresStore {
    static let reportColumns = """
        id, feed_url, link, title, alerted_at, kind, event, event_label, language, event_date, event_start, terms, alert
        """

    public func latestReportID() throws(StoreError) -> Int64 {
        try run { connection throws(StoreError) in
            Int64(try connection.execute("SELECT COALESCE(MAX(id), 0) FROM story").int(0, 0) ?? 0)
        }
    }

    public func reports(since: Date) throws(StoreError) -> [StoredReport] {
        try run { connection throws(StoreError) in
            let rows = try connection.execute("""
                SELECT \(Self.reportColumns) FROM story WHERE alerted_at >= $1
                ORDER BY COALESCE(event_start, event_date, alerted_at), id
                """, [.double(since.timeIntervalSince1970)])
            return Self.reports(rows)
        }
    }

    /// Reports stored after id `after` by instances other than `instance`, in id order.
    static func reports(_ connection: PostgresConnection, after: Int64, notBy instance: String) throws(StoreError) -> [StoredReport] {
        reports(try connection.execute("""
            SELECT \(reportColumns) FROM story WHERE id > $1 AND judged_by IS DISTINCT FROM $2 ORDER BY id
            """, [.int(after), .text(instance)]))
    }

    static func reports(_ rows: PostgresRows) -> [StoredReport] {
        (0..<rows.count).map { row in
            let judged = rows.double(row, 4) ?? 0
            let published = rows.double(row, 9) ?? judged
            let id = Int64(rows.int(row, 0) ?? 0)
            return StoredReport(
                id: id, feedURL: rows.string(row, 1) ?? "", link: rows.string(row, 2), title: rows.string(row, 3),
                judgedAt: Date(timeIntervalSince1970: judged),
                kind: rows.string(row, 5).flatMap(ReportKind.init(rawValue:)) ?? .alert,
                event: rows.string(row, 6) ?? EventID.legacy(id), eventLabel: rows.string(row, 7) ?? "",
                language: rows.string(row, 8).flatMap(StoryLanguage.init(rawValue:)) ?? .en,
                eventDate: Date(timeIntervalSince1970: published),
                eventStart: Date(timeIntervalSince1970: rows.double(row, 10) ?? published),
                terms: StoryTerms(bytes: rows.bytes(row, 11) ?? []), alert: rows.string(row, 12))
        }
    }

    public func events(since: Date, limit: Int) throws(StoreError) -> [EventSummary] {
        try run { connection throws(StoreError) in
            let rows = try connection.execute("""
                SELECT event, MIN(event_label),
                       (SELECT title FROM story f WHERE f.event = s.event ORDER BY f.id LIMIT 1),
                       MIN(language), MIN(COALESCE(event_date, alerted_at)) AS first,
                       MAX(COALESCE(event_date, alerted_at)) AS last, COUNT(*), COUNT(DISTINCT feed_url)
                FROM story s WHERE event IS NOT NULL
                GROUP BY event HAVING MAX(COALESCE(event_date, alerted_at)) >= $1
                ORDER BY last DESC, event LIMIT $2
                """, [.double(since.timeIntervalSince1970), .int(Int64(limit))])
            return (0..<rows.count).map { row in
                let event = rows.string(row, 0) ?? ""
                return EventSummary(
                    event: event, label: rows.string(row, 1) ?? "", title: rows.string(row, 2) ?? "",
                    language: rows.string(row, 3).flatMap(StoryLanguage.init(rawValue:)) ?? .en,
                    firstSeen: Date(timeIntervalSince1970: rows.double(row, 4) ?? 0),
                    lastSeen: Date(timeIntervalSince1970: rows.double(row, 5) ?? 0),
                    reports: rows.int(row, 6) ?? 0, outlets: rows.int(row, 7) ?? 0, isSeed: EventID.isSeed(event))
            }
        }
    }

    public func markDelivered(_ ids: [Int64], at now: Date) throws(StoreError) {
        guard !ids.isEmpty else { return }
        try run { connection throws(StoreError) in
            _ = try connection.execute("UPDATE story SET delivered_at = $2 WHERE id = ANY($1::bigint[])",
                                   [.intArray(ids), .double(now.timeIntervalSince1970)])
        }
    }

    public func takeOverAlerts(instance: String, until: Date, now: Date) throws(StoreError) -> [StoredReport] {
        try run { connection throws(StoreError) in
            Self.reports(try connection.execute("""
                UPDATE story SET claim_until = $1 WHERE id IN
                    (SELECT id FROM story WHERE delivered_at IS NULL AND alert IS NOT NULL AND claim_until < $2
                     ORDER BY id FOR UPDATE SKIP LOCKED)
                RETURNING \(Self.reportColumns)
                """, [.double(until.timeIntervalSince1970), .double(now.timeIntervalSince1970)]))
            .sorted { $0.id < $1.id }
        }
    }
}
