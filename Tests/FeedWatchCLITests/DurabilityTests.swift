import Foundation
import Synchronization
import Testing
import TestSupport

/// Feeds that grow by two distinct Yemen–Russia stories per feed at each epoch; stories never
/// leave, so whatever a killed poll did not commit is served again.
final class GrowingFeeds: Sendable {
    static let feedCount = 10
    let feedCount: Int
    private let items: [[String]]
    private let epoch = Mutex(0)

    init(epochs: Int, feeds: Int = GrowingFeeds.feedCount) {
        feedCount = feeds
        var rng = SystemRandomNumberGenerator()
        items = (0..<feeds).map { f in
            (0..<(2 * epochs)).map { i in
                let words = (0..<12).map { _ in "w\(UInt32.random(in: 0...UInt32.max, using: &rng))" }.joined(separator: " ")
                let minute = String(format: "%02d", i % 60), hour = String(format: "%02d", i / 60)
                return "<item><title>Houthi delegation meets Russian envoy in Moscow \(f)-\(i)</title>"
                    + "<link>https://d.example/\(f)/\(i)</link><pubDate>Mon, 03 Mar 2025 \(hour):\(minute):\(String(format: "%02d", f)) GMT</pubDate>"
                    + "<description>The talks in Moscow covered \(words).</description></item>"
            }
        }
    }

    func advance(to value: Int) { epoch.withLock { $0 = value } }

    func body(_ path: String) -> [UInt8] {
        guard path.hasPrefix("/feed"), let f = Int(path.dropFirst(5).dropLast(4)), f < items.count else { return [] }
        let count = min(items[f].count, 2 * (epoch.withLock { $0 } + 1))
        return Array(("<rss version=\"2.0\"><channel><title>Feed \(f)</title>" + items[f][..<count].joined() + "</channel></rss>").utf8)
    }

    var paths: [String] { (0..<feedCount).map { "/feed\($0).xml" } }
}

@Suite("Durability", .serialized)
struct DurabilityTests {
    @Test("kill -9 at random points of 60 polls: no alert is ever lost and every restart accepts the state")
    func killNine() throws {
        let epochs = 60
        let feeds = GrowingFeeds(epochs: epochs)
        let server = try TestHTTPServer { request in
            TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: feeds.body(request.path))
        }
        let config = TestConfig.path
        let feedArguments = feeds.paths.flatMap { ["--feed", server.url($0)] }
        func once(state: String, log: String) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try feedwatchBinary())
            process.arguments = ["once", "--config", config, "--state-dir", state, "--allow-private-networks", "--log-format", "json"] + feedArguments
            if !FileManager.default.fileExists(atPath: log) { _ = FileManager.default.createFile(atPath: log, contents: nil) }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            try handle.seekToEnd()
            process.standardError = handle
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        func alerts(_ log: String) -> [String] {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return jsonLines(text).filter { $0["event"] as? String == "alert" }.compactMap { $0["link"] as? String }
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let state = folder + "/killed", log = folder + "/killed.log"
        var killed = 0
        var typical = 0.3
        for epoch in 0..<epochs {
            feeds.advance(to: epoch)
            let started = Date()
            let process = try once(state: state, log: log)
            Thread.sleep(forTimeInterval: Double.random(in: 0...(typical * 1.1)))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            } else {
                typical = Date().timeIntervalSince(started)
            }
            process.waitUntilExit()
            if process.terminationReason == .exit {
                #expect(process.terminationStatus == 0, "a restart refused the state left by kill -9")
            }
        }
        let final = try once(state: state, log: log)
        final.waitUntilExit()
        #expect(final.terminationStatus == 0)
        #expect(killed >= 50, "only \(killed) polls were killed mid-way")
        print("durability: \(killed) of \(epochs) polls killed with SIGKILL at random points")

        // The reference: one uninterrupted poll of the same final feeds on fresh state.
        let reference = try once(state: folder + "/reference", log: folder + "/reference.log")
        reference.waitUntilExit()
        let expected = Set(alerts(folder + "/reference.log"))
        #expect(expected.count == GrowingFeeds.feedCount * 2 * epochs)
        #expect(Set(alerts(log)) == expected, "every story alerted at least once, and nothing else")

        let after = try once(state: state, log: folder + "/after.log")
        after.waitUntilExit()
        #expect(alerts(folder + "/after.log").isEmpty, "once committed, nothing alerts again")
    }
}
