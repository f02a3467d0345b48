import Foundation
import Testing
import TestSupport

/// Precision on ordinary news: every item of the real-feed corpus (../shared/corpus, about 7,500
/// items of real feeds, none about Yemen–Russia relations) goes through a real poll with the
/// shipped config, and none may alert.
@Suite("No alert on ordinary news")
struct CorpusPrecisionTests {
    static let corpus = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/feeds")

    @Test("A poll of every real-feed corpus file with the shipped config alerts nothing")
    func noAlert() throws {
        guard sharedFolderAvailable(Self.corpus) else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        let server = try TestHTTPServer { request in
            let name = String(request.path.dropFirst()).removingPercentEncoding ?? ""
            guard files.contains(name), let body = FileManager.default.contents(atPath: Self.corpus.appendingPathComponent(name).path) else {
                return .text("missing", status: 404, type: "text/plain")
            }
            return TestHTTPServer.Response(headers: [("Content-Type", "application/xml")], body: [UInt8](body))
        }
        let state = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let list = state + "/feeds.txt"
        try files.map { server.url("/" + ($0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0)) }
            .joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
        let result = try feedwatch(["once", "--config", repositoryRoot.appendingPathComponent("config/feedwatch.yaml").path,
                                    "--state-dir", state, "--feeds-file", list, "--allow-private-networks", "--log-format", "json"])
        #expect(result.status == 0)
        let events = jsonLines(result.stderr)
        let alerts = events.filter { $0["event"] as? String == "alert" }
        #expect(alerts.isEmpty, "false alerts: \(alerts.map { $0["title"] as? String ?? "" })")
        let summary = try #require(events.last { ($0["message"] as? String)?.hasPrefix("poll done") == true })
        // The poll really read the corpus: thousands of items.
        let message = summary["message"] as? String ?? ""
        let newItems = message.split(separator: ",").first { $0.contains("new item") }.flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0
        #expect(newItems > 7_000, "\(message)")
    }
}
