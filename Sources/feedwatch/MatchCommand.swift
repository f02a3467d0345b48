import ArgumentParser
import FeedWatchCore
import Foundation
import StoryMatching

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Classify one plain-text story (first line title, then the body) and print JSON.",
        discussion: "Uses the topic rule, tags and seed corpus of the config; tune keywords with it.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A text file, or - for standard input.")
    var file: String

    func run() throws {
        let path = ConfigLoader.locate(explicit: options.config)
        let config: FeedWatchConfig
        do {
            config = try ConfigLoader.load(path: path)
        } catch {
            FileHandle.standardError.write(Data("feedwatch match: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
        let text: String
        do {
            text = String(decoding: try InputFile.read(file), as: UTF8.self)
        } catch {
            FileHandle.standardError.write(Data("feedwatch match: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let seeds = SeedCorpus.load(directory: config.seedsDirectory)
        let check = StoryCheck(text: text, classifier: StoryClassifier(rules: config.rules), seeds: seeds, dedup: config.dedup)
        print(check.json.pretty())
    }
}
