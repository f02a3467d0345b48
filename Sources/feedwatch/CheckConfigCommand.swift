import ArgumentParser
import FeedWatchCore
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
            for notice in config.notices { FileHandle.standardError.write(Data("warning: \(notice)\n".utf8)) }
            print("\(path): ok\(config.notices.isEmpty ? "" : " (\(config.notices.count) warning(s))"): \(config.feeds.count) feed(s), tags \(config.tagNames.joined(separator: ", ")), seeds \(config.seedsDirectory), state \(config.stateDirectory)")
        } catch {
            for problem in error.errors {
                FileHandle.standardError.write(Data("\(problem)\n".utf8))
            }
            throw ExitCode.failure
        }
    }
}
