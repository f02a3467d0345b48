import Foundation
import StoryMatching

/// A cycle's changes, judged under the shared lock and stored in one transaction.
extension PostgresStore {
    /// The advisory lock every instance judges and stores reports under.
    static let judgingLock: Int64 = 0x6665_6564_7761_0002

    public func commit(_ changes: CycleChanges, at now: Date, claim: AlertClaim,
                       judging: ([StoredReport]) -> [StoredReport]) throws(StoreError) -> [StoredReport] {
        try run { connection throws(StoreError) in
            try connection.transaction { () throws(StoreError) -> [StoredReport] in
                try connection.execute("SELECT pg_advisory_xact_lock($1)", [.int(Self.judgingLock)])
                let fresh = claim.after == .max ? [] : try Self.reports(connection, after: claim.after, notBy: claim.instance)
                var stored = judging(fresh)
                for index in stored.indices {
                    stored[index].id = try Self.insert(stored[index], claim: claim, connection: connection)
                }
                try Self.write(changes, now: now, instance: claim.instance, connection: connection)
                return stored
            }
        }
    }

    /// Everything but the reports, in as few round trips as the tables allow: each kind of row
    /// goes as arrays in one statement.
    private static func write(_ changes: CycleChanges, now: Date, instance: String,
                              connection: PostgresConnection) throws(StoreError) {
        try writeFeeds(changes.feeds, connection: connection)
        if !instance.isEmpty {
            try connection.execute("UPDATE feed SET leased_by = NULL, lease_until = NULL WHERE leased_by = $1", [.text(instance)])
        }
        for (host, until) in changes.hostWaits {
            try connection.execute("""
                INSERT INTO host_wait (host, until) VALUES ($1, $2) ON CONFLICT (host) DO UPDATE SET until = excluded.until
                """, [.text(host), .double(until.timeIntervalSince1970)])
        }
        let time = PostgresParameter.double(now.timeIntervalSince1970)
        if !changes.seen.isEmpty {
            try connection.execute("""
                INSERT INTO seen_item (feed_url, item_key, first_seen_at, last_seen_at)
                SELECT f, k, $3, $3 FROM unnest($1::text[], $2::text[]) AS u(f, k) ON CONFLICT DO NOTHING
                """, [.textArray(changes.seen.map(\.feedURL)), .textArray(changes.seen.map(\.key)), time])
        }
        if !changes.stillCarried.isEmpty {
            try connection.execute("""
                UPDATE seen_item s SET last_seen_at = $3 FROM unnest($1::text[], $2::text[]) AS u(f, k)
                WHERE s.feed_url = u.f AND s.item_key = u.k
                """, [.textArray(changes.stillCarried.map(\.feedURL)), .textArray(changes.stillCarried.map(\.key)), time])
        }
        try addTerms(changes.terms, day: StoreCalendar.day(now), connection: connection)
    }

    private static func writeFeeds(_ feeds: [FeedState], connection: PostgresConnection) throws(StoreError) {
        guard !feeds.isEmpty else { return }
        func dates(_ value: (FeedState) -> Date?) -> PostgresParameter { .doubleArray(feeds.map { value($0)?.timeIntervalSince1970 }) }
        try connection.execute("""
            INSERT INTO feed (url, etag, last_modified, last_attempt_at, last_success_at, last_error, consecutive_failures,
                              moved_to, retired_at, interval_floor, last_read_at)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::int[],
                                 $8::text[], $9::float8[], $10::float8[], $11::float8[])
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
                last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures,
                moved_to = excluded.moved_to, retired_at = excluded.retired_at, interval_floor = excluded.interval_floor,
                last_read_at = excluded.last_read_at
            """, [.textArray(feeds.map(\.url)), .optionalTextArray(feeds.map(\.etag)), .optionalTextArray(feeds.map(\.lastModified)),
                  dates(\.lastAttemptAt), dates(\.lastSuccessAt), .optionalTextArray(feeds.map(\.lastError)),
                  .intArray(feeds.map { Int64($0.consecutiveFailures) }), .optionalTextArray(feeds.map(\.movedTo)),
                  dates(\.retiredAt), .doubleArray(feeds.map { $0.intervalFloor.map(SQLiteStore.seconds) }), dates(\.lastReadAt)])
    }

    /// Stores one report; one with an alert is claimed for `claim.instance` until `claim.until`.
    private static func insert(_ report: StoredReport, claim: AlertClaim, connection: PostgresConnection) throws(StoreError) -> Int64 {
        let rows = try connection.execute("""
            INSERT INTO story (feed_url, link, title, alerted_at, kind, event, event_label, language, event_date, event_start,
                               terms, judged_by, alert, claim_until)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::bytea, $12, $13, $14) RETURNING id
            """, [.text(report.feedURL), .init(report.link), .init(report.title), .double(report.judgedAt.timeIntervalSince1970),
                  .text(report.kind.rawValue), .text(report.event), .text(report.eventLabel), .text(report.language.rawValue),
                  .double(report.eventDate.timeIntervalSince1970), .double(report.eventStart.timeIntervalSince1970),
                  .bytes(report.terms.bytes), .text(claim.instance), .init(report.alert),
                  report.alert == nil ? .null : .double(claim.until.timeIntervalSince1970)])
        return Int64(rows.int(0, 0) ?? 0)
    }
}
