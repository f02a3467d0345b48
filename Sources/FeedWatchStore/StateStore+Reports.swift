import Foundation
import GRDB
import StoryMatching

/// Judged reports and the events they form.
extension StateStore {
    /// Reports judged at or after `since`, by their event's start date (the order the judge
    /// indexes them in), then in the order they were judged.
    public func reports(since: Date) throws(StoreError) -> [StoredReport] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, feed_url, link, title, alerted_at, kind, event, event_label, language, event_date, event_start, terms
                FROM story WHERE alerted_at >= ? ORDER BY COALESCE(event_start, event_date, alerted_at), id
                """, arguments: [since.timeIntervalSince1970]).map(Self.report)
        }
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
            terms: StoryTerms(bytes: [UInt8]((row["terms"] as Data?) ?? Data())))
    }

    static func insert(_ report: StoredReport, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO story (feed_url, link, title, alerted_at, fingerprint, kind, event, event_label, language, event_date,
                               event_start, terms)
            VALUES (?, ?, ?, ?, x'', ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [report.feedURL, report.link, report.title, report.judgedAt.timeIntervalSince1970,
                             report.kind.rawValue, report.event, report.eventLabel, report.language.rawValue,
                             report.eventDate.timeIntervalSince1970, report.eventStart.timeIntervalSince1970,
                             Data(report.terms.bytes)])
    }

    /// One event as `feedwatch stories` lists it.
    public struct EventSummary: Sendable, Equatable {
        public var event: String
        /// The first report's link or seed file name.
        public var label: String
        /// The first stored report's title (for a seed's event, the first duplicate's).
        public var title: String
        public var language: StoryLanguage
        /// The earliest and latest publication date (else first-seen time) of its reports.
        public var firstSeen: Date
        public var lastSeen: Date
        public var reports: Int
        /// Distinct feeds that carried it.
        public var outlets: Int
        /// True when the event is a seed article's (`seed:NAME`: every report was a duplicate).
        public var isSeed: Bool
    }

    /// Events with a report published (else first seen) at or after `since`, most recent first.
    public func events(since: Date, limit: Int = 100) throws(StoreError) -> [EventSummary] {
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
