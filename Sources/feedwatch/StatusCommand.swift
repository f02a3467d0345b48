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
        try ReadOnlyState.read("status", options: options) { config, store in
            // The feeds a run with these options polls (none configured: every feed the state knows is listed).
            var feeds: [FeedSource] = []
            do {
                feeds = try FeedWatchRuntime.feeds(config: config, overrides: options.overrides)
            } catch RuntimeError.noFeeds {
            } catch {
                StandardError.line("feedwatch status: \(error)")
                throw ExitCode.failure
            }
            let report = try StatusReport(config: config, feeds: feeds, store: store)
            print(json ? report.json.pretty() : report.text, terminator: json ? "\n" : "")
        }
    }
}
