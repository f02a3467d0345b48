import FeedWatchConfiguration
import FeedWatchService
import FeedWatchStore
import Foundation
import Logging
import StoryMatching
import Testing
import TestSupport

/// One item of a test feed.
struct TestItem {
    var title: String
    var lead: String
    var link: String
    var published: String
}

/// An RSS 2.0 document with `items`, newest first as feeds list them.
func rss(_ items: [TestItem]) -> [UInt8] {
    func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
    let body = items.reversed().map { item in
        "<item><title>\(escape(item.title))</title><link>\(escape(item.link))</link><guid>\(escape(item.link))</guid>"
            + "<pubDate>\(item.published)</pubDate><description>\(escape(item.lead))</description></item>"
    }.joined()
    return Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title><link>https://t.example/</link>\(body)</channel></rss>".utf8)
}

/// The story-identity test config (`Fixtures/identity`: its own terms, two actors, one dated seed).
func identityRuntime(feeds: [FeedSource], state: String, writer: CapturedLines) throws -> FeedWatchRuntime {
    let config = try #require(Bundle.module.url(forResource: "feedwatch", withExtension: "yaml", subdirectory: "Fixtures/identity"))
    return try runtime(config: config.path, feeds: feeds, state: state, writer: writer)
}

@Suite("One alert per real-world event, through the real pipeline", .serialized)
struct EventIdentityPipelineTests {
    /// Polls `feeds` (path -> items) once and returns the log's alert and duplicate records by title.
    static func poll(_ feeds: [String: [TestItem]], state: TemporaryFolder) async throws -> (alerts: [String: [String: Any]], duplicates: [String: [String: Any]]) {
        let server = try TestHTTPServer { request in
            guard let items = feeds[request.path] else { return .text("missing", status: 404, type: "text/plain") }
            return TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: rss(items))
        }
        let lines = CapturedLines()
        let sources = feeds.keys.sorted().map { FeedSource(name: $0, url: server.url($0)) }
        let runtime = try identityRuntime(feeds: sources, state: state.path, writer: lines)
        _ = try await runtime.engine.poll(runtime.feeds)
        func byTitle(_ event: String) -> [String: [String: Any]] {
            Dictionary(lines.events(event).map { ($0["title"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        }
        return (byTitle("alert"), byTitle("duplicate"))
    }

    static let meeting = TestItem(
        title: "Bogdanov meets Houthi negotiator Abdul Salam in Moscow",
        lead: "Russian Deputy Foreign Minister Mikhail Bogdanov met Houthi negotiator Mohammed Abdul Salam in Moscow on Tuesday to discuss a prisoner exchange mediated by Oman.",
        link: "https://wire.example/bogdanov-abdul-salam", published: "Tue, 04 Mar 2025 09:00:00 GMT")

    @Test("A short item copied word for word under a new headline is a duplicate of the first report, with its story id")
    func copiedUnderNewHeadline() async throws {
        let copy = TestItem(title: "Prisoner swap on the table in the Russian capital", lead: Self.meeting.lead,
                            link: "https://daily.example/2025/03/04/prisoner-swap", published: "Tue, 04 Mar 2025 13:30:00 GMT")
        let state = try TemporaryFolder()
        let (alerts, duplicates) = try await Self.poll(["/wire.xml": [Self.meeting], "/daily.xml": [copy]], state: state)
        let alert = try #require(alerts[Self.meeting.title])
        let duplicate = try #require(duplicates[copy.title])
        #expect(alerts.count == 1)
        #expect(duplicate["duplicate_of"] as? String == Self.meeting.link)
        #expect(duplicate["story"] as? String == alert["story"] as? String)
        #expect((alert["story"] as? String)?.count == 12)
    }

    @Test("A rewrite by another outlet the next day joins the event; the same actors at a new meeting weeks later alert")
    func rewriteAndNewMeeting() async throws {
        let rewrite = TestItem(
            title: "Houthi envoy Abdulsalam holds talks with Russia's Bogdanov",
            lead: "Abdulsalam, who leads the Ansar Allah negotiators, discussed an Oman-mediated prisoner exchange with Bogdanov in Moscow, the Russian foreign ministry said.",
            link: "https://gulf.example/abdulsalam-bogdanov", published: "Wed, 05 Mar 2025 07:15:00 GMT")
        let later = TestItem(
            title: "Bogdanov hosts Abdul Salam again in Moscow",
            lead: "Russian Deputy Foreign Minister Mikhail Bogdanov met Houthi negotiator Mohammed Abdul Salam in Moscow on Monday to discuss fuel imports through Hodeidah and flights to Sanaa.",
            link: "https://wire.example/bogdanov-abdul-salam-april", published: "Mon, 21 Apr 2025 10:00:00 GMT")
        let state = try TemporaryFolder()
        let (alerts, duplicates) = try await Self.poll(["/wire.xml": [Self.meeting, later], "/gulf.xml": [rewrite]], state: state)
        #expect(Set(alerts.keys) == [Self.meeting.title, later.title])
        #expect(duplicates[rewrite.title]?["duplicate_of"] as? String == Self.meeting.link)
        #expect(alerts[later.title]?["story"] as? String != alerts[Self.meeting.title]?["story"] as? String)
    }

    @Test("Different events with the same actors in the same week stay apart")
    func sameWeekOtherEvent() async throws {
        let grain = TestItem(
            title: "Russian ambassador and Yemen's foreign minister discuss wheat imports in Aden",
            lead: "Russia's ambassador met Yemen's foreign minister in Aden on Monday to discuss Russian wheat imports and new grain contracts for the port.",
            link: "https://aden.example/ambassador-wheat", published: "Mon, 12 May 2025 09:00:00 GMT")
        let banknotes = TestItem(
            title: "Russian ambassador meets Aden central bank chief on banknotes",
            lead: "Russia's ambassador met the governor of Yemen's central bank in Aden on Tuesday to discuss printing new banknotes in Russia.",
            link: "https://aden.example/ambassador-banknotes", published: "Tue, 13 May 2025 11:00:00 GMT")
        let state = try TemporaryFolder()
        let (alerts, duplicates) = try await Self.poll(["/aden.xml": [grain, banknotes]], state: state)
        #expect(Set(alerts.keys) == [grain.title, banknotes.title])
        #expect(duplicates.isEmpty)
    }

    @Test("A dated seed's event: rewrites of its days are duplicates naming the seed; months later only a near copy is, and the seed comes first")
    func datedSeed() async throws {
        let rewrite = TestItem(
            title: "Volga Star unloads Russian grain at Houthi-run Hodeidah",
            lead: "The Volga Star is unloading 48,000 tonnes of Russian wheat at Hodeidah for millers in Sanaa, port officials said on Tuesday.",
            link: "https://port.example/volga-star", published: "Tue, 11 Feb 2025 08:00:00 GMT")
        let newShip = TestItem(
            title: "Second Russian grain carrier of the season berths at Hodeidah",
            lead: "The Don Trader, carrying 45,000 tonnes of Russian wheat, berthed at Hodeidah on Friday after a ten-day wait for inspection, port officials in Sanaa said.",
            link: "https://port.example/volga-star-september", published: "Fri, 05 Sep 2025 08:00:00 GMT")
        let republished = TestItem(
            title: "From the archive: Russian wheat at Hodeidah",
            lead: "The bulk carrier Volga Star docked at Hodeidah on Monday with 48,000 tonnes of Russian wheat for millers in Sanaa, the port authority said. The cargo was loaded at Novorossiysk three weeks ago.",
            link: "https://archive.example/volga-star", published: "Mon, 08 Sep 2025 08:00:00 GMT")
        let state = try TemporaryFolder()
        let (alerts, duplicates) = try await Self.poll(["/port.xml": [rewrite, newShip], "/archive.xml": [republished]], state: state)
        #expect(duplicates[rewrite.title]?["duplicate_of"] as? String == "wheat-convoy.txt")
        #expect(duplicates[rewrite.title]?["story"] as? String == "seed:wheat-convoy")
        #expect(alerts[newShip.title] != nil)
        #expect(duplicates[republished.title]?["duplicate_of"] as? String == "wheat-convoy.txt")
    }

    @Test("An event's window counts from its first report: rewrites three days apart cannot carry it forward a week")
    func windowFromEventStart() async throws {
        let rewrite = TestItem(
            title: "Houthi envoy Abdulsalam holds talks with Russia's Bogdanov",
            lead: "Abdulsalam, who leads the Ansar Allah negotiators, discussed an Oman-mediated prisoner exchange with Bogdanov in Moscow, the Russian foreign ministry said.",
            link: "https://gulf.example/abdulsalam-bogdanov", published: "Fri, 07 Mar 2025 07:15:00 GMT")
        let followUp = TestItem(
            title: "Houthi envoy Abdulsalam holds new talks with Russia's Bogdanov",
            lead: "Abdulsalam, who leads the Ansar Allah negotiators, discussed an Oman-mediated prisoner exchange with Bogdanov in Moscow again, the Russian foreign ministry said.",
            link: "https://gulf.example/abdulsalam-bogdanov-again", published: "Mon, 10 Mar 2025 07:15:00 GMT")
        let state = try TemporaryFolder()
        let (alerts, duplicates) = try await Self.poll(["/wire.xml": [Self.meeting], "/gulf.xml": [rewrite, followUp]], state: state)
        #expect(duplicates[rewrite.title]?["duplicate_of"] as? String == Self.meeting.link)
        // Alike enough to the rewrite three days before, but six days after the event began.
        #expect(alerts[followUp.title] != nil)
        let store = try #require(try SQLiteStore.readOnly(directory: state.path))
        let reports = try store.reports(since: Date(timeIntervalSince1970: 0))
        #expect(reports.map(\.id).sorted() == [1, 2, 3])
        #expect(reports.first { $0.title == rewrite.title }?.eventStart == reports.first { $0.title == Self.meeting.title }?.eventDate)
    }

    @Test("Term statistics are aged once the day turns, at the poll's clock, and the judge reloads them")
    func statisticsAgeAfterCommit() async throws {
        let state = try TemporaryFolder()
        let server = try TestHTTPServer { _ in TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: rss([Self.meeting])) }
        let runtime = try identityRuntime(feeds: [FeedSource(name: "wire", url: server.url("/wire.xml"))], state: state.path, writer: CapturedLines())
        let start = Date(timeIntervalSince1970: 20_000 * 86_400 + 3_600)
        _ = try await runtime.engine.poll(runtime.feeds, now: start)
        let store = try #require(try SQLiteStore.readOnly(directory: state.path))
        #expect(try store.termStatistics().decayedDay == 20_000)
        #expect(try store.termStatistics().statistics.documents == 1)
        _ = try await runtime.engine.poll(runtime.feeds, now: start.addingTimeInterval(30 * 86_400))
        let aged = try store.termStatistics()
        #expect(aged.decayedDay == 20_030)
        #expect(aged.statistics.documents < 1)
        #expect(abs(runtime.engine.judge.weighting.statistics.documents - aged.statistics.documents) < 1e-9)
    }

    @Test("A hostile 200,000-character title is logged cut to 1,000 characters with an ellipsis, once per record; the state keeps it whole")
    func hostileTitleCapped() async throws {
        let huge = Self.meeting.title + " " + String(repeating: "Moscow ", count: 28_000)
        let item = TestItem(title: huge, lead: Self.meeting.lead, link: "https://wire.example/huge", published: Self.meeting.published)
        let server = try TestHTTPServer { _ in TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: rss([item])) }
        let state = try TemporaryFolder(), lines = CapturedLines()
        let runtime = try identityRuntime(feeds: [FeedSource(name: "wire", url: server.url("/wire.xml"))], state: state.path, writer: lines)
        _ = try await runtime.engine.poll(runtime.feeds)
        let alert = try #require(lines.events("alert").first)
        let title = try #require(alert["title"] as? String)
        #expect(title.count == 1_000 && title.hasSuffix("…") && title.hasPrefix(Self.meeting.title))
        #expect(lines.all.allSatisfy { $0.utf8.count < 8_000 }, "a log line is longer than two capped titles and the rest")
        let stored = try runtime.engine.store.reports(since: Date(timeIntervalSince1970: 0))
        #expect(stored.first?.title?.count ?? 0 > 100_000)
    }

    @Test("The first report in another language is news; term statistics are saved; stories lists the event once")
    func languagesStatisticsAndListing() async throws {
        let arabic = TestItem(
            title: "بوغدانوف يلتقي محمد عبد السلام في موسكو",
            lead: "التقى نائب وزير الخارجية الروسي ميخائيل بوغدانوف في موسكو رئيس وفد أنصار الله محمد عبد السلام وبحثا صفقة تبادل الأسرى.",
            link: "https://arab.example/bogdanov", published: "Tue, 04 Mar 2025 15:00:00 GMT")
        let state = try TemporaryFolder()
        let (alerts, _) = try await Self.poll(["/wire.xml": [Self.meeting], "/arab.xml": [arabic]], state: state)
        #expect(Set(alerts.keys) == [Self.meeting.title, arabic.title])
        let store = try #require(try SQLiteStore.readOnly(directory: state.path))
        #expect(try store.termStatistics().statistics.documents == 2)
        let events = try store.events(since: Date(timeIntervalSince1970: 0))
        #expect(events.map(\.reports) == [1, 1])
        #expect(Set(events.map(\.language)) == [.en, .ar])
    }
}
