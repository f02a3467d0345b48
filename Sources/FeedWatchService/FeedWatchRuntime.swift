import FeedParsing
import FeedWatchConfiguration
import FeedWatchPipeline
import FeedWatchStore
import Foundation
import HTTPFetching
import Logging
import StoryMatching

/// Command-line settings that override the config file.
public struct RuntimeOverrides: Sendable {
    public var configPath: String?
    public var stateDirectory: String?
    /// A PostgreSQL URL that replaces the config's `store:` (`--store`).
    public var storeURL: String?
    /// Replaces the configured feeds when not empty.
    public var feedURLs: [String]
    /// A file of feed URLs (one per line), read at each start and reload; like `feedURLs`.
    public var feedsFile: String?
    public var allowPrivateNetworks: Bool
    /// Named feeds that replace the configured ones (and `feedURLs`) when not empty: the demo's
    /// sample feeds, whose names appear in its alerts.
    public var feeds: [FeedSource]
    /// Connect directly whatever the proxy variables say: for feeds served on this machine (the
    /// demo), which a proxy could not reach.
    public var ignoreProxies: Bool

    public init(configPath: String? = nil, stateDirectory: String? = nil, feedURLs: [String] = [],
                feedsFile: String? = nil, allowPrivateNetworks: Bool = false, feeds: [FeedSource] = [],
                ignoreProxies: Bool = false, storeURL: String? = nil) {
        self.storeURL = storeURL
        self.configPath = configPath
        self.stateDirectory = stateDirectory
        self.feedURLs = feedURLs
        self.feedsFile = feedsFile
        self.allowPrivateNetworks = allowPrivateNetworks
        self.feeds = feeds
        self.ignoreProxies = ignoreProxies
    }
}

/// Why feedwatch cannot start: the config or the state is unusable.
public enum RuntimeError: Error, CustomStringConvertible {
    case config(ConfigErrors)
    case store(StoreError)
    case noFeeds(configFile: String)
    case badFeedURL(String)

    /// One line per problem, each naming its file and line, for one log record each.
    public var lines: [String] {
        if case let .config(errors) = self { return errors.errors.map(\.description) }
        return [description]
    }

    public var description: String {
        switch self {
        case let .config(errors): return errors.description
        case let .store(error): return error.description
        case let .noFeeds(file): return "no feeds to poll: add feeds to \(file) or pass --feed URL"
        case let .badFeedURL(url): return "--feed \(url): not an http:// or https:// URL"
        }
    }
}

/// Everything a poll needs, assembled from the config file and the command line: the feeds, the
/// classifier, the seed corpus, the state database and the fetcher.
public struct FeedWatchRuntime: Sendable {
    public let config: FeedWatchConfig
    public let feeds: [FeedSource]
    public let engine: PollEngine

    public let overrides: RuntimeOverrides

    /// The feeds a run polls: `--feed` and `--feeds-file` when given, else the config's. The one
    /// rule `run`, `once`, `status` and `check-config` share; none at all is an error.
    public static func feeds(config: FeedWatchConfig, overrides: RuntimeOverrides) throws(RuntimeError) -> [FeedSource] {
        var urls = overrides.feedURLs
        if let list = overrides.feedsFile {
            do {
                urls += try FeedListFile.read(path: list)
            } catch {
                throw .config(error)
            }
        }
        var feeds = config.feeds
        if !urls.isEmpty {
            feeds = []
            for url in urls where !feeds.contains(where: { $0.url == url }) {
                guard FeedURL.problem(url) == nil else { throw .badFeedURL(url) }
                feeds.append(FeedSource(name: url, url: url))
            }
        }
        if !overrides.feeds.isEmpty { feeds = overrides.feeds }
        guard !feeds.isEmpty else { throw .noFeeds(configFile: config.file) }
        return feeds
    }

    /// Loads everything; `store` reuses an open state database (on reload).
    public static func load(_ overrides: RuntimeOverrides, logger: Logger, store existing: (any StateStore)? = nil) throws(RuntimeError) -> FeedWatchRuntime {
        let path = ConfigLoader.locate(explicit: overrides.configPath)
        var config: FeedWatchConfig
        do {
            config = try ConfigLoader.load(path: path)
        } catch {
            throw .config(error)
        }
        let feeds = try Self.feeds(config: config, overrides: overrides)
        if let state = overrides.stateDirectory { config.stateDirectory = state }
        if let url = overrides.storeURL { config.store = StoreSettings(replacingURLOf: config.store, with: url) }
        if overrides.allowPrivateNetworks { config.allowPrivateNetworks = true }
        var policy = config.fetch
        policy.allowPrivateNetworks = config.allowPrivateNetworks
        policy.userAgent = FeedWatch.userAgent
        if overrides.ignoreProxies { policy.proxyEnvironment = [:] }

        let store: any StateStore
        if let existing {
            store = existing
        } else {
            do {
                store = try StateStores.open(config)
            } catch {
                throw .store(error)
            }
        }
        let classifier = StoryClassifier(rules: config.rules)
        let seeds = SeedCorpus.load(directory: config.seedsDirectory, classifier: classifier)
        for problem in seeds.problems { logger.warning("\(problem)") }
        for notice in config.notices { logger.warning("\(notice)") }
        logger.info("loaded \(config.file): \(feeds.count) feed(s), \(seeds.seeds.count) seed article(s) from \(config.seedsDirectory), state in \(store.location)")

        let judge: StoryJudge
        do {
            judge = try StoryJudge(seeds: seeds, settings: config.dedup, store: store)
        } catch {
            throw .store(error)
        }
        let engine = PollEngine(
            store: store, judge: judge, classifier: classifier,
            fetcher: HTTPFetcher(policy: policy), events: EventLog(logger: logger, floodLimit: config.alertFloodLimit),
            maxAge: config.maxAge, retention: config.retention, instance: StateStores.instance(config),
            leaseDuration: config.store?.lease ?? StoreSettings.defaultLease, claimDuration: config.store?.claim ?? StoreSettings.defaultClaim)
        return FeedWatchRuntime(config: config, feeds: feeds, engine: engine, overrides: overrides)
    }
}
