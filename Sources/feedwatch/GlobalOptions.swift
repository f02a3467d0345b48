import ArgumentParser
import FeedWatchConfiguration
import FeedWatchService
import Logging

extension LogFormat: ExpressibleByArgument {}

/// Options every subcommand but `demo` accepts (DESIGN.md, "Contracts other tools rely on": CLI).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: /etc/feedwatch/feedwatch.yaml, else ./config/feedwatch.yaml).")
    var config: String?

    @Option(name: .customLong("state-dir"), help: "Folder for the state database (overrides state_dir in the config).")
    var stateDir: String?

    @Option(name: .customLong("store"), help: "A PostgreSQL database for the state, postgresql://user@host:port/db (overrides store in the config; the password may come from PGPASSWORD).")
    var store: String?

    @Option(name: .customLong("feed"), help: "Poll this feed URL instead of the configured feeds (repeatable).")
    var feeds: [String] = []

    @Option(name: .customLong("feeds-file"), help: "Poll the feeds listed in this file (one URL per line, # comments), like repeated --feed.")
    var feedsFile: String?

    @Option(name: .customLong("log-format"), help: "text for people, json for one JSON object per line.")
    var logFormat: LogFormat = .text

    @Option(name: .customLong("log-level"), help: "Least important records shown: debug, info, notice, warning, error.")
    var logLevel: String = "info"

    @Flag(name: .customLong("allow-private-networks"), help: "Allow feeds on loopback and private addresses (refused by default).")
    var allowPrivateNetworks = false

    var overrides: RuntimeOverrides {
        RuntimeOverrides(configPath: config, stateDirectory: stateDir, feedURLs: feeds, feedsFile: feedsFile,
                         allowPrivateNetworks: allowPrivateNetworks, storeURL: store)
    }

    /// The state options applied to a loaded config (for the commands that read the state
    /// without a runtime).
    func apply(to config: inout FeedWatchConfig) {
        if let stateDir { config.stateDirectory = stateDir }
        if let store { config.store = StoreSettings(replacingURLOf: config.store, with: store) }
    }

    func validate() throws {
        if let store, !StoreSettings.isPostgresURL(store) {
            throw ValidationError("--store must be a PostgreSQL URL such as postgresql://feedwatch@db.example:5432/feedwatch")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of: trace, debug, info, notice, warning, error, critical")
        }
    }

    /// The process logger: stderr, or, when stderr is the journal, the journal's native socket
    /// with structured fields (and the priority prefix on stderr should that socket refuse).
    func makeLogger() -> Logger {
        let format = logFormat
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let journal = JournalStream.isStandardErrorJournal()
        return Logger(label: "feedwatch") { _ in
            FeedWatchLogHandler(format: format, priorityPrefix: journal, level: level,
                                journal: journal ? JournalWriter() : nil)
        }
    }
}
