import FeedWatchConfiguration
import FeedWatchStore
import Foundation
import StoryMatching
import Testing

/// What every backend must keep exactly as it was given, and the rules it applies to it.
@Suite("The state store, on SQLite and on PostgreSQL")
struct StateStoreTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func report(_ title: String, feed: String = "http://a.example/feed", kind: ReportKind = .alert,
                event: String = "0a1b2c3d4e5f", alert: String? = nil, at date: Date? = nil) -> StoredReport {
        StoredReport(feedURL: feed, link: "http://a.example/\(title)", title: title, judgedAt: date ?? now, kind: kind,
                     event: event, eventLabel: "http://a.example/first", language: .ru, eventDate: (date ?? now).addingTimeInterval(-60),
                     eventStart: (date ?? now).addingTimeInterval(-120),
                     terms: StoryTerms(keys: [1, 42, 0xFFFF_FFFF_FFFF_FFF0], kinds: [.lead, .number, .name]), alert: alert)
    }

    @Test("A feed's state comes back field for field, and an update replaces it", arguments: StoreBackend.available)
    func feedStateRoundTrip(_ backend: StoreBackend) throws {
        let scratch = try ScratchState(backend)
        let store = try scratch.open()
        var state = FeedState(url: "http://a.example/feed", etag: "\"v1\"", lastModified: "Tue, 01 Sep 2026 10:00:00 GMT",
                              lastAttemptAt: now, lastSuccessAt: now.addingTimeInterval(-5), lastError: "a \"quoted\" \\ error, with {braces}",
                              consecutiveFailures: 3, movedTo: "http://b.example/feed", retiredAt: nil,
                              intervalFloor: .seconds(1800.5), lastReadAt: now.addingTimeInterval(-10))
        var changes = CycleChanges()
        changes.feeds = [state, FeedState(url: "http://c.example/rss")]
        try store.commit(changes, at: now)
        #expect(try store.feedStates([state.url, "http://c.example/rss", "http://never.example/"]) ==
                [state.url: state, "http://c.example/rss": FeedState(url: "http://c.example/rss")])
        state.etag = nil
        state.retiredAt = now
        changes.feeds = [state]
        try store.commit(changes, at: now)
        #expect(try store.feedStates([state.url])[state.url] == state)
    }

    @Test("Seen items are remembered per feed, and a confirmation moves their last-seen time", arguments: StoreBackend.available)
    func seenItems(_ backend: StoreBackend) throws {
        let scratch = try ScratchState(backend)
        let store = try scratch.open()
        var changes = CycleChanges()
        changes.seen = [("http://a.example/feed", "k1"), ("http://a.example/feed", "k,\"2\""), ("http://b.example/feed", "k1")]
        try store.commit(changes, at: now)
        let seen = try store.seenKeys(feedURL: "http://a.example/feed", among: ["k1", "k,\"2\"", "k3"])
        #expect(seen == ["k1": now, "k,\"2\"": now])
        var later = CycleChanges()
        later.stillCarried = [("http://a.example/feed", "k1")]
        try store.commit(later, at: now.addingTimeInterval(86_400 * 2))
        #expect(try store.seenKeys(feedURL: "http://a.example/feed", among: ["k1"])["k1"] == now.addingTimeInterval(86_400 * 2))
    }

    @Test("Reports keep their event, terms and alert entry, and events count their outlets", arguments: StoreBackend.available)
    func reportsAndEvents(_ backend: StoreBackend) throws {
        let scratch = try ScratchState(backend)
        let store = try scratch.open()
        var changes = CycleChanges()
        changes.reports = [report("first", alert: "{\"story\":\"0a1b2c3d4e5f\"}"),
                           report("again", feed: "http://b.example/feed", kind: .duplicate)]
        try store.commit(changes, at: now)
        let stored = try store.reports(since: now.addingTimeInterval(-1))
        #expect(stored.map(\.title) == ["first", "again"])
        var expected = report("first", alert: "{\"story\":\"0a1b2c3d4e5f\"}")
        expected.id = stored[0].id
        #expect(stored[0] == expected)
        let events = try store.events(since: now.addingTimeInterval(-86_400))
        #expect(events.count == 1)
        #expect(events.first?.reports == 2)
        #expect(events.first?.outlets == 2)
        #expect(try store.alertCount(since: now.addingTimeInterval(-1)) == 1)
    }

    @Test("Term counts add up across polls and age by the half-life once a day", arguments: StoreBackend.available)
    func termStatistics(_ backend: StoreBackend) throws {
        let scratch = try ScratchState(backend)
        let store = try scratch.open()
        var changes = CycleChanges()
        changes.terms.add(document: [7, 0x8000_0000_0000_0001])
        changes.terms.add(document: [7])
        try store.commit(changes, at: now)
        try store.commit(changes, at: now)
        let (statistics, day) = try store.termStatistics()
        #expect(statistics.frequencies[7] == 4)
        #expect(statistics.frequencies[0x8000_0000_0000_0001] == 2)
        #expect(statistics.documents == 4)
        #expect(day == StoreCalendar.day(now))
        #expect(try store.ageTerms(to: StoreCalendar.day(now), halfLifeDays: 1, limit: 10) == false)
        #expect(try store.ageTerms(to: StoreCalendar.day(now) + 1, halfLifeDays: 1, limit: 1) == true)
        let aged = try store.termStatistics().statistics
        #expect(aged.frequencies == [7: 2])
        #expect(aged.documents == 2)
    }

    @Test("Pruning removes old reports and expired waits, but never an alert not yet written", arguments: StoreBackend.available)
    func pruneKeepsUndelivered(_ backend: StoreBackend) throws {
        let scratch = try ScratchState(backend)
        let store = try scratch.open()
        let old = now.addingTimeInterval(-200 * 86_400)
        var changes = CycleChanges()
        changes.reports = [report("old duplicate", kind: .duplicate, at: old), report("old undelivered", alert: "{}", at: old)]
        changes.hostWaits = ["a.example:80": now.addingTimeInterval(-1), "b.example:80": now.addingTimeInterval(3600)]
        try store.commit(changes, at: old)
        let pruned = try store.prune(Retention(), now: now)
        #expect(pruned.reports == 1)
        #expect(pruned.hostWaits == 1)
        #expect(try store.reports(since: .distantPast).map(\.title) == ["old undelivered"])
        #expect(try store.hostWaits(after: now).keys.sorted() == ["b.example:80"])
    }

    @Test("A read-only store reads what was written and refuses to write", arguments: StoreBackend.available)
    func readOnly(_ backend: StoreBackend) throws {
        let scratch = try ScratchState(backend)
        var changes = CycleChanges()
        changes.feeds = [FeedState(url: "http://a.example/feed", lastAttemptAt: now)]
        try scratch.open().commit(changes, at: now)
        let reader = try #require(try scratch.openReadOnly())
        #expect(try reader.feedSummaries().map(\.state.url) == ["http://a.example/feed"])
        #expect(throws: StoreError.self) { try reader.commit(changes, at: now) }
    }
}
