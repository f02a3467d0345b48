import ArgumentParser
import FeedWatchCore
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every feed's last success, last error, next poll, items seen and alerts, from the state database.",
        discussion: "Reads the state database; no running daemon is needed.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let path = ConfigLoader.locate(explicit: options.config)
        do {
            var config = try ConfigLoader.load(path: path)
            if let state = options.stateDir { config.stateDirectory = state }
            let database = URL(fileURLWithPath: config.stateDirectory).appendingPathComponent("feedwatch.sqlite").path
            guard FileManager.default.fileExists(atPath: database) else {
                FileHandle.standardError.write(Data("feedwatch status: no state yet at \(database): feedwatch has not polled with this state folder\n".utf8))
                throw ExitCode.failure
            }
            let feeds = options.feeds.isEmpty ? config.feeds : options.feeds.map { FeedSource(name: $0, url: $0) }
            let report = try StatusReport(config: config, feeds: feeds, store: try StateStore(directory: config.stateDirectory))
            print(json ? report.json.pretty() : report.text, terminator: json ? "\n" : "")
        } catch let error as ConfigErrors {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode.failure
        } catch let error as StoreError {
            FileHandle.standardError.write(Data("feedwatch status: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
