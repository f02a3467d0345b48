import Foundation
import Synchronization
import Testing
import TestSupport

/// The shared dev set (../shared/devset) and this project's own sets (Fixtures/devset), run
/// through the real binary in two polls over 127.0.0.1 and scored by the shared scorer.
private let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/devset")
private let ownSets = repositoryRoot.appendingPathComponent("Tests/FeedWatchCLITests/Fixtures/devset")

/// One set's scores, as score.py's --json writes them.
struct DevsetScore {
    let result: [String: Any]
    let table: String

    func f1(_ metric: String, language: String? = nil) -> Double {
        let block = language.map { ((result["by_lang"] as? [String: Any])?[$0] as? [String: Any]) ?? [:] } ?? (result["overall"] as? [String: Any] ?? [:])
        return ((block[metric] as? [String: Any])?["f1"] as? Double) ?? 0
    }

    var realerts: Int { result["realerts"] as? Int ?? -1 }
}

@Suite("The labelled dev sets through the real pipeline", .serialized)
struct DevsetTests {
    /// Serves `round1` then `round2` of a folder of feeds with content ETags, runs `once` for
    /// each round against one state folder, and scores the log.
    static func run(feeds: URL, files: [String], items: URL?) throws -> DevsetScore {
        let round = Mutex("round1")
        let server = try TestHTTPServer { request in
            let name = String(request.path.dropFirst())
            let folder = round.withLock { $0 }
            guard files.contains(name), let body = FileManager.default.contents(atPath: feeds.appendingPathComponent("\(folder)/\(name)").path) else {
                return .text("missing", status: 404, type: "text/plain")
            }
            let etag = "\"\(folder)-\(body.count)\""
            if request.headers["if-none-match"] == etag { return TestHTTPServer.Response(status: 304, headers: [("ETag", etag)]) }
            return TestHTTPServer.Response(headers: [("Content-Type", "application/xml"), ("ETag", etag)], body: [UInt8](body))
        }
        let state = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let arguments = ["once", "--config", repositoryRoot.appendingPathComponent("config/feedwatch.yaml").path,
                         "--state-dir", state, "--allow-private-networks", "--log-format", "json"]
            + files.flatMap { ["--feed", server.url("/\($0)")] }
        let first = try feedwatch(arguments)
        round.withLock { $0 = "round2" }
        let second = try feedwatch(arguments)
        #expect(first.status == 0 && second.status == 0)
        #expect(jsonLines(first.stderr).filter { $0["event"] as? String == "fetch_failed" }.isEmpty)
        let log = state + "/events.jsonl"
        try (first.stderr + second.stderr).write(toFile: log, atomically: true, encoding: .utf8)
        var scoreArguments = ["python3", shared.appendingPathComponent("score.py").path, log, "--json", state + "/score.json"]
        if let items { scoreArguments += ["--items", items.path] }
        let table = try run(scoreArguments)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: state + "/score.json"))) as? [String: Any])
        return DevsetScore(result: result, table: table)
    }

    /// Writes an own set's feeds (scripts/devset_feeds.py) and runs it.
    static func runOwn(_ name: String) throws -> DevsetScore {
        let items = ownSets.appendingPathComponent("\(name).jsonl")
        let feeds = URL(fileURLWithPath: try temporaryFolder())
        defer { try? FileManager.default.removeItem(at: feeds) }
        let files = try run(["python3", repositoryRoot.appendingPathComponent("scripts/devset_feeds.py").path, items.path, feeds.path])
            .split(separator: "\n").map(String.init)
        #expect(files.count > 5)
        return try run(feeds: feeds, files: files, items: items)
    }

    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments.joined(separator: " "))")
        return text
    }

    @Test("The shared set: alerts, duplicates naming the seeds, no repeat alerts; floors just under the measured scores")
    func sharedSet() throws {
        guard sharedFolderAvailable(shared) else { return }
        let files = ["redseawire.xml", "gulfsecurityreview.xml", "eurasiadesk.atom", "vostokvesti.xml",
                     "severkurier.rdf", "aljanoubpost.xml", "alsahilnet.xml"]
        // The shared set ships its rounds as feeds/ and feeds_round2/.
        let feeds = URL(fileURLWithPath: try temporaryFolder())
        defer { try? FileManager.default.removeItem(at: feeds) }
        try FileManager.default.copyItem(at: shared.appendingPathComponent("feeds"), to: feeds.appendingPathComponent("round1"))
        try FileManager.default.copyItem(at: shared.appendingPathComponent("feeds_round2"), to: feeds.appendingPathComponent("round2"))
        let score = try Self.run(feeds: feeds, files: files, items: nil)
        print(score.table)
        #expect(score.realerts == 0)
        #expect(score.f1("topic") >= 0.97)
        #expect(score.f1("alert") >= 0.95)
        #expect(score.f1("duplicate") >= 0.95)
        #expect(score.f1("tags") >= 0.96)
        for language in ["en", "ar", "ru"] {
            #expect(score.f1("topic", language: language) >= 0.95, "topic F1 in \(language)")
            #expect(score.f1("alert", language: language) >= 0.93, "alert F1 in \(language)")
            #expect(score.f1("tags", language: language) >= 0.94, "tag F1 in \(language)")
        }
    }

    @Test("The multi-outlet event set: rewrites by other outlets join their event; same-actor events stay apart")
    func eventsSet() throws {
        guard sharedFolderAvailable(shared) else { return }
        let score = try Self.runOwn("events")
        print(score.table)
        #expect(score.realerts == 0)
        #expect(score.f1("topic") >= 0.97)
        #expect(score.f1("alert") >= 0.90)
        #expect(score.f1("duplicate") >= 0.90)
        #expect(score.f1("tags") >= 0.96)
        for language in ["en", "ar", "ru"] {
            #expect(score.f1("duplicate", language: language) >= 0.85, "duplicate F1 in \(language)")
            #expect(score.f1("tags", language: language) >= 0.95, "tag F1 in \(language)")
        }
    }

    @Test("The topic set: Russia late in the lead, officials by name, crews and cargoes; lists, idioms and separate drivers stay silent")
    func topicsSet() throws {
        guard sharedFolderAvailable(shared) else { return }
        let score = try Self.runOwn("topics")
        print(score.table)
        #expect(score.realerts == 0)
        #expect(score.f1("topic") >= 0.97)
        #expect(score.f1("alert") >= 0.95)
        #expect(score.f1("tags") >= 0.95)
        for language in ["en", "ar", "ru"] {
            #expect(score.f1("topic", language: language) >= 0.95, "topic F1 in \(language)")
            #expect(score.f1("tags", language: language) >= 0.94, "tag F1 in \(language)")
        }
    }
}
