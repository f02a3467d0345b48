import Foundation
import GRDB
import StoryMatching

/// Judged reports and the events they form.
extension SQLiteStore {
    /// Reports judged at or after `since`, by their event's start date (the order the judge
    /// indexes them in), then in the order they were judged.
    public func reports(since: Date) throws(StoreError) -> [StoredReport] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.reportColumns) FROM story WHERE alerted_at >= ? ORDER BY COALESCE(event_start, event_date, alerted_at), id
                """, arguments: [since.timeIntervalSince1970]).map(Self.report)
        }
    }

    public func latestReportID() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM story") ?? 0 }
    }

    static let reportColumns = """
        id, feed_url, link, title, alerted_at, kind, event, event_label, language, event_date, event_start, terms, alert
        """

    /// Reports stored after id `after` by processes other than `instance`, in id order.
    static func reports(_ db: Database, after: Int64, notBy instance: String) throws -> [StoredReport] {
        try Row.fetchAll(db, sql: "SELECT \(reportColumns) FROM story WHERE id > ? AND judged_by IS NOT ? ORDER BY id",
                         arguments: [after, instance]).map(report)
    }

    static func report(_ row: Row) -> StoredReport {
        let judged: Double = row["alerted_at"]
        let published = (row["event_date"] as Double?) ?? judged
        return StoredReport(
            id: row["id"], feedURL: row["feed_url"], link: row["link"], title: row["title"],
            judgedAt: Date(timeIntervalSince1970: judged),
            kind: (row["kind"] as String?).flatMap(ReportKind.init(rawValue:)) ?? .alert,
            event: row["event"] ?? EventID.legacy(row["id"]), eventLabel: row["event_label"] ?? "",
            language: (row["language"] as String?).flatMap(StoryLanguage.init(rawValue:)) ?? .en,
            eventDate: Date(timeIntervalSince1970: published),
            eventStart: Date(timeIntervalSince1970: (row["event_start"] as Double?) ?? published),
            terms: StoryTerms(bytes: [UInt8]((row["terms"] as Data?) ?? Data())), alert: row["alert"])
    }

    /// Stores one report; one with an alert is claimed for `claim.instance` until `claim.until`.
    static func insert(_ report: StoredReport, claim: AlertClaim, db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO story (feed_url, link, title, alerted_at, fingerprint, kind, event, event_label, language, event_date,
                               event_start, terms, judged_by, alert, claim_until)
            VALUES (?, ?, ?, ?, x'', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [report.feedURL, report.link, report.title, report.judgedAt.timeIntervalSince1970,
                             report.kind.rawValue, report.event, report.eventLabel, report.language.rawValue,
                             report.eventDate.timeIntervalSince1970, report.eventStart.timeIntervalSince1970,
                             Data(report.terms.bytes), claim.instance, report.alert,
                             report.alert == nil ? nil : claim.until.timeIntervalSince1970])
        return db.lastInsertedRowID
    }

    public func markDelivered(_ ids: [Int64], at now: Date) throws(StoreError) {
        guard !ids.isEmpty else { return }
        try write("could not record that alerts were written; they may be written again") { db in
            try db.execute(sql: "UPDATE story SET delivered_at = ? WHERE id IN (\(databaseQuestionMarks(count: ids.count)))",
                           arguments: StatementArguments([now.timeIntervalSince1970.databaseValue] + ids.map(\.databaseValue)))
        }
    }

    /// One process holds the SQLite state, so an alert another process claimed and never
    /// delivered is taken over at once: that process is gone.
    public func takeOverAlerts(instance: String, until: Date, now: Date) throws(StoreError) -> [StoredReport] {
        guard writer != nil else { return [] }
        // Most polls find none: ask before opening a write transaction.
        let waiting = try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM story WHERE delivered_at IS NULL AND alert IS NOT NULL AND judged_by IS NOT ?",
                             arguments: [instance]) ?? 0
        }
        guard waiting > 0 else { return [] }
        var taken: [StoredReport] = []
        try write("could not take over undelivered alerts") { db in
            taken = try Row.fetchAll(db, sql: """
                SELECT \(Self.reportColumns) FROM story WHERE delivered_at IS NULL AND alert IS NOT NULL AND judged_by IS NOT ?
                ORDER BY id
                """, arguments: [instance]).map(Self.report)
            try db.execute(sql: """
                UPDATE story SET claim_until = ? WHERE delivered_at IS NULL AND alert IS NOT NULL AND judged_by IS NOT ?
                """, arguments: [until.timeIntervalSince1970, instance])
        }
        return taken
    }

    /// Events with a report published (else first seen) at or after `since`, most recent first.
    public func events(since: Date, limit: Int) throws(StoreError) -> [EventSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT event, MIN(event_label) AS label,
                       (SELECT title FROM story f WHERE f.event = s.event ORDER BY f.id LIMIT 1) AS title,
                       MIN(language) AS language, MIN(COALESCE(event_date, alerted_at)) AS first,
                       MAX(COALESCE(event_date, alerted_at)) AS last,
                       COUNT(*) AS reports, COUNT(DISTINCT feed_url) AS outlets
                FROM story s WHERE event IS NOT NULL
                GROUP BY event HAVING MAX(COALESCE(event_date, alerted_at)) >= ?
                ORDER BY last DESC, event LIMIT ?
                """, arguments: [since.timeIntervalSince1970, limit]).map { row in
                EventSummary(
                    event: row["event"], label: row["label"] ?? "", title: row["title"] ?? "",
                    language: (row["language"] as String?).flatMap(StoryLanguage.init(rawValue:)) ?? .en,
                    firstSeen: Date(timeIntervalSince1970: row["first"]), lastSeen: Date(timeIntervalSince1970: row["last"]),
                    reports: row["reports"], outlets: row["outlets"], isSeed: EventID.isSeed(row["event"]))
            }
        }
    }
}
