import Foundation
import Synchronization
import Testing
import TestSupport

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The feedwatch binary SwiftPM built next to this test bundle.
func feedwatchBinary() throws -> String {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for folder in [besideTests, besideTests.deletingLastPathComponent(), repositoryRoot.appendingPathComponent(".build/debug")] {
        let candidate = folder.appendingPathComponent("feedwatch").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw ServerError(message: "feedwatch binary not found next to \(besideTests.path)")
}

struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs feedwatch to completion; `environment` adds to (or replaces) variables of this process's.
func feedwatch(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try feedwatchBinary())
    process.arguments = arguments
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    process.currentDirectoryURL = repositoryRoot
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    let errData = Mutex(Data())
    let reader = Thread { let d = err.fileHandleForReading.readDataToEndOfFile(); errData.withLock { $0 = d } }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while reader.isExecuting { Thread.sleep(forTimeInterval: 0.01) }
    return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData.withLock { $0 }, as: UTF8.self))
}

func jsonLines(_ text: String) -> [[String: Any]] {
    text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
}

func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "feedwatch-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private let shippedConfig = repositoryRoot.appendingPathComponent("config/feedwatch.yaml").path
/// The commands' tests read the test config (`TestConfig`), not the shipped one.
private let testConfig = TestConfig.path

@Suite("The feedwatch command line", .serialized)
struct CLITests {
    @Test("check-config accepts the shipped config")
    func checkShipped() throws {
        let result = try feedwatch(["check-config", "--config", shippedConfig])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok"))
    }

    @Test("check-config rejects a broken config with file:line and exits non-zero")
    func checkBroken() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/feedwatch.yaml"
        try "seeds_dir: .\nfeeds:\n  - name: x\n    url: gopher://x.example/\ntopic:\n  yemen: [yemen]\n  russia: [\"*\"]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try feedwatch(["check-config", "--config", path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(path):4: feeds[0].url: "))
        #expect(result.stderr.contains("\(path):7: topic.russia[0]: "))
    }

    @Test("check-config and once agree: a config with no feeds fails both, unless --feed gives one")
    func checkNoFeeds() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/feedwatch.yaml"
        try "seeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let check = try feedwatch(["check-config", "--config", path])
        let once = try feedwatch(["once", "--config", path, "--state-dir", folder + "/state"])
        #expect(check.status != 0 && once.status != 0)
        #expect(check.stderr.contains("no feeds to poll") && once.stderr.contains("no feeds to poll"))
        let given = try feedwatch(["check-config", "--config", path, "--feed", "https://x.example/rss"])
        #expect(given.status == 0 && given.stdout.contains("1 feed(s)"))
    }

    @Test("--version names the libcurl and libxml2 it runs with; bash completion comes from the parser")
    func version() throws {
        let result = try feedwatch(["--version"])
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.wholeMatch(of: /feedwatch \d+\.\d+\.\d+ \(libcurl \d+\.\d+\.\d+[^,]*, libxml2 \d+\.\d+\.\d+\)/) != nil, "\(line)")
        let completion = try feedwatch(["--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        #expect(completion.stdout.contains("complete ") && completion.stdout.contains("check-config"))
    }

    @Test("parse prints the contract JSON, from a file or standard input")
    func parse() throws {
        let rss = "<rss version=\"2.0\"><channel><title>T</title><item><title>A &amp; B</title><link>https://x.example/1</link><pubDate>Mon, 03 Mar 2025 07:29:00 GMT</pubDate></item></channel></rss>"
        let result = try feedwatch(["parse", "-"], stdin: rss)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["format", "title", "link", "subtitle", "language", "updated", "author", "items"])
        #expect(object["format"] as? String == "rss2.0")
        #expect(object["link"] is NSNull)
        let item = try #require((object["items"] as? [[String: Any]])?.first)
        #expect(Set(item.keys) == ["id", "title", "link", "published", "updated", "summary", "content", "author", "categories", "enclosures"])
        #expect(item["title"] as? String == "A & B")
        #expect(item["published"] as? String == "2025-03-03T07:29:00Z")
        #expect(item["id"] is NSNull)

        let html = try feedwatch(["parse", "-"], stdin: "<html><body>404</body></html>")
        #expect(html.status != 0)
        #expect(html.stderr.contains("not a feed"))

        // JSON Feed comes out in the same schema.
        let json = try feedwatch(["parse", "-"], stdin: "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\", \"items\": [{\"id\": \"1\", \"title\": \"A\", \"url\": \"https://x.example/1\"}]}")
        #expect(json.status == 0)
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(Set(feed.keys) == ["format", "title", "link", "subtitle", "language", "updated", "author", "items"])
        #expect(feed["format"] as? String == "json1.1")
        #expect((feed["items"] as? [[String: Any]])?.first?["link"] as? String == "https://x.example/1")
        let notFeed = try feedwatch(["parse", "-"], stdin: "{\"hello\": 1}")
        #expect(notFeed.status != 0)
        #expect(notFeed.stderr.contains("not a JSON Feed"))
    }

    @Test("match classifies a plain-text story with the configured rules")
    func match() throws {
        let story = "Houthi delegation meets Russian deputy foreign minister in Moscow\n\nThe talks covered arms deliveries and Red Sea shipping.\n"
        let result = try feedwatch(["match", "--config", testConfig, "-"], stdin: story)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["on_topic"] as? Bool == true)
        let tags = Set(object["tags"] as? [String] ?? [])
        #expect(tags.isSuperset(of: ["houthis", "diplomacy", "arms", "shipping"]))
        let off = try feedwatch(["match", "--config", testConfig, "-"], stdin: "Tokyo stocks hit record\n\nChipmakers rallied.\n")
        #expect(off.stdout.contains("\"on_topic\": false"))
    }

    @Test("once exits 0 when feeds fail, and non-zero when the config is unusable")
    func onceExitCodes() throws {
        let state = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let closed = try TestHTTPServer.unusedPort()
        let failing = try feedwatch(["once", "--config", testConfig, "--state-dir", state, "--feed", "http://127.0.0.1:\(closed)/x",
                                     "--allow-private-networks", "--log-format", "json"])
        #expect(failing.status == 0)
        #expect(jsonLines(failing.stderr).contains { $0["event"] as? String == "fetch_failed" && $0["feed"] as? String == "http://127.0.0.1:\(closed)/x" })
        // The person who ran it reads one short block on stdout; the log stays on stderr.
        #expect(failing.stdout.hasPrefix("poll summary: 1 feed: 0 ok, 1 failed (1 could not connect)\n  0 new items, 0 alerts, 0 duplicates\n"))
        #expect(failing.stdout.contains("No network?"))

        let refused = try feedwatch(["once", "--config", testConfig, "--state-dir", state, "--feed", "http://127.0.0.1:\(closed)/x", "--log-format", "json"])
        #expect(refused.status == 0)
        #expect(refused.stderr.contains("--allow-private-networks"))

        let bad = try feedwatch(["once", "--config", "/nonexistent/feedwatch.yaml", "--state-dir", state])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("/nonexistent/feedwatch.yaml"))
    }

    @Test("status reports each feed from the state database, as text and JSON")
    func status() throws {
        let feed = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/FeedWatchCoreTests/Fixtures/wire.xml"))
        let server = try TestHTTPServer { _ in TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: [UInt8](feed)) }
        let closed = try TestHTTPServer.unusedPort()
        let state = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let feeds = ["--feed", server.url("/wire.xml"), "--feed", "http://127.0.0.1:\(closed)/down.xml"]
        let none = try feedwatch(["status", "--config", testConfig, "--state-dir", state + "/empty"] + feeds)
        #expect(none.status != 0 && none.stderr.contains("no state yet"))
        _ = try feedwatch(["once", "--config", testConfig, "--state-dir", state, "--allow-private-networks"] + feeds)
        let result = try feedwatch(["status", "--config", testConfig, "--state-dir", state, "--json"] + feeds)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["feeds"] as? Int == 2)
        #expect(totals["failing"] as? Int == 1)
        #expect(totals["items_seen"] as? Int == 3)
        #expect(totals["alerts"] as? Int == 1)
        let rows = try #require(object["feeds"] as? [[String: Any]])
        #expect(rows.first?["last_success"] is String)
        #expect((rows.last?["last_error"] as? String)?.contains("connect") == true)
        let text = try feedwatch(["status", "--config", testConfig, "--state-dir", state] + feeds)
        #expect(text.stdout.contains("2 feeds, 1 failing, 3 items seen, 1 alerts"))
        #expect(!text.stdout.contains("not in the config"))
        // Without the --feed options, the feeds polled with them are listed after the configured
        // ones and said to be outside the config, without a next poll.
        let plain = try feedwatch(["status", "--config", testConfig, "--state-dir", state, "--json"])
        let listed = try #require((try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])?["feeds"] as? [[String: Any]])
        let polled = try #require(listed.first { $0["url"] as? String == server.url("/wire.xml") })
        #expect(polled["configured"] as? Bool == false && polled["next_poll"] is NSNull)
        #expect(try feedwatch(["status", "--config", testConfig, "--state-dir", state]).stdout.contains("(not in the config: polled with --feed, or removed from it)"))
    }

    @Test("run alerts, then exits 0 on SIGTERM")
    func daemon() async throws {
        let feed = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/FeedWatchCoreTests/Fixtures/wire.xml"))
        let server = try TestHTTPServer { _ in TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: [UInt8](feed)) }
        let state = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try feedwatchBinary())
        process.arguments = ["run", "--config", testConfig, "--state-dir", state, "--feed", server.url("/wire.xml"),
                             "--allow-private-networks", "--log-format", "json"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var collected = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !String(decoding: collected, as: UTF8.self).contains("poll done") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            collected.append(chunk)
        }
        process.terminate()  // SIGTERM
        collected.append(err.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        let events = jsonLines(String(decoding: collected, as: UTF8.self))
        #expect(events.filter { $0["event"] as? String == "alert" }.count == 1)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test("The systemd unit passes systemd-analyze verify", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")))
    func unit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let unit = try String(contentsOf: repositoryRoot.appendingPathComponent("systemd/feedwatch.service"), encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/local/bin/feedwatch run"))
        // verify checks that ExecStart's binary exists; point it at the one just built.
        let path = folder + "/feedwatch.service"
        try unit.replacingOccurrences(of: "/usr/local/bin/feedwatch", with: try feedwatchBinary()).write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        process.arguments = ["verify", path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }
}
