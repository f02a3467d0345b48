import ArgumentParser
import FeedWatchConfiguration
import FeedWatchOutput
import FeedWatchService
import FeedWatchStore
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every feed's last success, last error, next poll, items seen and alerts, from the state database.",
        discussion: "Reads the state database (read-only: nothing in the state folder changes); no running daemon is needed.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let path = ConfigLoader.locate(explicit: options.config)
        do {
            var config = try ConfigLoader.load(path: path)
            if let state = options.stateDir { config.stateDirectory = state }
            guard let store = try StateStore.readOnly(directory: config.stateDirectory) else {
                StandardError.line("feedwatch status: no state yet at \(StateStore.databasePath(in: config.stateDirectory)): feedwatch has not polled with this state folder")
                throw ExitCode.failure
            }
            // The feeds a run with these options polls (none configured: every feed the state knows is listed).
            var feeds: [FeedSource] = []
            do {
                feeds = try FeedWatchRuntime.feeds(config: config, overrides: options.overrides)
            } catch {
                if case .noFeeds = error {} else {
                    StandardError.line("feedwatch status: \(error)")
                    throw ExitCode.failure
                }
            }
            let report = try StatusReport(config: config, feeds: feeds, store: store)
            print(json ? report.json.pretty() : report.text, terminator: json ? "\n" : "")
        } catch let error as ConfigErrors {
            StandardError.line(error.description)
            throw ExitCode.failure
        } catch let error as StoreError {
            StandardError.line("feedwatch status: \(error.description)")
            throw ExitCode.failure
        }
    }
}
