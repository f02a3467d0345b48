import ArgumentParser
import FeedWatchConfiguration
import FeedWatchOutput
import FeedWatchStore
import Foundation

struct StoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "List recent events: each story once, with how many reports and outlets carried it.",
        discussion: """
            One line per event (the `story` id of its alert and of every duplicate that joined it), most recent \
            first. Reads the state database read-only; no running daemon is needed.
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: "Events with a report in the last N days.")
    var days: Int = 7

    @Option(help: "At most this many events.")
    var limit: Int = 50

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard (1...3650).contains(days) else { throw ValidationError("--days must be from 1 to 3650") }
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 100000") }
    }

    func run() throws {
        try ReadOnlyState.read("stories", options: options) { _, store in
            let events = try store.events(since: Date().addingTimeInterval(-Double(days) * 86_400), limit: limit)
            let listing = StoryListing(events: events, days: days)
            print(json ? listing.json.pretty() : listing.text, terminator: json ? "\n" : "")
        }
    }
}
