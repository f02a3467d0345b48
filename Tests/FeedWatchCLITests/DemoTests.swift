import Foundation
import Testing
import TestSupport

/// `feedwatch demo`, run as a newcomer runs it: the built binary, the shipped config and seeds,
/// no network (every proxy variable points at a closed port, which the demo must not use).
@Suite("feedwatch demo")
struct DemoTests {
    private static let shippedConfig = repositoryRoot.appendingPathComponent("config/feedwatch.yaml").path

    @Test("Alerts in each language, a duplicate of a seed and of an earlier alert, the explanation, the next commands")
    func demo() throws {
        let temporary = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let sentinel = temporary + "/keep-me"
        try "not the demo's".write(toFile: sentinel, atomically: true, encoding: .utf8)
        let closed = "http://127.0.0.1:\(try TestHTTPServer.unusedPort())"
        let result = try feedwatch(["demo", "--config", Self.shippedConfig], environment: [
            "TMPDIR": temporary, "http_proxy": closed, "https_proxy": closed, "all_proxy": closed, "ALL_PROXY": closed,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)

        // An alert in each language, each with its story id.
        let alerts = lines.filter { $0.contains(" notice: ALERT [") }
        #expect(alerts.count == 5, "\(alerts)")
        #expect(alerts.allSatisfy { $0.firstMatch(of: #/story [0-9a-f]{12} /#) != nil })
        for (language, script) in [("English", /ALERT \[[^\]]+\] [A-Z][a-z]/), ("Arabic", /ALERT \[[^\]]+\] \p{Arabic}/),
                                   ("Russian", /ALERT \[[^\]]+\] \p{Cyrillic}/)] {
            #expect(alerts.contains { $0.firstMatch(of: script) != nil }, "no \(language) alert")
        }

        // A re-run of seed 000 joins the seed's story.
        #expect(lines.contains { $0.contains(" info: duplicate [")
                && $0.contains("reports story seed:000_e55f8f9d5176e97f, first reported as 000_e55f8f9d5176e97f.txt") })

        // Another outlet's rewrite joins the earlier English alert: its story id and its link.
        let original = "https://redsea-monitor.example/news/russian-wheat-ship-docks-at-hodeidah"
        let first = try #require(alerts.first { $0.contains("<\(original)>") })
        let story = try #require(first.firstMatch(of: #/story ([0-9a-f]{12}) /#)?.1)
        #expect(lines.contains { $0.contains(" info: duplicate [Aden Herald] ")
                && $0.contains("reports story \(story), first reported as \(original)") })

        // Both poll summaries, and the sample judged as with the shipped config (no note).
        #expect(lines.filter { $0.contains("poll done: 3 feed(s), 0 failed") }.count == 2)
        #expect(lines.contains { $0.contains("6 new item(s), 3 alert(s), 0 duplicate(s)") })
        #expect(lines.contains { $0.contains("5 new item(s), 2 alert(s), 2 duplicate(s)") })
        #expect(!lines.contains { $0.hasPrefix("note:") })

        // One alert explained, as poll 2 judged it.
        #expect(lines.contains { $0.hasPrefix("== Why poll 2 alerted \"Houthi negotiator Abdul-Salam") })
        #expect(result.stdout.contains("NEAREST KNOWN STORIES\n  seed seed:"))
        #expect(result.stdout.contains("VERDICT\n  alert: a new event"))

        // The three commands that run it for real come last.
        let closing = lines.suffix(3).joined(separator: "\n")
        #expect(closing.contains("sudo systemctl enable --now feedwatch"))
        #expect(closing.contains("journalctl -u feedwatch -p notice -f"))
        #expect(closing.contains("feedwatch check-config"))

        // Its state folder was its own, and is gone; nothing else in TMPDIR was touched.
        let state = try #require(lines.first { $0.hasPrefix("State: ") }?.firstMatch(of: #/State: (\S+) /#)?.1)
        #expect(state.hasPrefix(temporary + "/feedwatch-demo."))
        #expect(!FileManager.default.fileExists(atPath: String(state)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary) == ["keep-me"])
    }

    @Test("A reader that goes away at once (feedwatch demo | head -1) leaves no state folder behind")
    func closedOutput() throws {
        let temporary = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try feedwatchBinary())
        process.arguments = ["demo", "--config", Self.shippedConfig]
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary]) { _, new in new }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try out.fileHandleForReading.close()
        try process.run()
        process.waitUntilExit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }

    @Test("An unusable config stops the demo with the reason and exit 1")
    func badConfig() throws {
        let result = try feedwatch(["demo", "--config", "/nonexistent/feedwatch.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("feedwatch demo: ") && result.stderr.contains("/nonexistent/feedwatch.yaml"))
    }
}
