import ArgumentParser
import FeedWatchConfiguration
import FeedWatchStore
import FeedWatchService
import Foundation

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the config file; errors name the file, line and key (exit 1 when any).")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let path = ConfigLoader.locate(explicit: options.config)
        do {
            let config = try ConfigLoader.load(path: path)
            for notice in config.notices { StandardError.line("warning: \(notice)") }
            // The same feeds `once` and `run` would poll: none is an error there, so here too.
            let feeds: [FeedSource]
            do {
                feeds = try FeedWatchRuntime.feeds(config: config, overrides: options.overrides)
            } catch {
                for line in error.lines { StandardError.line(line) }
                throw ExitCode.failure
            }
            print("\(path): ok\(config.notices.isEmpty ? "" : " (\(config.notices.count) warning(s))"): \(feeds.count) feed(s), tags \(config.tagNames.joined(separator: ", ")), seeds \(config.seedsDirectory), state \(StateStores.location(config))")
        } catch let error as ConfigErrors {
            for problem in error.errors {
                StandardError.line("\(problem)")
            }
            throw ExitCode.failure
        }
    }
}
