/// The PostgreSQL schema, as numbered migrations run at every start. Several instances may start
/// at once: each runs the migrations in one transaction under a transaction-level advisory lock,
/// so one migrates and the others find the work done. A migration that has landed is never
/// edited; a change is a new migration.
enum PostgresSchema {
    /// The advisory lock key migrations run under (any constant: it only has to be the same for
    /// every feedwatch sharing the database).
    static let migrationLock: Int64 = 0x6665_6564_7761_0001

    static let migrations: [(version: Int, sql: String)] = [
        (1, """
            CREATE TABLE feed (
                url TEXT PRIMARY KEY,
                etag TEXT,
                last_modified TEXT,
                last_attempt_at DOUBLE PRECISION,
                last_success_at DOUBLE PRECISION,
                last_error TEXT,
                consecutive_failures INTEGER NOT NULL DEFAULT 0,
                moved_to TEXT,
                retired_at DOUBLE PRECISION,
                interval_floor DOUBLE PRECISION,
                last_read_at DOUBLE PRECISION,
                leased_by TEXT,
                lease_until DOUBLE PRECISION
            );
            CREATE TABLE seen_item (
                feed_url TEXT NOT NULL,
                item_key TEXT NOT NULL,
                first_seen_at DOUBLE PRECISION NOT NULL,
                last_seen_at DOUBLE PRECISION,
                PRIMARY KEY (feed_url, item_key)
            );
            CREATE INDEX seen_item_last_seen ON seen_item (last_seen_at);
            CREATE TABLE story (
                id BIGSERIAL PRIMARY KEY,
                feed_url TEXT NOT NULL,
                link TEXT,
                title TEXT,
                alerted_at DOUBLE PRECISION NOT NULL,
                kind TEXT NOT NULL,
                event TEXT,
                event_label TEXT,
                language TEXT,
                event_date DOUBLE PRECISION,
                event_start DOUBLE PRECISION,
                terms BYTEA,
                judged_by TEXT,
                alert TEXT,
                claim_until DOUBLE PRECISION,
                delivered_at DOUBLE PRECISION
            );
            CREATE INDEX story_alerted_at ON story (alerted_at);
            CREATE INDEX story_event ON story (event);
            CREATE INDEX story_undelivered ON story (claim_until) WHERE delivered_at IS NULL AND alert IS NOT NULL;
            CREATE TABLE host_wait (host TEXT PRIMARY KEY, until DOUBLE PRECISION NOT NULL);
            CREATE INDEX host_wait_until ON host_wait (until);
            CREATE TABLE term_frequency (key BIGINT PRIMARY KEY, count DOUBLE PRECISION NOT NULL);
            CREATE TABLE term_meta (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                documents DOUBLE PRECISION NOT NULL,
                decayed_day INTEGER NOT NULL
            );
            CREATE TABLE instance (
                name TEXT PRIMARY KEY,
                host TEXT NOT NULL,
                pid INTEGER NOT NULL,
                started_at DOUBLE PRECISION NOT NULL,
                heartbeat_at DOUBLE PRECISION NOT NULL
            );
            """),
    ]

    /// Brings the database to the latest version.
    static func migrate(_ connection: PostgresConnection) throws(StoreError) {
        try connection.transaction { () throws(StoreError) in
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [.int(migrationLock)])
            try connection.execute("CREATE TABLE IF NOT EXISTS feedwatch_schema (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let applied = try connection.execute("SELECT COALESCE(MAX(version), 0) FROM feedwatch_schema").int(0, 0) ?? 0
            if let newest = migrations.last?.version, applied > newest {
                throw StoreError(path: connection.location, message: "was migrated by a newer feedwatch (schema version \(applied), this one knows \(newest)); upgrade this instance")
            }
            for migration in migrations where migration.version > applied {
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO feedwatch_schema (version) VALUES ($1)", [.int(Int64(migration.version))])
            }
        }
    }

    /// Throws unless the database is at this version, saying what to do (read-only commands do
    /// not migrate).
    static func checkCurrent(_ connection: PostgresConnection) throws(StoreError) {
        let exists = try connection.execute("SELECT to_regclass('feedwatch_schema') IS NOT NULL").string(0, 0) == "t"
        let version = exists ? try connection.execute("SELECT COALESCE(MAX(version), 0) FROM feedwatch_schema").int(0, 0) ?? 0 : 0
        let newest = migrations.last?.version ?? 0
        if version > newest {
            throw StoreError(path: connection.location, message: "was migrated by a newer feedwatch (schema version \(version), this one knows \(newest)); use that version")
        }
        if version < newest {
            throw StoreError(path: connection.location, message: "holds no feedwatch state of this version yet; run `feedwatch once` (or start the service) once with this store")
        }
    }
}
