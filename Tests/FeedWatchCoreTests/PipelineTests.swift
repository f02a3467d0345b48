import FeedWatchConfiguration
import FeedWatchPipeline
import Foundation
import Testing
import TestSupport

@Suite("The poll pipeline end to end, against a real local HTTP server", .serialized)
struct PipelineTests {
    /// Serves fixtures with ETags and answers a matching If-None-Match with 304.
    static func feedServer(_ routes: [String: [UInt8]]) throws -> TestHTTPServer {
        try TestHTTPServer { request in
            guard let body = routes[request.path] else { return .text("<html><body>Not Found</body></html>", status: 404, type: "text/html") }
            let etag = "\"\(body.count)-\(body.reduce(0) { ($0 &* 31) &+ Int($1) })\""
            if request.headers["if-none-match"] == etag { return TestHTTPServer.Response(status: 304, headers: [("ETag", etag)]) }
            return TestHTTPServer.Response(headers: [("Content-Type", "application/xml"), ("ETag", etag)], body: body)
        }
    }

    @Test("First poll alerts the new story, names the seed a republished story copies, and stays silent otherwise; the second poll alerts nothing and gets 304s")
    func twoPolls() async throws {
        let server = try Self.feedServer(["/wire.xml": try fixture("wire.xml"), "/echo.atom": try fixture("echo.atom")])
        let state = try TemporaryFolder()
        let lines = CapturedLines()
        // The echo (a later copy) is listed first: items are judged oldest first across feeds, so
        // the wire story, published earlier, is the original.
        let feeds = [FeedSource(name: server.url("/echo.atom"), url: server.url("/echo.atom")),
                     FeedSource(name: server.url("/wire.xml"), url: server.url("/wire.xml"))]
        let runtime = try testRuntime(feeds: feeds, state: state.path, writer: lines)

        let first = try await runtime.engine.poll(runtime.feeds)
        #expect(first.alerts == 1)
        #expect(first.duplicates == 2)
        let alerts = lines.events("alert")
        #expect(alerts.map { $0["title"] as? String } == ["Houthi delegation holds talks with Russian officials in Moscow on Red Sea shipping"])
        #expect(alerts.first?["published"] as? String == "2025-03-03T07:00:00Z")
        let tags = Set(alerts.first?["tags"] as? [String] ?? [])
        #expect(tags.isSuperset(of: ["houthis", "diplomacy", "shipping"]))
        let duplicates = lines.events("duplicate")
        // A duplicate carries the tags of its own headline and lead.
        let echoTags = Set(duplicates.last?["tags"] as? [String] ?? [])
        #expect(echoTags.isSuperset(of: ["houthis", "diplomacy"]))
        #expect(duplicates.map { $0["duplicate_of"] as? String } == [
            "officer-training.txt",  // the republished seed, at another outlet under a new title
            "https://wire.example/2025/03/houthi-moscow-talks?fbclid=abc123",  // the echo of the alerted story
        ])
        #expect(lines.events("fetch_failed").isEmpty)

        let second = try await runtime.engine.poll(runtime.feeds)
        #expect(second.alerts == 0 && second.duplicates == 0 && second.newItems == 0)
        #expect(second.notModified == 2)
        #expect(lines.events("alert").count == 1)
        let wireRequests = server.requests(to: "/wire.xml")
        #expect(wireRequests.count == 2)
        #expect(wireRequests.last?.headers["if-none-match"] != nil)
    }

    @Test("max_age records old items as seen without alerting them")
    func maxAge() async throws {
        let server = try Self.feedServer(["/wire.xml": try fixture("wire.xml")])
        let state = try TemporaryFolder()
        let lines = CapturedLines()
        let feeds = [FeedSource(name: "wire", url: server.url("/wire.xml"))]
        let runtime = try testRuntime(feeds: feeds, state: state.path, writer: lines)
        let engine = PollEngine(store: runtime.engine.store, judge: runtime.engine.judge,
                                classifier: runtime.engine.classifier, fetcher: runtime.engine.fetcher,
                                events: runtime.engine.events, maxAge: .seconds(86_400))
        // The fixture's items are from March 2025; "now" is a year later.
        let report = try await engine.poll(feeds, now: Date(timeIntervalSince1970: 1_772_000_000))
        #expect(report.newItems == 3)
        #expect(report.alerts == 0 && report.duplicates == 0)
        let again = try await engine.poll(feeds, now: Date(timeIntervalSince1970: 1_772_000_000))
        #expect(again.newItems == 0)
    }

    @Test("State survives a restart: a new process with the same state folder alerts nothing again")
    func restart() async throws {
        let server = try Self.feedServer(["/wire.xml": try fixture("wire.xml")])
        let state = try TemporaryFolder()
        let feeds = [FeedSource(name: "wire", url: server.url("/wire.xml"))]
        let firstLines = CapturedLines()
        _ = try await testRuntime(feeds: feeds, state: state.path, writer: firstLines).engine.poll(feeds)
        #expect(firstLines.events("alert").count == 1)
        // The server forgets its ETags (as after a redeploy): the items themselves must be known.
        let fresh = try TestHTTPServer { _ in TestHTTPServer.Response(headers: [("Content-Type", "application/xml")], body: (try? fixture("wire.xml")) ?? []) }
        let secondLines = CapturedLines()
        let moved = [FeedSource(name: "wire", url: fresh.url("/wire.xml"))]
        let report = try await testRuntime(feeds: moved, state: state.path, writer: secondLines).engine.poll(moved)
        // Another feed URL: the items are new to it, but the stories are known from history and seeds.
        #expect(report.alerts == 0)
        #expect(secondLines.events("duplicate").count == 2)
    }

    @Test("A JSON Feed is polled like RSS and Atom: its story alerts with the contract's fields, the next poll gets a 304")
    func jsonFeed() async throws {
        let json = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Desk", "home_page_url": "https://desk.example/",
             "items": [{"id": "d-1", "url": "/2025/04/wheat", "title": "Russia and Yemen's government sign a wheat supply deal in Aden",
                        "content_html": "<p>Russian officials and Yemen's government signed a wheat supply deal in Aden on Monday.</p>",
                        "date_published": "2025-04-07T09:15:00+03:00", "tags": ["Economy"]}]}
            """
        let server = try TestHTTPServer { request in
            let body = Array(json.utf8)
            if request.headers["if-none-match"] == "\"j1\"" { return TestHTTPServer.Response(status: 304, headers: [("ETag", "\"j1\"")]) }
            return TestHTTPServer.Response(headers: [("Content-Type", "application/feed+json"), ("ETag", "\"j1\"")], body: body)
        }
        let state = try TemporaryFolder()
        let lines = CapturedLines()
        let feeds = [FeedSource(name: "desk", url: server.url("/feed.json"))]
        let runtime = try testRuntime(feeds: feeds, state: state.path, writer: lines)
        let first = try await runtime.engine.poll(runtime.feeds)
        #expect(first.alerts == 1)
        let alert = try #require(lines.events("alert").first)
        #expect(alert["title"] as? String == "Russia and Yemen's government sign a wheat supply deal in Aden")
        #expect(alert["link"] as? String == server.url("/2025/04/wheat"))
        #expect(alert["published"] as? String == "2025-04-07T06:15:00Z")
        #expect(Set(alert["tags"] as? [String] ?? []).isSuperset(of: ["economy", "government"]))
        #expect(lines.events("fetch_failed").isEmpty)
        let second = try await runtime.engine.poll(runtime.feeds)
        #expect(second.notModified == 1 && second.alerts == 0)
    }

    @Test("A malformed feed, a 404, an HTML page and a closed port each get one warning naming the feed, and the good feed still alerts")
    func badInput() async throws {
        let server = try Self.feedServer([
            "/wire.xml": try fixture("wire.xml"),
            "/not-xml": try fixture("not-xml.txt"),
            "/page.html": Array("<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>".utf8),
            "/truncated.xml": Array("<rss version=\"2.0\"><channel><title>Cut</title><item><title>Cut story".utf8),
        ])
        let closed = try TestHTTPServer.unusedPort()
        let state = try TemporaryFolder()
        let lines = CapturedLines()
        let urls = [server.url("/not-xml"), server.url("/missing.xml"), server.url("/page.html"),
                    "http://127.0.0.1:\(closed)/feed.xml", server.url("/truncated.xml"), server.url("/wire.xml")]
        let runtime = try testRuntime(feeds: urls.map { FeedSource(name: $0, url: $0) }, state: state.path, writer: lines)
        let report = try await runtime.engine.poll(runtime.feeds)

        // One record per failing feed (in the order the downloads finished).
        let failures = lines.events("fetch_failed")
        #expect(failures.count == 4)
        func error(_ url: String) -> String { failures.first { $0["feed"] as? String == url }?["error"] as? String ?? "" }
        #expect(error(urls[0]).contains("not a feed"))
        #expect(error(urls[1]).contains("404"))
        #expect(error(urls[2]).contains("HTML page"))
        #expect(error(urls[3]).contains("connect"))
        let warnings = lines.events("feed_warning")
        #expect(warnings.compactMap { $0["feed"] as? String } == [urls[4]])
        #expect(report.failed == 4)
        #expect(lines.events("alert").count == 1)
    }
}
