import Foundation
import Synchronization
import Testing
import TestSupport

private let devset = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/devset")
private let hasDevset = FileManager.default.fileExists(atPath: devset.appendingPathComponent("score.py").path)
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/env")

@Suite("The labelled dev set through the real pipeline", .serialized, .enabled(if: hasDevset))
struct DevsetTests {
    static let files = ["redseawire.xml", "gulfsecurityreview.xml", "eurasiadesk.atom", "vostokvesti.xml",
                        "severkurier.rdf", "aljanoubpost.xml", "alsahilnet.xml"]

    @Test("Two polls: alerts, duplicates naming the seeds, no repeat alerts; scores printed")
    func twoRounds() throws {
        // Serve whichever round is current, with content ETags (python's http.server compares
        // If-Modified-Since to the second, and both rounds' files share their mtime second).
        let round = Mutex(1)
        let server = try TestHTTPServer { request in
            let folder = round.withLock { $0 } == 1 ? "feeds" : "feeds_round2"
            let name = String(request.path.dropFirst())
            guard Self.files.contains(name), let body = FileManager.default.contents(atPath: devset.appendingPathComponent("\(folder)/\(name)").path) else {
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
            + Self.files.flatMap { ["--feed", server.url("/\($0)")] }

        let first = try feedwatch(arguments)
        round.withLock { $0 = 2 }
        let second = try feedwatch(arguments)
        #expect(first.status == 0 && second.status == 0)
        let firstEvents = jsonLines(first.stderr), secondEvents = jsonLines(second.stderr)
        #expect(firstEvents.filter { $0["event"] as? String == "fetch_failed" }.isEmpty)
        #expect(firstEvents.contains { $0["event"] as? String == "alert" })
        #expect(firstEvents.contains { ($0["duplicate_of"] as? String)?.hasSuffix(".txt") == true })

        // Round 2 repeats every round-1 item: none of them may alert again.
        let firstLinks = Set(firstEvents.compactMap { $0["link"] as? String })
        let realerts = secondEvents.filter { $0["event"] as? String == "alert" && firstLinks.contains($0["link"] as? String ?? "") }
        #expect(realerts.isEmpty)

        let log = state + "/events.jsonl"
        try (first.stderr + second.stderr).write(toFile: log, atomically: true, encoding: .utf8)
        let scorer = Process()
        scorer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        scorer.arguments = ["python3", devset.appendingPathComponent("score.py").path, log, "--json", state + "/score.json"]
        let output = Pipe()
        scorer.standardOutput = output
        try scorer.run()
        let table = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        scorer.waitUntilExit()
        print(table)
        let score = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: state + "/score.json"))) as? [String: Any])
        let overall = try #require(score["overall"] as? [String: Any])
        func f1(_ metric: String) -> Double { ((overall[metric] as? [String: Any])?["f1"] as? Double) ?? 0 }
        #expect(score["realerts"] as? Int == 0)
        // Floors a little under the measured values, so a regression fails here.
        #expect(f1("topic") >= 0.97)
        #expect(f1("alert") >= 0.95)
        #expect(f1("duplicate") >= 0.95)
        #expect(f1("tags") >= 0.92)
        let byLanguage = try #require(score["by_lang"] as? [String: [String: Any]])
        for language in ["en", "ar", "ru"] {
            let topic = (byLanguage[language]?["topic"] as? [String: Any])?["f1"] as? Double ?? 0
            #expect(topic >= 0.9, "topic F1 in \(language)")
        }
    }
}
