import Foundation
import StoryMatching

/// An article the user already has: a `.txt` file in the seeds folder.
public struct SeedStory: Sendable {
    /// The file name, reported as `duplicate_of`.
    public var name: String
    public var fingerprint: Fingerprint
}

/// The seed corpus, read from every `.txt` file in the seeds folder (sorted by name, so the
/// result does not depend on directory order). Unreadable files are reported, not fatal.
public struct SeedCorpus: Sendable {
    public var stories: [SeedStory]
    /// Files that could not be used, with the reason, for the log.
    public var problems: [String]

    public init(stories: [SeedStory], problems: [String] = []) {
        self.stories = stories
        self.problems = problems
    }

    /// Reads the seeds; `classifier` fingerprints them exactly as it fingerprints feed items.
    public static func load(directory: String, classifier: StoryClassifier) -> SeedCorpus {
        let fileManager = FileManager.default
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }.sorted()
        } catch {
            return SeedCorpus(stories: [], problems: ["seeds folder \(directory) cannot be read (\(ConfigLoader.reason(error))); no seed articles loaded"])
        }
        var stories: [SeedStory] = []
        var problems: [String] = []
        for name in names {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard let data = fileManager.contents(atPath: path) else {
                problems.append("seed file \(path) cannot be read; skipped")
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            let fingerprint = classifier.fingerprint(of: Boilerplate.strip(text))
            if fingerprint.isEmpty {
                problems.append("seed file \(path) has no words; skipped")
                continue
            }
            stories.append(SeedStory(name: name, fingerprint: fingerprint))
        }
        return SeedCorpus(stories: stories, problems: problems)
    }
}
