import FeedParsing
import FeedWatchConfiguration
import FeedWatchPipeline
import Foundation
import StoryMatching

/// `verdicts [FILE.jsonl | FOLDER]...`: everything the classifier and event identity read of each
/// story, one line a story, for the synthetic benchmark items and the given dev-set files and
/// feed folders. A speed change must leave this output byte for byte the same (diff a run before
/// the change with one after): the dev-set scores only show the verdicts that change a score.
enum VerdictDump {
    static func run(_ arguments: [String]) throws {
        let config = try ConfigLoader.load(path: configPath())
        let classifier = StoryClassifier(rules: config.rules)
        let rules = config.dedup.identity
        var rng = SplitMix(state: 42)
        for n in 0..<option("--items", 3_000) {
            let item = Corpus.item(n, &rng)
            print(line(StoryText(title: item.title, lead: item.lead), classifier, rules))
        }
        for (index, path) in arguments.enumerated() where !path.hasPrefix("--") && (index == 0 || arguments[index - 1] != "--items") {
            for story in try stories(at: path) { print(line(story, classifier, rules)) }
        }
    }

    /// The stories of a dev-set file (title, summary, content), or of every feed file in a folder.
    static func stories(at path: String) throws -> [StoryText] {
        if path.hasSuffix(".jsonl") {
            return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
                return StoryText(title: object["title"] as? String ?? "", lead: (object["summary"] ?? object["lead"]) as? String ?? "",
                                 body: object["content"] as? String ?? "")
            }
        }
        if path.hasSuffix(".txt") {
            return [StoryText(plainText: try String(contentsOfFile: path, encoding: .utf8))]
        }
        let parser = FeedParser()
        var result: [StoryText] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
            guard let data = FileManager.default.contents(atPath: path + "/" + name),
                  let feed = try? parser.parse([UInt8](data)) else { continue }
            result += feed.items.map { StoryText(item: $0, readsBody: true) }
        }
        return result
    }

    static func line(_ story: StoryText, _ classifier: StoryClassifier, _ rules: IdentityRules) -> String {
        let analysis = classifier.analyze(story)
        let c = analysis.classification
        func hits(_ list: [TermHit]) -> String {
            list.map { "\($0.term)@\($0.range.lowerBound)-\($0.range.upperBound)u\($0.unit)\($0.ignored.map { "!\($0)" } ?? "")\($0.group.map { "g\($0)" } ?? "")" }
                .joined(separator: ",")
        }
        func terms(_ t: StoryTerms) -> String { zip(t.keys, t.kinds).map { "\($0.0):\($0.1.rawValue)" }.joined(separator: ",") }
        var fields = [
            "on=\(c.onTopic) score=\(c.score) tags=\(c.tags) matched=\(c.matched) reason=\(c.reason ?? "-")",
            "tagTerms=\(c.tagTerms.sorted { $0.key < $1.key }) tagScores=\(c.tagScores.sorted { $0.key < $1.key })",
            "y=\(hits(c.yemenHits)) r=\(hits(c.russiaHits)) i=\(c.interaction.map { "\($0)" } ?? "-")",
            "names=\(hits(analysis.scan.names)) markers=\(hits(analysis.scan.markers)) body=\(analysis.bodyStart)",
            "tokens=" + analysis.tokens.map { "\($0.text)/\($0.unit)/\($0.variants.joined(separator: "|"))/\($0.punctuationBefore.map { String($0) } ?? "")" }
                .joined(separator: " "),
            "keys=\(analysis.termKeys(leadSentences: rules.leadSentences))",
            "terms=" + terms(analysis.terms(leadSentences: rules.leadSentences)),
            "surfaces=\(analysis.scan.surfaces().sorted { $0.key < $1.key })",
        ]
        let date = Date(timeIntervalSince1970: 1_750_000_000)
        let identity = classifier.identity(of: story, rules: rules, date: date)
        fields.append("identity=" + terms(identity.terms) + " pairs=\(identity.pairs.keys)")
        fields.append("all=" + terms(classifier.scan(story).allTerms()))
        return fields.joined(separator: " | ")
    }
}
