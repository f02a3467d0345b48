import Foundation

/// How instances share the work: feed leases and heartbeats.
extension PostgresStore {
    public func leaseFeeds(_ urls: [String], instance: String, until: Date, now: Date) throws(StoreError) -> Set<String> {
        guard !urls.isEmpty else { return [] }
        return try run { connection throws(StoreError) in
            // A feed never polled has no row to lock yet (in URL order, like the lease below).
            try connection.execute("INSERT INTO feed (url) SELECT u FROM unnest($1::text[]) AS u ORDER BY u ON CONFLICT DO NOTHING",
                                   [.textArray(urls)])
            // SKIP LOCKED: a feed another instance is leasing at this moment is left to it.
            let rows = try connection.execute("""
                UPDATE feed SET leased_by = $2, lease_until = $3 WHERE url IN
                    (SELECT url FROM feed WHERE url = ANY($1::text[])
                        AND (lease_until IS NULL OR lease_until < $4 OR leased_by = $2)
                     ORDER BY url FOR UPDATE SKIP LOCKED)
                RETURNING url
                """, [.textArray(urls), .text(instance), .double(until.timeIntervalSince1970), .double(now.timeIntervalSince1970)])
            return Set((0..<rows.count).compactMap { rows.string($0, 0) })
        }
    }

    public func releaseLeases(_ urls: [String]?, instance: String) throws(StoreError) {
        if let urls, urls.isEmpty { return }
        try run { connection throws(StoreError) in
            if let urls {
                _ = try connection.execute("UPDATE feed SET leased_by = NULL, lease_until = NULL WHERE leased_by = $1 AND url = ANY($2::text[])",
                                           [.text(instance), .textArray(urls)])
            } else {
                _ = try connection.execute("UPDATE feed SET leased_by = NULL, lease_until = NULL WHERE leased_by = $1", [.text(instance)])
            }
        }
    }

    public func heartbeat(_ instance: InstanceRecord, now: Date) throws(StoreError) {
        try run { connection throws(StoreError) in
            _ = try connection.execute("""
                INSERT INTO instance (name, host, pid, started_at, heartbeat_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (name) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = excluded.started_at,
                    heartbeat_at = excluded.heartbeat_at
                """, [.text(instance.name), .text(instance.host), .int(Int64(instance.pid)),
                      .double(instance.startedAt.timeIntervalSince1970), .double(now.timeIntervalSince1970)])
        }
    }

    public func instances(since: Date, now: Date) throws(StoreError) -> [InstanceSummary] {
        try run { connection throws(StoreError) in
            let rows = try connection.execute("""
                SELECT i.name, i.host, i.pid, i.started_at, i.heartbeat_at,
                       (SELECT COUNT(*) FROM feed f WHERE f.leased_by = i.name AND f.lease_until > $2)
                FROM instance i WHERE i.heartbeat_at >= $1 ORDER BY i.name
                """, [.double(since.timeIntervalSince1970), .double(now.timeIntervalSince1970)])
            return (0..<rows.count).map { row in
                InstanceSummary(
                    record: InstanceRecord(name: rows.string(row, 0) ?? "", host: rows.string(row, 1) ?? "",
                                           pid: rows.int(row, 2) ?? 0,
                                           startedAt: Date(timeIntervalSince1970: rows.double(row, 3) ?? 0)),
                    heartbeatAt: Date(timeIntervalSince1970: rows.double(row, 4) ?? 0), feedsLeased: rows.int(row, 5) ?? 0)
            }
        }
    }
}
