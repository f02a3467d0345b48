import FeedWatchConfiguration
import FeedWatchOutput
import FeedWatchPipeline
import FeedWatchStore
import Foundation
import Synchronization
import Testing
import TestSupport

private let story = """
    <rss version="2.0"><channel><title>Wire</title>
    <item><title>Houthi delegation holds talks with Russian officials in Moscow on Red Sea shipping</title>
    <link>https://l.example/1</link><description>A delegation of Yemen's Houthi movement held talks in Moscow.</description></item>
    </channel></rss>
    """

@Suite("Feed lifecycle across polls, against real local servers", .serialized)
struct LifecycleTests {
    private func engine(_ feeds: [FeedSource], _ state: TemporaryFolder, _ lines: CapturedLines) throws -> PollEngine {
        try testRuntime(feeds: feeds, state: state.path, writer: lines).engine
    }

    @Test("301/308 are followed and the new address is used from then on; 302/307 are followed but not saved")
    func redirects() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/old": return TestHTTPServer.Response(status: 301, headers: [("Location", "/new")])
            case "/older": return TestHTTPServer.Response(status: 308, headers: [("Location", "/old")])
            case "/temp": return TestHTTPServer.Response(status: 302, headers: [("Location", "/new")])
            default: return .text(story)
            }
        }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let feeds = [FeedSource(name: "moved", url: server.url("/older")), FeedSource(name: "temp", url: server.url("/temp"))]
        let engine = try engine(feeds, state, lines)
        _ = try await engine.poll(feeds)
        let states = try engine.store.feedStates(feeds.map(\.url))
        #expect(states[server.url("/older")]?.movedTo == server.url("/new"))
        #expect(states[server.url("/temp")]?.movedTo == nil)
        #expect(lines.all.contains { $0.contains("now lives at \(server.url("/new")) (moved permanently)") })
        _ = try await engine.poll(feeds)
        #expect(server.requests(to: "/older").count == 1)  // the second poll went straight to /new
        #expect(server.requests(to: "/temp").count == 2)
        let config = try testRuntime(feeds: feeds, state: state.path, writer: lines).config
        let status = try StatusReport(config: config, feeds: feeds, store: engine.store)
        #expect(status.rows.first { $0.url == feeds[0].url }?.movedTo == server.url("/new"))
        #expect(status.text.contains("now at        \(server.url("/new"))"))
    }

    @Test("410 Gone retires the feed: later polls skip it, --force tries again")
    func gone() async throws {
        let server = try TestHTTPServer { _ in .text("gone", status: 410, type: "text/plain") }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let feeds = [FeedSource(name: "gone", url: server.url("/gone"))]
        let engine = try engine(feeds, state, lines)
        let first = try await engine.poll(feeds)
        #expect(first.failed == 1)
        #expect((lines.events("fetch_failed").first?["error"] as? String)?.contains("retired") == true)
        #expect(try engine.store.feedStates(feeds.map(\.url))[feeds[0].url]?.retiredAt != nil)
        let second = try await engine.poll(feeds, announceSkips: true)
        #expect(second.skipped == 1)
        #expect(server.requests.count == 1)
        #expect(lines.all.contains { $0.contains("skipped: retired after 410 Gone") })
        let config = try testRuntime(feeds: feeds, state: state.path, writer: lines).config
        let status = try StatusReport(config: config, feeds: feeds, store: engine.store)
        #expect(status.rows.first?.retiredAt != nil && status.rows.first?.nextPoll == nil)
        #expect(status.text.contains("retired       410 Gone") && !status.text.contains("next poll"))
        _ = try await engine.poll(feeds, force: true)
        #expect(server.requests.count == 2)
    }

    @Test("429 and 503 with Retry-After (seconds or HTTP date) hold back every feed of that host:port")
    func retryAfter() async throws {
        let limited = try TestHTTPServer { request in
            request.path == "/a" ? TestHTTPServer.Response(status: 429, headers: [("Retry-After", "120")]) : .text(story)
        }
        let unavailable = try TestHTTPServer { _ in
            TestHTTPServer.Response(status: 503, headers: [("Retry-After", "Fri, 31 Dec 2100 23:59:59 GMT")])
        }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let feeds = [FeedSource(name: "a", url: limited.url("/a")), FeedSource(name: "b", url: limited.url("/b")),
                     FeedSource(name: "c", url: unavailable.url("/c"))]
        let engine = try engine(feeds, state, lines)
        _ = try await engine.poll(feeds)
        #expect((lines.events("fetch_failed").first?["error"] as? String)?.contains("asks to wait until") == true)
        let waits = try engine.store.hostWaits(after: Date())
        #expect(waits.count == 2)
        // An HTTP date in 2100 is held to a week: the wait is stored and holds the host across restarts.
        #expect(waits["127.0.0.1:\(unavailable.port)"].map { $0 > Date().addingTimeInterval(6 * 86_400) && $0 <= Date().addingTimeInterval(7 * 86_400 + 60) } == true)
        let second = try await engine.poll(feeds, announceSkips: true)
        #expect(second.skipped == 3)  // /b shares the host:port that asked to wait
        #expect(limited.requests.count == 2 && unavailable.requests.count == 1)
        // One line per host that asked to wait, not one per feed.
        #expect(lines.all.filter { $0.contains("skipped (") && $0.contains("Retry-After") }.count == 2)
        #expect(lines.all.contains { $0.contains("2 feed(s) on 127.0.0.1:\(limited.port) skipped (a, b)") })
    }

    @Test("A poll cancelled during its first fetch window starts no further window, and commits what it fetched")
    func cancelledBetweenWindows() async throws {
        let server = try TestHTTPServer { request in
            if request.path == "/fast.xml" { return .text(story) }
            return TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: Array("<rss>".utf8),
                                           endlessChunk: [0x20], chunkInterval: 0.5)
        }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let runtime = try testRuntime(feeds: [], state: state.path, writer: lines)
        let window = max(8, runtime.engine.fetcher.policy.maxConcurrent * 2)
        let feeds = [FeedSource(name: "fast", url: server.url("/fast.xml"))]
            + (0..<(window * 2)).map { FeedSource(name: "slow\($0)", url: server.url("/slow\($0)")) }
        let engine = runtime.engine
        let poll = Task { try await engine.poll(feeds) }
        while server.requests(to: "/fast.xml").isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(300))
        poll.cancel()
        let report = try await poll.value
        #expect(server.requests.count <= window, "a second window was fetched: \(server.requests.count) requests")
        #expect(report.alerts == 1)
        #expect(try engine.store.feedStates([feeds[0].url])[feeds[0].url]?.lastSuccessAt != nil)
    }

    @Test("Backoff, the feed's own floor and Retry-After are stored, so a restarted daemon and status schedule alike")
    func scheduleSurvivesRestart() async throws {
        let failing = Mutex(true)
        let server = try TestHTTPServer { request in
            if request.path == "/ttl" { return .text(story.replacingOccurrences(of: "<title>Wire</title>", with: "<title>Wire</title><ttl>120</ttl>")) }
            return failing.withLock { $0 } ? .text("oops", status: 500, type: "text/plain") : .text(story)
        }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let feeds = [FeedSource(name: "flaky", url: server.url("/flaky")), FeedSource(name: "slow", url: server.url("/ttl"))]
        let engine = try engine(feeds, state, lines)
        let t0 = Date()
        for n in 0..<3 { _ = try await engine.poll(feeds, now: t0.addingTimeInterval(Double(n))) }
        // A new process: only what the database holds.
        let store = try #require(try SQLiteStore.readOnly(directory: state.path))
        let config = try testRuntime(feeds: feeds, state: state.path, writer: lines).config
        let status = try StatusReport(config: config, feeds: feeds, store: store, now: t0.addingTimeInterval(60))
        let flaky = try #require(status.rows.first { $0.name == "flaky" })
        let last = t0.addingTimeInterval(2)
        #expect(flaky.consecutiveFailures == 3 && flaky.backoff == .seconds(3600))
        #expect(flaky.nextPoll.map { $0 >= last.addingTimeInterval(3600) && $0 <= last.addingTimeInterval(3960) } == true)
        let slow = try #require(status.rows.first { $0.name == "slow" })
        #expect(slow.intervalFloor == .seconds(7200))
        #expect(slow.nextPoll.map { $0 >= last.addingTimeInterval(3600) } == true)
        let states = try store.feedStates(feeds.map(\.url))
        #expect(flaky.nextPoll == FeedSchedule.next(url: feeds[0].url, interval: config.pollInterval, state: states[feeds[0].url],
                                                    now: t0.addingTimeInterval(60), spread: false).date)
    }

    @Test("Failures count up in state and back off; the first success resets them")
    func backoff() async throws {
        let failing = Mutex(true)
        let server = try TestHTTPServer { _ in failing.withLock { $0 } ? .text("oops", status: 500, type: "text/plain") : .text(story) }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let feeds = [FeedSource(name: "flaky", url: server.url("/flaky"))]
        let engine = try engine(feeds, state, lines)
        _ = try await engine.poll(feeds)
        _ = try await engine.poll(feeds)
        #expect(try engine.store.feedStates(feeds.map(\.url))[feeds[0].url]?.consecutiveFailures == 2)
        failing.withLock { $0 = false }
        _ = try await engine.poll(feeds)
        #expect(try engine.store.feedStates(feeds.map(\.url))[feeds[0].url]?.consecutiveFailures == 0)
    }

    @Test("A web page that announces its feed is followed to it, and the feed's address is kept")
    func autodiscovery() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/": return .text("<!DOCTYPE html><html><head><title>Outlet</title><link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"/rss.xml\"></head><body>Hi</body></html>", type: "text/html")
            default: return .text(story)
            }
        }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let feeds = [FeedSource(name: "outlet", url: server.url("/"))]
        let engine = try engine(feeds, state, lines)
        let first = try await engine.poll(feeds)
        #expect(first.alerts == 1)
        #expect(lines.all.contains { $0.contains("is a web page that announces the feed \(server.url("/rss.xml"))") })
        #expect(try engine.store.feedStates(feeds.map(\.url))[feeds[0].url]?.movedTo == server.url("/rss.xml"))
        _ = try await engine.poll(feeds)
        #expect(server.requests(to: "/").count == 1)
        #expect(server.requests(to: "/rss.xml").count == 2)
    }
}
