import ArgumentParser
import FeedParsing
import FeedWatchConfiguration
import Foundation

struct ImportOPMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-opml",
        abstract: "Print the feeds of an OPML file as config entries, or add them to the config.",
        discussion: "With --append, feeds not yet in the config are added under feeds:, and the result is validated; on any problem the config is left as it was.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "An OPML file (a feed reader's export), or - for standard input.")
    var file: String

    @Flag(help: "Add the feeds to the config file instead of printing them.")
    var append = false

    func run() throws {
        let feeds: [OPMLFeed]
        do {
            feeds = try OPMLReader.feeds(in: try InputFile.read(file))
        } catch {
            StandardError.line("feedwatch import-opml: \(file): \(error)")
            throw ExitCode.failure
        }
        guard append else {
            print(ConfigEditor.entries(feeds), terminator: "")
            return
        }
        let path = ConfigLoader.locate(explicit: options.config)
        do {
            let added = try ConfigEditor.append(feeds, toConfigAt: path)
            print("\(path): added \(added) feed(s) of \(feeds.count) (the others were there already)")
        } catch {
            StandardError.line("feedwatch import-opml: \(error)")
            throw ExitCode.failure
        }
    }
}
