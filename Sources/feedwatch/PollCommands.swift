import ArgumentParser
import FeedWatchOutput
import FeedWatchService
import Logging
import ServiceLifecycle

/// Loads config, seeds and state, or explains on stderr why it cannot (exit 1).
func loadRuntime(_ options: GlobalOptions, logger: Logger) throws -> FeedWatchRuntime {
    do {
        return try FeedWatchRuntime.load(options.overrides, logger: logger)
    } catch {
        for problem in error.lines { logger.error("cannot start: \(problem)") }
        throw ExitCode.failure
    }
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run as a daemon: poll every feed on its interval until SIGTERM or SIGINT.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let logger = options.makeLogger()
        let runtime = try loadRuntime(options, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: PollerService(runtime: runtime, logger: logger),
                             successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}

struct OnceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "once",
        abstract: "Poll every feed once now, then exit (0 when the poll ran, even if feeds failed).",
        discussion: """
            The log goes to standard error; a short summary of what the poll found (feeds ok and failed by reason, \
            new items, alerts, duplicates, and what to try when every feed failed) ends standard output. \
            Feeds retired after 410 Gone, and hosts that asked to wait (Retry-After), are skipped and named; \
            --force polls them anyway.
            """)

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Also poll retired feeds and hosts under Retry-After.")
    var force = false

    func run() async throws {
        let logger = options.makeLogger()
        let runtime = try loadRuntime(options, logger: logger)
        do {
            let report = try await runtime.engine.poll(runtime.feeds, force: force, announceSkips: true)
            logger.info("\(report)")
            // For the person who ran it: the log above is for the journal and tools.
            print(PollSummary(report: report, configFile: runtime.config.file).text)
        } catch {
            logger.error("\(error.description)")
            throw ExitCode.failure
        }
    }
}
