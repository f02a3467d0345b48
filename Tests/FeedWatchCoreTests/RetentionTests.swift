import FeedWatchConfiguration
import Foundation
import Synchronization
import Testing
import TestSupport

/// A year of polls on a clock the test controls, against a real local server.
@Suite("Retention: months of polling leave a bounded database and re-alert nothing", .serialized)
struct RetentionTests {
    static let ports = ["Hodeidah", "Aden", "Mukalla", "Salif", "Nishtun", "Mocha"]

    /// Day `day`'s stories: two a day, each a different cargo (figures and port differ), so each
    /// is its own event.
    static func stories(of day: Int, start: Date) -> [TestItem] {
        (0..<2).map { n in
            let tonnes = 10_000 + day * 37 + n * 5_003
            let port = ports[(day + n) % ports.count]
            let date = start.addingTimeInterval(Double(day) * 86_400 + Double(n) * 3_600)
            return TestItem(
                title: "Russian ship brings \(tonnes) tonnes of cargo number \(day * 2 + n) to \(port)",
                lead: "A Russian vessel carrying \(tonnes) tonnes docked at \(port) in Yemen, consignment \(day)-\(n), port officials said.",
                link: "https://port.example/\(day)/\(n)", published: httpDate(date))
        }
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    @Test("A year of polls every other day: identities and reports stay within their retention; a story still in its feed never alerts twice")
    func yearOfPolls() async throws {
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        let pinned = TestItem(title: "Houthi delegation meets Russian envoy in Moscow", lead: "A Houthi delegation met Russia's envoy in Moscow.",
                              link: "https://port.example/pinned", published: Self.httpDate(start))
        let today = Mutex(0)
        let server = try TestHTTPServer { _ in
            let day = today.withLock { $0 }
            // The feed shows the last five days' stories and one story it keeps pinned all year.
            let recent = (max(0, day - 4)...day).flatMap { Self.stories(of: $0, start: start) }
            return TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: rss([pinned] + recent))
        }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let feeds = [FeedSource(name: "port", url: server.url("/port.xml"))]
        let runtime = try identityRuntime(feeds: feeds, state: state.path, writer: lines)
        var largest = (items: 0, reports: 0, terms: 0)
        for day in stride(from: 0, through: 365, by: 2) {
            today.withLock { $0 = day }
            _ = try await runtime.engine.poll(runtime.feeds, now: start.addingTimeInterval(Double(day) * 86_400 + 43_200))
            let counts = try runtime.engine.store.rowCounts()
            largest = (max(largest.items, counts.items), max(largest.reports, counts.reports), max(largest.terms, counts.terms))
        }
        let retention = runtime.config.retention
        // Two stories a day: kept for 90 days after the feed last showed them (5 days), plus the pinned one.
        #expect(largest.items <= 2 * (retention.seenDays + 5 + 2) + 1, "\(largest)")
        #expect(largest.reports <= 2 * (retention.storyDays + 2) + 1, "\(largest)")
        #expect(largest.items < 2 * 366, "without retention every one of the year's items would be kept")
        // Every story was judged once: none came back as new after its identity was pruned.
        let judged = lines.events("alert") + lines.events("duplicate")
        let links = judged.compactMap { $0["link"] as? String }
        #expect(Set(links).count == links.count)
        #expect(links.filter { $0 == pinned.link }.count == 1)
        #expect(links.count == 2 * 365 + 1, "every story of the year (days 0 to 364) judged, each once")
        #expect(lines.all.contains { $0.contains("removed old state:") })
    }

    @Test("A feed that answers 304 for longer than seen_days keeps its items: when it changes, the old item does not alert again")
    func notModifiedOutlivesRetention() async throws {
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        let old = TestItem(title: "Houthi delegation meets Russian envoy in Moscow", lead: "A Houthi delegation met Russia's envoy in Moscow.",
                           link: "https://port.example/old", published: Self.httpDate(start))
        let version = Mutex(1)
        let server = try TestHTTPServer { request in
            let v = version.withLock { $0 }
            let etag = "\"v\(v)\""
            if request.headers["if-none-match"] == etag { return TestHTTPServer.Response(status: 304, headers: [("ETag", etag)]) }
            var items = [old]
            if v == 2 { items += Self.stories(of: 120, start: start) }
            return TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml"), ("ETag", etag)], body: rss(items))
        }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let runtime = try identityRuntime(feeds: [FeedSource(name: "f", url: server.url("/f.xml"))], state: state.path, writer: lines)
        for day in stride(from: 0, through: 118, by: 2) {
            _ = try await runtime.engine.poll(runtime.feeds, now: start.addingTimeInterval(Double(day) * 86_400))
        }
        version.withLock { $0 = 2 }
        _ = try await runtime.engine.poll(runtime.feeds, now: start.addingTimeInterval(120 * 86_400))
        let links = lines.events("alert").compactMap { $0["link"] as? String }
        #expect(links.filter { $0 == old.link }.count == 1, "\(links)")
    }

    @Test("After a long stop, one feed's first poll does not prune another feed's items before that feed is read")
    func longStopOtherFeed() async throws {
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        let pinned = TestItem(title: "Houthi delegation meets Russian envoy in Moscow", lead: "A Houthi delegation met Russia's envoy in Moscow.",
                              link: "https://b.example/pinned", published: Self.httpDate(start))
        let server = try TestHTTPServer { request in
            TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: rss(request.path == "/b.xml" ? [pinned] : []))
        }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let a = FeedSource(name: "a", url: server.url("/a.xml")), b = FeedSource(name: "b", url: server.url("/b.xml"))
        let runtime = try identityRuntime(feeds: [a, b], state: state.path, writer: lines)
        _ = try await runtime.engine.poll([a, b], now: start)
        // Stopped for 100 days; on restart feed a happens to be due a few seconds before feed b.
        let back = start.addingTimeInterval(100 * 86_400)
        _ = try await runtime.engine.poll([a], now: back)
        _ = try await runtime.engine.poll([b], now: back.addingTimeInterval(5))
        let links = lines.events("alert").compactMap { $0["link"] as? String }
        #expect(links.filter { $0 == pinned.link }.count == 1, "\(links)")
    }
}
