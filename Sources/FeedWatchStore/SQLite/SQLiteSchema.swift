import Foundation
import GRDB
import StoryMatching

/// The state database's schema, as versioned migrations run at every start (a database from any
/// earlier version is brought up to date).
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try createV1(db) }
        migrator.registerMigration("v2: feed lifecycle") { db in try addFeedLifecycle(db) }
        migrator.registerMigration("v3: events and term statistics") { db in try addEvents(db) }
        migrator.registerMigration("v4: schedule and retention") { db in try addScheduleAndRetention(db) }
        migrator.registerMigration("v5: alert delivery") { db in try addAlertDelivery(db) }
        return migrator
    }

    // Each migration's SQL as it shipped: a migration that has landed is never edited (a new
    // change is a new migration).

    private static func createV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE feed (
                url TEXT PRIMARY KEY NOT NULL,
                etag TEXT,
                last_modified TEXT,
                last_attempt_at REAL,
                last_success_at REAL,
                last_error TEXT,
                consecutive_failures INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE seen_item (
                feed_url TEXT NOT NULL,
                item_key TEXT NOT NULL,
                first_seen_at REAL NOT NULL,
                PRIMARY KEY (feed_url, item_key)
            ) WITHOUT ROWID;
            CREATE TABLE story (
                id INTEGER PRIMARY KEY,
                feed_url TEXT NOT NULL,
                link TEXT,
                title TEXT,
                alerted_at REAL NOT NULL,
                fingerprint BLOB NOT NULL
            );
            CREATE INDEX story_alerted_at ON story(alerted_at);
            """)
    }

    private static func addFeedLifecycle(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE feed ADD COLUMN moved_to TEXT;
            ALTER TABLE feed ADD COLUMN retired_at REAL;
            CREATE TABLE host_wait (host TEXT PRIMARY KEY NOT NULL, until REAL NOT NULL);
            """)
    }

    private static func addEvents(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE story ADD COLUMN kind TEXT NOT NULL DEFAULT 'alert';
            ALTER TABLE story ADD COLUMN event TEXT;
            ALTER TABLE story ADD COLUMN event_label TEXT;
            ALTER TABLE story ADD COLUMN language TEXT;
            ALTER TABLE story ADD COLUMN event_date REAL;
            ALTER TABLE story ADD COLUMN event_start REAL;
            ALTER TABLE story ADD COLUMN terms BLOB;
            CREATE INDEX story_event ON story(event);
            CREATE TABLE term_frequency (key INTEGER PRIMARY KEY, count REAL NOT NULL);
            CREATE TABLE term_meta (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                documents REAL NOT NULL,
                decayed_day INTEGER NOT NULL
            );
            """)
        // Stories alerted before events existed: each its own event, its content words as
        // lead terms, its language read from its title.
        for row in try Row.fetchAll(db, sql: "SELECT id, feed_url, link, title, alerted_at, fingerprint FROM story") {
            let id: Int64 = row["id"]
            let link: String? = row["link"]
            let title: String? = row["title"]
            let feed: String = row["feed_url"]
            let terms = StoryTerms(legacyFingerprint: [UInt8]((row["fingerprint"] as Data?) ?? Data()))
            try db.execute(sql: """
                UPDATE story SET event = ?, event_label = ?, language = ?, event_date = alerted_at, event_start = alerted_at,
                    terms = ? WHERE id = ?
                """, arguments: [EventID.legacy(id), (link?.isEmpty == false ? link : nil) ?? title ?? feed,
                                 StoryLanguage.detect(title ?? "").rawValue, Data(terms.bytes), id])
        }
    }

    private static func addScheduleAndRetention(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE feed ADD COLUMN interval_floor REAL;
            ALTER TABLE feed ADD COLUMN last_read_at REAL;
            ALTER TABLE seen_item ADD COLUMN last_seen_at REAL;
            UPDATE seen_item SET last_seen_at = first_seen_at;
            CREATE INDEX seen_item_last_seen ON seen_item(last_seen_at);
            CREATE INDEX host_wait_until ON host_wait(until);
            """)
    }

    private static func addAlertDelivery(_ db: Database) throws {
        // Alerts stored before delivery was recorded were all written: they count as delivered.
        try db.execute(sql: """
            ALTER TABLE story ADD COLUMN judged_by TEXT;
            ALTER TABLE story ADD COLUMN alert TEXT;
            ALTER TABLE story ADD COLUMN claim_until REAL;
            ALTER TABLE story ADD COLUMN delivered_at REAL;
            CREATE INDEX story_undelivered ON story(claim_until) WHERE delivered_at IS NULL AND alert IS NOT NULL;
            """)
    }
}
