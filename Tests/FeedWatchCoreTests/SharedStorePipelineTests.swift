import FeedWatchConfiguration
import FeedWatchPipeline
import FeedWatchService
import FeedWatchStore
import Foundation
import Logging
import Testing
import TestSupport

/// Two instances polling one PostgreSQL store at once, each with its own connection, judge and
/// name, as two hosts would.
@Suite("Instances sharing a PostgreSQL store poll each feed once and alert each story once", .serialized)
struct SharedStorePipelineTests {
    /// An engine like `runtime`'s, named `name` (two in one process would otherwise share a name).
    func engine(_ runtime: FeedWatchRuntime, name: String) -> PollEngine {
        let engine = runtime.engine
        return PollEngine(store: engine.store, judge: engine.judge, classifier: engine.classifier, fetcher: engine.fetcher,
                          events: engine.events, maxAge: engine.maxAge, retention: engine.retention,
                          instance: InstanceRecord(name: name, host: "test", pid: 1, startedAt: Date()))
    }

    func runtime(store: String, feeds: [FeedSource], writer: CapturedLines, state: String) throws -> FeedWatchRuntime {
        let logger = Logger(label: "test") { _ in FeedWatchLogHandler(format: .json, priorityPrefix: false, level: .debug, writer: writer) }
        var overrides = RuntimeOverrides(configPath: TestConfig.path, stateDirectory: state, allowPrivateNetworks: true, storeURL: store)
        overrides.feedURLs = feeds.map(\.url)
        return try FeedWatchRuntime.load(overrides, logger: logger)
    }

    @Test("The same story in eight feeds, polled by two instances at once: one alert in all, every feed fetched once")
    func twoInstances() async throws {
        guard TestPostgres.available() else { return }
        let database = try TestPostgres.createDatabase()
        defer { TestPostgres.dropDatabase(database) }
        let wire = try fixture("wire.xml")
        let paths = (1...8).map { "/outlet\($0).xml" }
        let server = try PipelineTests.feedServer(Dictionary(uniqueKeysWithValues: paths.map { ($0, wire) }))
        let feeds = paths.map { FeedSource(name: $0, url: server.url($0)) }
        let state = try TemporaryFolder()
        let linesA = CapturedLines(), linesB = CapturedLines()
        let a = engine(try runtime(store: database, feeds: feeds, writer: linesA, state: state.path), name: "a")
        let b = engine(try runtime(store: database, feeds: feeds, writer: linesB, state: state.path), name: "b")

        // Each has feeds of its own (so each judges copies of the story) and two they compete for.
        // Polled as the daemon's schedule polls (15 min interval): a feed the other instance
        // has just polled is left alone even when the two polls do not overlap.
        async let first = a.poll(Array(feeds[0..<5]), scheduled: .seconds(900))
        async let second = b.poll(Array(feeds[3..<8]), scheduled: .seconds(900))
        let reports = try await [first, second]
        #expect(reports.allSatisfy { $0.newItems >= 3 * 3 })

        #expect(reports.map(\.alerts).reduce(0, +) == 1)
        #expect(linesA.events("alert").count + linesB.events("alert").count == 1)
        for path in paths { #expect(server.requests(to: path).count == 1, "\(path) fetched once") }
        // Every copy of the story is a duplicate of the one alert.
        let story = (linesA.events("alert") + linesB.events("alert")).first?["story"] as? String
        let copies = (linesA.events("duplicate") + linesB.events("duplicate")).filter { $0["story"] as? String == story }
        #expect(copies.count == 7)
        #expect(FileManager.default.fileExists(atPath: SQLiteStore.databasePath(in: state.path)) == false)
    }

    @Test("An alert another instance stored and never wrote is written by the next poll, marked as taken over, once")
    func takeOver() async throws {
        guard TestPostgres.available() else { return }
        let database = try TestPostgres.createDatabase()
        defer { TestPostgres.dropDatabase(database) }
        let state = try TemporaryFolder()
        let lines = CapturedLines()
        let feeds = [FeedSource(name: "none", url: "http://127.0.0.1:9/none.xml")]
        let runtime = try runtime(store: database, feeds: feeds, writer: lines, state: state.path)
        let past = Date().addingTimeInterval(-600)
        let entry = "{\"feed\":\"wire\",\"link\":\"https://wire.example/1\",\"matched\":[\"Houthi\"],\"published\":null,\"story\":\"0a1b2c3d4e5f\",\"tagTerms\":{},\"tags\":[\"houthis\"],\"title\":\"Held back\"}"
        let report = StoredReport(feedURL: "http://wire.example/feed", link: "https://wire.example/1", title: "Held back", judgedAt: past,
                                  kind: .alert, event: "0a1b2c3d4e5f", eventLabel: "https://wire.example/1", language: .en,
                                  eventDate: past, terms: .empty, alert: entry)
        _ = try runtime.engine.store.commit(CycleChanges(), at: past, claim: AlertClaim(instance: "dead", until: past.addingTimeInterval(120), after: 0)) { _ in [report] }

        let poller = engine(runtime, name: "alive")
        _ = try await poller.poll([])
        _ = try await poller.poll([])
        let alerts = lines.events("alert")
        #expect(alerts.count == 1)
        #expect(alerts.first?["title"] as? String == "Held back")
        #expect(alerts.first?["delivery"] as? String == "taken_over")
    }
}
