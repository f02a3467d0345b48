import FeedParsing
import Foundation

/// `feedwatch status`: what the state database says about each feed, without a running daemon.
public struct StatusReport: Sendable {
    public struct Row: Sendable {
        public var name: String
        public var url: String
        public var configured: Bool
        public var lastSuccess: Date?
        public var lastAttempt: Date?
        public var lastError: String?
        public var consecutiveFailures: Int
        public var nextPoll: Date?
        /// The wait after the last attempt when the feed is failing (nil when it is not).
        public var backoff: Duration?
        public var itemsSeen: Int
        public var alerts: Int
    }

    public var rows: [Row]
    public var alertsToday: Int
    public var stateFile: String

    /// Configured feeds first (in config order), then feeds the state remembers but the config
    /// no longer lists.
    public init(config: FeedWatchConfig, feeds: [FeedSource], store: StateStore, now: Date = Date()) throws(StoreError) {
        let summaries = try store.feedSummaries()
        var byURL = Dictionary(uniqueKeysWithValues: summaries.map { ($0.state.url, $0) })
        var rows: [Row] = []
        for feed in feeds {
            let summary = byURL.removeValue(forKey: feed.url)
            let failures = summary?.state.consecutiveFailures ?? 0
            let wait = Backoff.delay(failures: failures, interval: feed.interval ?? config.pollInterval)
            rows.append(Row(
                name: feed.name, url: feed.url, configured: true,
                lastSuccess: summary?.state.lastSuccessAt, lastAttempt: summary?.state.lastAttemptAt,
                lastError: summary?.state.lastError, consecutiveFailures: failures,
                nextPoll: summary?.state.lastAttemptAt.map { $0.addingTimeInterval(Double(wait.components.seconds)) } ?? now,
                backoff: failures > 1 ? wait : nil,
                itemsSeen: summary?.itemsSeen ?? 0, alerts: summary?.alerts ?? 0))
        }
        for summary in byURL.values.sorted(by: { $0.state.url < $1.state.url }) {
            rows.append(Row(
                name: summary.state.url, url: summary.state.url, configured: false,
                lastSuccess: summary.state.lastSuccessAt, lastAttempt: summary.state.lastAttemptAt,
                lastError: summary.state.lastError, consecutiveFailures: summary.state.consecutiveFailures,
                nextPoll: nil, backoff: nil, itemsSeen: summary.itemsSeen, alerts: summary.alerts))
        }
        self.rows = rows
        let midnight = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        alertsToday = try store.alertCount(since: midnight)
        stateFile = store.path
    }

    public var failing: Int { rows.filter { $0.consecutiveFailures > 0 }.count }

    public var json: JSONValue {
        func date(_ value: Date?) -> JSONValue { .optional(value.map(FeedDate.iso8601)) }
        return .object([
            ("state", .string(stateFile)),
            ("totals", .object([
                ("feeds", .int(rows.count)),
                ("failing", .int(failing)),
                ("items_seen", .int(rows.reduce(0) { $0 + $1.itemsSeen })),
                ("alerts", .int(rows.reduce(0) { $0 + $1.alerts })),
                ("alerts_today", .int(alertsToday)),
            ])),
            ("feeds", .array(rows.map { row in
                .object([
                    ("name", .string(row.name)),
                    ("url", .string(row.url)),
                    ("configured", .bool(row.configured)),
                    ("last_success", date(row.lastSuccess)),
                    ("last_attempt", date(row.lastAttempt)),
                    ("last_error", .optional(row.lastError)),
                    ("consecutive_failures", .int(row.consecutiveFailures)),
                    ("next_poll", date(row.nextPoll)),
                    ("backoff_seconds", row.backoff.map { .int(Int($0.components.seconds)) } ?? .null),
                    ("items_seen", .int(row.itemsSeen)),
                    ("alerts", .int(row.alerts)),
                ])
            })),
        ])
    }

    public var text: String {
        func date(_ value: Date?) -> String { value.map(FeedDate.iso8601) ?? "never" }
        var out = "state: \(stateFile)\n"
        out += "\(rows.count) feeds, \(failing) failing, \(rows.reduce(0) { $0 + $1.itemsSeen }) items seen, "
        out += "\(rows.reduce(0) { $0 + $1.alerts }) alerts (\(alertsToday) today)\n\n"
        for row in rows {
            out += "\(row.name)\(row.configured ? "" : "  (no longer configured)")\n"
            out += "  url           \(row.url)\n"
            out += "  last success  \(date(row.lastSuccess))\n"
            if let error = row.lastError {
                out += "  last error    \(error) (\(row.consecutiveFailures) failure(s) in a row)\n"
            }
            if row.configured {
                out += "  next poll     \(row.nextPoll.map(FeedDate.iso8601) ?? "now")"
                if let backoff = row.backoff { out += " (backing off \(backoff.components.seconds / 60) min)" }
                out += "\n"
            }
            out += "  items seen    \(row.itemsSeen), alerts \(row.alerts)\n"
        }
        return out
    }
}
