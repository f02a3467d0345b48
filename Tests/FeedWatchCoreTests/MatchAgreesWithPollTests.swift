import FeedParsing
import FeedWatchConfiguration
import FeedWatchPipeline
import FeedWatchStore
import Foundation
import StoryMatching
import Synchronization
import Testing
import TestSupport

/// `feedwatch match` and `feedwatch once` give the same verdict: every dev-set item is judged
/// twice, in stream order, against the same state. First as `match` judges a text (a fresh
/// judge over the state database opened read-only, the item as plain text), then by a real poll
/// of a feed that carries only that item. Verdict, tags, story and first report must agree.
@Suite("match gives the verdict once gives, on every dev-set item", .serialized)
struct MatchAgreesWithPollTests {
    static let sets: [(name: String, path: URL)] = [
        ("shared", repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/devset/items.jsonl")),
        ("events", repositoryRoot.appendingPathComponent("Tests/FeedWatchCLITests/Fixtures/devset/events.jsonl")),
        ("topics", repositoryRoot.appendingPathComponent("Tests/FeedWatchCLITests/Fixtures/devset/topics.jsonl")),
    ]

    @Test("match and once agree", arguments: ["shared", "events", "topics"])
    func agree(_ name: String) async throws {
        let path = try #require(Self.sets.first { $0.name == name }?.path)
        guard sharedFolderAvailable(path) else { return }
        let items = try String(contentsOf: path, encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let current = Mutex<[UInt8]>([])
        let server = try TestHTTPServer { _ in
            TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: current.withLock { $0 })
        }
        let state = try TemporaryFolder()
        let lines = CapturedLines()
        let feed = FeedSource(name: "devset", url: server.url("/feed.xml"))
        let runtime = try shippedRuntime(feeds: [feed], state: state.path, writer: lines)
        let config = runtime.config
        let classifier = StoryClassifier(rules: config.rules)
        let seeds = SeedCorpus.load(directory: config.seedsDirectory, classifier: classifier)
        var disagreements: [String] = []
        for item in items {
            let id = item["id"] as? String ?? "?"
            let title = item["title"] as? String ?? "", summary = item["summary"] as? String ?? ""
            let content = item["content"] as? String ?? ""
            let published = try #require(FeedDate.parse(item["published"] as? String ?? ""))
            // As `feedwatch match --published DATE` judges it.
            let judge = try StoryJudge(seeds: seeds, settings: config.dedup, store: try SQLiteStore.readOnly(directory: state.path))
            let check = StoryCheck(text: [title, summary, content].filter { !$0.isEmpty }.joined(separator: "\n\n"),
                                   published: published, classifier: classifier, judge: judge)
            // As `feedwatch once` judges it.
            current.withLock { $0 = Self.feed(id: id, title: title, summary: summary, content: content, published: item["published"] as? String ?? "") }
            let before = lines.all.count
            _ = try await runtime.engine.poll([feed])
            let record = lines.all[before...].compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            }.first { ["alert", "duplicate"].contains($0["event"] as? String ?? "") }
            let polled = record?["event"] as? String ?? "none"
            var same = polled == check.verdict.rawValue
            if polled == "alert" || polled == "duplicate" { same = same && (record?["tags"] as? [String] ?? []) == check.classification.tags }
            if polled == "duplicate" {
                same = same && record?["story"] as? String == check.duplicate?.event
                    && record?["duplicate_of"] as? String == check.duplicate?.original
            }
            if !same { disagreements.append("\(id): match \(check.verdict.rawValue) \(check.duplicate?.event ?? ""), once \(polled) \(record?["story"] as? String ?? "")") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "; "))")
        #expect(items.count > 80)
    }

    /// A feed carrying one item, as the dev sets' feeds carry it.
    static func feed(id: String, title: String, summary: String, content: String, published: String) -> [UInt8] {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let body = content.isEmpty ? "" : "<content:encoded>" + escape(content.components(separatedBy: "\n\n").map { "<p>\($0)</p>" }.joined()) + "</content:encoded>"
        return Array("""
            <?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>\
            <title>devset</title><link>https://devset.example/</link><item><title>\(escape(title))</title>\
            <link>https://devset.example/\(id)</link><guid>\(id)</guid><pubDate>\(published)</pubDate>\
            <description>\(escape(summary))</description>\(body)</item></channel></rss>
            """.utf8)
    }
}
