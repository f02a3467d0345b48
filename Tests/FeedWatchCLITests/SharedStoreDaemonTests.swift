import Foundation
import Testing
import TestSupport

/// Three `feedwatch run` processes on one PostgreSQL database, as three hosts would run them, with
/// one killed by SIGKILL while the feeds grow.
@Suite("Several instances on PostgreSQL", .serialized)
struct SharedStoreDaemonTests {
    /// The test config with a 1 s poll interval, loopback feeds allowed, and the shared store with
    /// short leases and claims, so a dead instance's work is taken over within seconds.
    func config(store: String, feedsFile: String, in folder: String) throws -> String {
        var text = try String(contentsOfFile: TestConfig.path, encoding: .utf8)
        text = text.replacingOccurrences(of: "poll_interval: 15m", with: "poll_interval: 1s")
            .replacingOccurrences(of: "seeds_dir: seeds", with: "seeds_dir: \(TestConfig.seedsDirectory)")
            .replacingOccurrences(of: "allow_private_networks: false", with: "allow_private_networks: true")
        text += "\nstore:\n  url: \(store)\n  lease: 10s\n  claim: 5s\n"
        let path = folder + "/feedwatch.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func start(config: String, feedsFile: String, log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try feedwatchBinary())
        process.arguments = ["run", "--config", config, "--feeds-file", feedsFile, "--log-format", "json"]
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The alert records in `log`.
    func alerts(_ log: String) -> [[String: Any]] {
        jsonLines((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").filter { $0["event"] as? String == "alert" }
    }

    /// Waits until the logs together alert `count` distinct stories; false on timeout.
    func waitForStories(_ count: Int, in logs: [String], seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if Set(logs.flatMap { alerts($0).compactMap { $0["link"] as? String } }).count >= count { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
    }

    @Test("50 feeds, three instances, one killed mid-poll: every story alerted, exactly once outside the killed one's last moments")
    func threeInstancesOneKilled() throws {
        guard TestPostgres.available() else { return }
        let database = try TestPostgres.createDatabase()
        defer { TestPostgres.dropDatabase(database) }
        let feeds = GrowingFeeds(epochs: 3, feeds: 50)
        let server = try TestHTTPServer { request in
            TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: feeds.body(request.path))
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let feedsFile = folder + "/feeds.txt"
        try feeds.paths.map(server.url).joined(separator: "\n").write(toFile: feedsFile, atomically: true, encoding: .utf8)
        let config = try config(store: database, feedsFile: feedsFile, in: folder)
        let logs = (0..<3).map { folder + "/instance\($0).log" }
        let started = Date()
        let instances = try logs.map { try start(config: config, feedsFile: feedsFile, log: $0) }
        defer { for process in instances where process.isRunning { process.terminate(); process.waitUntilExit() } }

        #expect(waitForStories(100, in: logs, seconds: 60), "the first 100 stories were not all alerted")
        feeds.advance(to: 1)
        Thread.sleep(forTimeInterval: Double.random(in: 0.2...1.2))
        kill(instances[0].processIdentifier, SIGKILL)
        instances[0].waitUntilExit()
        #expect(waitForStories(200, in: logs, seconds: 90), "the stories of the killed instance's last poll were not all alerted")
        feeds.advance(to: 2)
        #expect(waitForStories(300, in: logs, seconds: 60), "the two survivors did not alert the last 100 stories")
        Thread.sleep(forTimeInterval: 3)  // a later poll would show any repeat

        let records = logs.enumerated().flatMap { index, log in alerts(log).map { (index, $0) } }
        let byStory = Dictionary(grouping: records) { $0.1["link"] as? String ?? "" }
        #expect(byStory.count == 300)
        // A story may appear twice only when the killed instance wrote it just before it died and
        // a survivor, finding it undelivered, wrote it again.
        for (link, copies) in byStory where copies.count > 1 {
            let killedWrote = copies.contains { $0.0 == 0 }
            let takenOver = copies.filter { $0.1["delivery"] as? String == "taken_over" }.count
            #expect(copies.count == 2 && killedWrote && takenOver == 1, "\(link) alerted \(copies.count) times")
        }
        // Three instances on a 1 s interval, each on its own schedule, would fetch every feed up
        // to three times a second; sharing the schedule through the store, about once (measured:
        // 17 fetches in 17 s).
        let elapsed = Date().timeIntervalSince(started)
        let busiest = feeds.paths.map { server.requests(to: $0).count }.max() ?? 0
        #expect(Double(busiest) <= 1.5 * elapsed + 3, "a feed was fetched \(busiest) times in \(Int(elapsed)) s")
        print("several instances: \(records.count) alert records for \(byStory.count) stories; \(records.filter { $0.1["delivery"] as? String == "taken_over" }.count) taken over; busiest feed fetched \(busiest) times in \(Int(elapsed)) s")
    }
}
