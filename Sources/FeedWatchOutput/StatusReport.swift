import FeedParsing
import FeedWatchConfiguration
import FeedWatchPipeline
import FeedWatchStore
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
        /// When the daemon polls it next (`FeedSchedule`, from the stored state); nil when it is
        /// retired or not configured.
        public var nextPoll: Date?
        /// The wait after the last attempt when the feed is failing (nil when it is not).
        public var backoff: Duration?
        /// Where the feed lives now, after a permanent redirect or autodiscovery.
        public var movedTo: String?
        /// When the server said 410 Gone: no polls until `once --force` finds it again.
        public var retiredAt: Date?
        /// The least interval the feed asked for (`<ttl>`, `max-age`).
        public var intervalFloor: Duration?
        public var itemsSeen: Int
        public var alerts: Int
    }

    public var rows: [Row]
    public var alertsToday: Int
    public var stateFile: String
    /// The instances sharing a PostgreSQL store that were alive in the last day (empty on SQLite).
    public var instances: [InstanceSummary]

    /// Configured feeds first (in config order, or the `--feed` ones), then feeds the state
    /// remembers that are not among them.
    public init(config: FeedWatchConfig, feeds: [FeedSource], store: any StateStore, now: Date = Date()) throws(StoreError) {
        let summaries = try store.feedSummaries()
        var byURL = Dictionary(uniqueKeysWithValues: summaries.map { ($0.state.url, $0) })
        let plan = FeedSchedule.plan(feeds, defaultInterval: config.pollInterval, states: byURL.mapValues(\.state),
                                     waits: try store.hostWaits(after: now), maxConcurrent: config.fetch.maxConcurrent, now: now)
        var rows: [Row] = []
        for feed in feeds {
            let summary = byURL.removeValue(forKey: feed.url)
            let state = summary?.state
            let interval = FeedSchedule.effectiveInterval(feed.interval ?? config.pollInterval, state: state)
            let failures = state?.consecutiveFailures ?? 0
            rows.append(Row(
                name: feed.name, url: feed.url, configured: true,
                lastSuccess: state?.lastSuccessAt, lastAttempt: state?.lastAttemptAt,
                lastError: state?.lastError, consecutiveFailures: failures, nextPoll: plan[feed.url]?.date,
                backoff: failures > 1 ? Backoff.delay(failures: failures, interval: interval) : nil,
                movedTo: state?.movedTo, retiredAt: state?.retiredAt, intervalFloor: state?.intervalFloor,
                itemsSeen: summary?.itemsSeen ?? 0, alerts: summary?.alerts ?? 0))
        }
        for summary in byURL.values.sorted(by: { $0.state.url < $1.state.url }) {
            let state = summary.state
            rows.append(Row(
                name: state.url, url: state.url, configured: false,
                lastSuccess: state.lastSuccessAt, lastAttempt: state.lastAttemptAt,
                lastError: state.lastError, consecutiveFailures: state.consecutiveFailures,
                nextPoll: nil, backoff: nil, movedTo: state.movedTo, retiredAt: state.retiredAt, intervalFloor: state.intervalFloor,
                itemsSeen: summary.itemsSeen, alerts: summary.alerts))
        }
        self.rows = rows
        let midnight = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        alertsToday = try store.alertCount(since: midnight)
        stateFile = store.location
        instances = try store.instances(since: now.addingTimeInterval(-86_400), now: now)
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
            ("instances", .array(instances.map { instance in
                .object([
                    ("name", .string(instance.record.name)),
                    ("host", .string(instance.record.host)),
                    ("pid", .int(instance.record.pid)),
                    ("started", date(instance.record.startedAt)),
                    ("last_heartbeat", date(instance.heartbeatAt)),
                    ("feeds_leased", .int(instance.feedsLeased)),
                ])
            })),
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
                    ("moved_to", .optional(row.movedTo)),
                    ("retired_at", date(row.retiredAt)),
                    ("interval_floor_seconds", row.intervalFloor.map { .int(Int($0.components.seconds)) } ?? .null),
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
        if !instances.isEmpty {
            out += "instances (alive in the last day):\n"
            for instance in instances {
                out += "  \(instance.record.name)  host \(instance.record.host) pid \(instance.record.pid), "
                out += "last heartbeat \(FeedDate.iso8601(instance.heartbeatAt)), \(instance.feedsLeased) feed(s) leased\n"
            }
            out += "\n"
        }
        for row in rows {
            out += "\(row.name)\(row.configured ? "" : "  (not in the config: polled with --feed, or removed from it)")\n"
            out += "  url           \(row.url)\n"
            if let moved = row.movedTo { out += "  now at        \(moved) (moved permanently, or the feed its page announced)\n" }
            out += "  last success  \(date(row.lastSuccess))\n"
            if let error = row.lastError {
                out += "  last error    \(error) (\(row.consecutiveFailures) failure(s) in a row)\n"
            }
            if let retired = row.retiredAt {
                out += "  retired       410 Gone on \(FeedDate.iso8601(retired)): not polled; remove it from the config, or `feedwatch once --force`\n"
            } else if row.configured {
                out += "  next poll     \(row.nextPoll.map(FeedDate.iso8601) ?? "now")"
                if let backoff = row.backoff { out += " (backing off \(backoff.components.seconds / 60) min)" }
                if let floor = row.intervalFloor { out += " (the feed asks for at least \(DurationText.format(floor.components.seconds)) between polls)" }
                out += "\n"
            }
            out += "  items seen    \(row.itemsSeen), alerts \(row.alerts)\n"
        }
        return out
    }
}
