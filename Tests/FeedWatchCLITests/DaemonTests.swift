import Foundation
import Synchronization
import Testing
import TestSupport

/// A running `feedwatch run` whose stderr is collected as it comes.
final class RunningDaemon: Sendable {
    let process: Process
    private let output = Mutex(Data())

    init(arguments: [String], environment: [String: String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try feedwatchBinary())
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.output.withLock { $0.append(data) }
        }
        try process.run()
    }

    var log: String { String(decoding: output.withLock { $0 }, as: UTF8.self) }
    var events: [[String: Any]] { jsonLines(log) }

    /// Waits until `condition` holds (checked every 50 ms), at most `seconds`.
    func wait(_ seconds: Double = 20, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }
}

private func rss(_ items: [(title: String, link: String)]) -> [UInt8] {
    var xml = "<rss version=\"2.0\"><channel><title>Test</title>"
    for item in items {
        xml += "<item><title>\(item.title)</title><link>\(item.link)</link><guid>\(item.link)</guid><description>\(item.title).</description></item>"
    }
    return Array((xml + "</channel></rss>").utf8)
}

@Suite("The daemon under a service manager", .serialized)
struct DaemonTests {
    @Test("READY, STATUS, reload of new terms on SIGHUP, a broken reload kept out, STOPPING and exit 0 on SIGTERM")
    func lifecycle() throws {
        let feed = Mutex(rss([(title: "Houthi delegation meets Russian officials in Moscow", link: "https://t.example/1")]))
        let server = try TestHTTPServer { _ in TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: feed.withLock { $0 }) }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try String(contentsOfFile: TestConfig.path, encoding: .utf8)
            .replacingOccurrences(of: "poll_interval: 15m", with: "poll_interval: 1s")
            .replacingOccurrences(of: "allow_private_networks: false", with: "allow_private_networks: true")
            .replacingOccurrences(of: "seeds_dir: seeds", with: "seeds_dir: \(TestConfig.seedsDirectory)")
        let configPath = folder + "/feedwatch.yaml"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let notify = try NotifyListener()

        let daemon = try RunningDaemon(
            arguments: ["run", "--config", configPath, "--state-dir", folder + "/state", "--feed", server.url("/feed.xml"),
                        "--allow-private-networks", "--log-format", "json"],
            environment: ["NOTIFY_SOCKET": notify.path])
        defer { if daemon.process.isRunning { daemon.process.terminate() } }

        #expect(daemon.wait { notify.messages.contains { $0.hasPrefix("READY=1") } })
        #expect(daemon.wait { daemon.events.contains { $0["event"] as? String == "alert" } })
        #expect(daemon.wait { notify.messages.contains { $0.contains("STATUS=1 feeds, 0 failing, 1 alerts today") } })

        // A story only a new term matches: silent before the reload.
        let sabaTitle = "Zabid governor signs Russian grain accord"
        try config.replacingOccurrences(of: "      - \"presidential leadership council\"\n",
                                        with: "      - \"presidential leadership council\"\n      - zabid\n")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.wait { daemon.log.contains("reloaded \(configPath)") })
        #expect(notify.messages.contains { $0.hasPrefix("RELOADING=1") })
        feed.withLock { $0 = rss([(title: "Houthi delegation meets Russian officials in Moscow", link: "https://t.example/1"),
                                   (title: sabaTitle, link: "https://t.example/2")]) }
        #expect(daemon.wait { daemon.events.contains { $0["event"] as? String == "alert" && $0["title"] as? String == sabaTitle } })

        // A broken config on reload is rejected with file:line; the old one keeps running.
        try "topic:\n  yemen: [\"*\"]\n".write(toFile: configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.wait { daemon.log.contains("reload rejected") })
        // The problems follow the "reload rejected" line: wait for them too.
        #expect(daemon.wait { daemon.log.contains("\(configPath):2") })
        let pollsBefore = daemon.log.components(separatedBy: "poll done").count
        #expect(daemon.wait { daemon.log.components(separatedBy: "poll done").count > pollsBefore })
        #expect(daemon.process.isRunning)

        daemon.signal(SIGTERM)
        #expect(daemon.wait { !daemon.process.isRunning })
        #expect(daemon.process.terminationReason == .exit && daemon.process.terminationStatus == 0)
        #expect(notify.messages.contains("STOPPING=1"))
        #expect(daemon.events.filter { $0["event"] as? String == "alert" }.count == 2)
    }

    @Test("SIGTERM in the middle of a download: exit 0 within seconds, with what was fetched judged, alerted and committed")
    func terminateMidPoll() throws {
        let story = "<rss version=\"2.0\"><channel><title>Wire</title><item><title>Houthi delegation meets Russian officials in Moscow</title><link>https://t.example/1</link><guid>https://t.example/1</guid><description>A Houthi delegation met Russian officials in Moscow.</description></item></channel></rss>"
        let server = try TestHTTPServer { request in
            if request.path == "/slow" {
                // Headers and a start, then a byte every half second: a transfer that would run to the timeout.
                return TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: Array("<rss>".utf8),
                                               endlessChunk: [0x20], chunkInterval: 0.5)
            }
            return .text(story, type: "application/rss+xml")
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = TestConfig.path
        let daemon = try RunningDaemon(
            arguments: ["run", "--config", config, "--state-dir", folder + "/state", "--feed", server.url("/fast.xml"),
                        "--feed", server.url("/slow"), "--allow-private-networks", "--log-format", "json"],
            environment: [:])
        defer { if daemon.process.isRunning { daemon.process.terminate() } }
        #expect(daemon.wait { server.requests(to: "/slow").count == 1 && server.requests(to: "/fast.xml").count == 1 })
        Thread.sleep(forTimeInterval: 1)
        #expect(daemon.process.isRunning)
        let signalled = Date()
        daemon.signal(SIGTERM)
        #expect(daemon.wait(10) { !daemon.process.isRunning })
        #expect(Date().timeIntervalSince(signalled) < 10)
        #expect(daemon.process.terminationReason == .exit && daemon.process.terminationStatus == 0)
        #expect(daemon.events.contains { $0["event"] as? String == "alert" && $0["link"] as? String == "https://t.example/1" })
        // Committed: the story is in the state, so the next run does not alert it again.
        let again = try feedwatch(["once", "--config", config, "--state-dir", folder + "/state", "--feed", server.url("/fast.xml"),
                                   "--allow-private-networks", "--log-format", "json"])
        #expect(!jsonLines(again.stderr).contains { $0["event"] as? String == "alert" })
        #expect(again.stderr.contains("0 alert(s)"))
    }
}
