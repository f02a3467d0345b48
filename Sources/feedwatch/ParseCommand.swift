import ArgumentParser
import FeedParsing
import FeedWatchOutput
import Foundation

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print one feed document (RSS or Atom) as JSON.",
        discussion: "Recovered damage is reported on stderr; the JSON on stdout keeps the documented schema.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A feed file, or - for standard input.")
    var file: String

    @Option(help: "The URL the document came from, to resolve relative links.")
    var url: String?

    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(file)
        } catch {
            StandardError.line("feedwatch parse: \(error)")
            throw ExitCode.failure
        }
        do {
            let feed = try FeedParser().parse(bytes, url: url)
            for warning in feed.warnings {
                StandardError.line("feedwatch parse: \(file): \(warning)")
            }
            print(FeedJSON.value(feed).pretty())
        } catch {
            StandardError.line("feedwatch parse: \(file): \(error.description)")
            throw ExitCode.failure
        }
    }
}
