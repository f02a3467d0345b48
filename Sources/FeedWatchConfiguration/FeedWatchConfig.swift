import Foundation
import HTTPFetching
import StoryMatching

/// A feed to poll.
public struct FeedSource: Sendable, Equatable {
    /// The outlet's name, as shown in alerts.
    public var name: String
    public var url: String
    /// How often to poll this feed; nil means the global `poll_interval`.
    public var interval: Duration?

    public init(name: String, url: String, interval: Duration? = nil) {
        self.name = name
        self.url = url
        self.interval = interval
    }
}

/// Recognising a story the user already has (config `dedup:`).
public struct DedupSettings: Sendable, Equatable {
    /// When two reports are the same event (thresholds, window, how much lead identifies a report).
    public var identity: IdentityRules
    /// How long judged reports are kept for comparison, in days (at least the window).
    public var historyDays: Int
    /// Half-life of the term statistics that weigh words, in days.
    public var termHalfLifeDays: Double
    /// How many distinct terms the statistics keep (the rarest go first).
    public var termLimit: Int

    public init(identity: IdentityRules = IdentityRules(), historyDays: Int = 30, termHalfLifeDays: Double = 7,
                termLimit: Int = 200_000) {
        self.identity = identity
        self.historyDays = historyDays
        self.termHalfLifeDays = termHalfLifeDays
        self.termLimit = termLimit
    }
}

/// Everything the config file says, with paths already resolved against the file's folder.
public struct FeedWatchConfig: Sendable {
    /// The file this came from (for messages).
    public var file: String
    public var feeds: [FeedSource]
    public var pollInterval: Duration
    public var seedsDirectory: String
    public var stateDirectory: String
    public var allowPrivateNetworks: Bool
    public var fetch: FetchPolicy
    public var dedup: DedupSettings
    /// How long state the daemon no longer needs is kept.
    public var retention: Retention
    public var rules: StoryRules
    /// Alerts per minute written at NOTICE before the flood guard writes the rest at INFO (0: off).
    public var alertFloodLimit: Int
    /// Items published longer ago than this are recorded as seen without alerting (nil: off).
    public var maxAge: Duration?
    /// A PostgreSQL database shared by several instances; nil: the SQLite file in `stateDirectory`.
    public var store: StoreSettings?
    /// Keys that still work but should change (a key an older version used), for the log and
    /// `check-config`.
    public var notices: [ConfigError]
    /// The tag names, in the order the file lists them.
    public var tagNames: [String] { rules.tags.map(\.name) }

    public init(file: String, feeds: [FeedSource], pollInterval: Duration, seedsDirectory: String,
                stateDirectory: String, allowPrivateNetworks: Bool, fetch: FetchPolicy,
                dedup: DedupSettings, retention: Retention = Retention(), rules: StoryRules, alertFloodLimit: Int = 30, maxAge: Duration? = nil,
                store: StoreSettings? = nil, notices: [ConfigError] = []) {
        self.store = store
        self.notices = notices
        self.file = file
        self.feeds = feeds
        self.pollInterval = pollInterval
        self.seedsDirectory = seedsDirectory
        self.stateDirectory = stateDirectory
        self.allowPrivateNetworks = allowPrivateNetworks
        self.fetch = fetch
        self.dedup = dedup
        self.retention = retention
        self.rules = rules
        self.alertFloodLimit = alertFloodLimit
        self.maxAge = maxAge
    }
}
