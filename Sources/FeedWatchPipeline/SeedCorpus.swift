import FeedWatchConfiguration
import Foundation
import StoryMatching

/// The seed corpus: the articles the user already has, one `.txt` file each in the seeds folder
/// (read in name order, so the result does not depend on directory order). A report of a seed's
/// event is a duplicate of the seed. Unreadable files are reported, not fatal.
public struct SeedCorpus: Sendable {
    public var seeds: [SeedIdentity]
    /// Files that could not be used, with the reason, for the log.
    public var problems: [String]

    public init(seeds: [SeedIdentity], problems: [String] = []) {
        self.seeds = seeds
        self.problems = problems
    }

    /// Reads the seeds; `classifier` reads them exactly as it reads feed items, whole.
    public static func load(directory: String, classifier: StoryClassifier) -> SeedCorpus {
        let fileManager = FileManager.default
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }.sorted()
        } catch {
            return SeedCorpus(seeds: [], problems: ["seeds folder \(directory) cannot be read (\(ConfigLoader.reason(error))); no seed articles loaded"])
        }
        var seeds: [SeedIdentity] = []
        var problems: [String] = []
        for name in names {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard let data = fileManager.contents(atPath: path) else {
                problems.append("seed file \(path) cannot be read; skipped")
                continue
            }
            let seed = identity(name: name, text: String(decoding: data, as: UTF8.self), classifier: classifier)
            if seed.terms.isEmpty {
                problems.append("seed file \(path) has no words; skipped")
                continue
            }
            seeds.append(seed)
        }
        return SeedCorpus(seeds: seeds, problems: problems)
    }

    /// One article's identity: its whole text's terms, its language, and its date when its first
    /// lines give one (see `ArticleDate`).
    public static func identity(name: String, text: String, classifier: StoryClassifier) -> SeedIdentity {
        let story = StoryText(plainText: text)
        let scan = classifier.scan(story)
        return SeedIdentity(name: name, terms: scan.allTerms(), pairs: WordPairs(tokens: scan.tokens),
                            date: ArticleDate.leading(in: text), language: story.language)
    }
}
