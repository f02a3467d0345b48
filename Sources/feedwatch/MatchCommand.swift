import ArgumentParser
import FeedParsing
import FeedWatchConfiguration
import FeedWatchOutput
import FeedWatchPipeline
import FeedWatchStore
import Foundation
import StoryMatching

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Judge one plain-text story (first line title, first paragraph lead, then the body) and print JSON.",
        discussion: """
            Gives the verdict a poll would give (alert, duplicate or none) with the config's rules, the seeds \
            and, when the state folder holds a database, the reports stored there. The state is only read: \
            nothing in the state folder is created, changed or removed.
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A text file, or - for standard input.")
    var file: String

    @Option(help: "The story's publication date (RFC 822 or ISO 8601; default: now). Reports are matched within dedup.window of it.")
    var published: String?

    @Flag(help: "Print the normalized tokens, every hit, the rule and tag scores, and the nearest known stories with the terms that carried them.")
    var explain = false

    func run() throws {
        let config: FeedWatchConfig
        do {
            config = try ConfigLoader.load(path: ConfigLoader.locate(explicit: options.config))
        } catch {
            fail(error.description)
        }
        let date = try publicationDate()
        let text: String
        do {
            text = String(decoding: try InputFile.read(file), as: UTF8.self)
        } catch {
            fail("\(error)")
        }
        let classifier = StoryClassifier(rules: config.rules)
        let seeds = SeedCorpus.load(directory: config.seedsDirectory, classifier: classifier)
        let judge: StoryJudge
        do {
            var stateConfig = config
            options.apply(to: &stateConfig)
            let store = try StateStores.openReadOnly(stateConfig)
            judge = try StoryJudge(seeds: seeds, settings: config.dedup, store: store)
        } catch {
            fail(error.description)
        }
        let check = StoryCheck(text: text, published: date, classifier: classifier, judge: judge, maxAge: config.maxAge)
        print(explain ? check.explanation(rules: config.rules) : check.json.pretty())
    }

    private func publicationDate() throws -> Date {
        guard let published else { return Date() }
        guard let date = FeedDate.parse(published) else {
            throw ValidationError("--published \(published): not a date (use RFC 822 such as 'Thu, 06 Mar 2025 08:04:00 GMT' or ISO 8601 such as 2025-03-06T08:04:00Z)")
        }
        return date
    }

    private func fail(_ message: String) -> Never {
        StandardError.line("feedwatch match: \(message)")
        Foundation.exit(1)
    }
}
