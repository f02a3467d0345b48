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

    @Flag(help: "Print the normalized tokens, every hit, the rule and tag scores and the nearest known story, for tuning.")
    var explain = false

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
        let classifier = StoryClassifier(rules: config.rules)
        let seeds = SeedCorpus.load(directory: config.seedsDirectory, classifier: classifier)
        // Stored stories join the comparison when a state database already exists; otherwise an
        // empty one in a temporary folder stands in, so `match` never creates state of its own.
        var stateDirectory = options.stateDir ?? config.stateDirectory
        if !FileManager.default.fileExists(atPath: stateDirectory + "/feedwatch.sqlite") {
            stateDirectory = NSTemporaryDirectory() + "feedwatch-match-\(ProcessInfo.processInfo.processIdentifier)"
        }
        defer { if stateDirectory.hasPrefix(NSTemporaryDirectory()) { try? FileManager.default.removeItem(atPath: stateDirectory) } }
        let duplicates: DuplicateDetector
        do {
            duplicates = try DuplicateDetector(seeds: seeds, settings: config.dedup, store: try StateStore(directory: stateDirectory))
        } catch {
            FileHandle.standardError.write(Data("feedwatch match: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let check = StoryCheck(text: text, classifier: classifier, duplicates: duplicates)
        print(explain ? check.explanation(rules: config.rules) : check.json.pretty())
    }
}
