import FeedWatchStore
import Foundation
import StoryMatching
import Testing
import TestSupport

/// How instances share one store: leases, the shared history the judge reads, and the claim on
/// each alert until it is written.
@Suite("Instances sharing a store")
struct SharingTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func alertReport(_ title: String) -> StoredReport {
        StoredReport(feedURL: "http://a.example/feed", link: "http://a.example/\(title)", title: title, judgedAt: now,
                     kind: .alert, event: "e-\(title)", eventLabel: "http://a.example/\(title)", language: .en, eventDate: now,
                     terms: StoryTerms(keys: [3, 9], kinds: [.lead, .name]), alert: "{\"title\":\"\(title)\"}")
    }

    @Test("A feed leased by one instance is not leased to another until it is released or the lease runs out")
    func leases() throws {
        guard TestPostgres.available() else { return }
        let scratch = try ScratchState(.postgresql)
        let first = try scratch.open(), second = try scratch.open()
        let feeds = ["http://a.example/1", "http://a.example/2"]
        let until = now.addingTimeInterval(600)
        #expect(try first.leaseFeeds(feeds, instance: "one", until: until, now: now) == Set(feeds))
        #expect(try second.leaseFeeds(feeds + ["http://a.example/3"], instance: "two", until: until, now: now) == ["http://a.example/3"])
        #expect(try first.leaseFeeds(feeds, instance: "one", until: until, now: now) == Set(feeds))
        #expect(try second.leaseFeeds(feeds, instance: "two", until: until, now: until.addingTimeInterval(1)) == Set(feeds))
        _ = try first.commit(CycleChanges(), at: now, claim: AlertClaim(instance: "two", until: now, after: 0)) { _ in [] }
        #expect(try first.leaseFeeds(feeds, instance: "one", until: until, now: now) == Set(feeds))
        let listed = try first.instances(since: .distantPast, now: now)
        #expect(listed.isEmpty)
        try first.heartbeat(InstanceRecord(name: "one", host: "h", pid: 7, startedAt: now), now: now)
        #expect(try second.instances(since: .distantPast, now: now).map { [$0.record.name, "\($0.feedsLeased)"] } == [["one", "2"]])
    }

    @Test("The judge of one instance is handed the reports the others stored since its last commit", arguments: StoreBackend.available)
    func judgeSeesOtherInstances(_ backend: StoreBackend) throws {
        let scratch = try ScratchState(backend)
        let first = try scratch.open(), second = try scratch.open()
        let stored = try first.commit(CycleChanges(), at: now, claim: AlertClaim(instance: "one", until: now, after: 0)) { fresh in
            #expect(fresh.isEmpty)
            return [alertReport("a")]
        }
        var handed: [String?] = []
        _ = try second.commit(CycleChanges(), at: now, claim: AlertClaim(instance: "two", until: now, after: 0)) { fresh in
            handed = fresh.map(\.title)
            return [alertReport("b")]
        }
        #expect(handed == ["a"])
        // Its own reports are not handed back; reports it already passed are not either.
        _ = try first.commit(CycleChanges(), at: now, claim: AlertClaim(instance: "one", until: now, after: stored[0].id)) { fresh in
            handed = fresh.map(\.title)
            return []
        }
        #expect(handed == ["b"])
    }

    @Test("An alert claimed and never marked delivered is taken over once its claim runs out, then never again", arguments: StoreBackend.available)
    func takeOver(_ backend: StoreBackend) throws {
        let scratch = try ScratchState(backend)
        let dying = try scratch.open(), survivor = try scratch.open()
        let claim = AlertClaim(instance: "dying", until: now.addingTimeInterval(120), after: 0)
        let stored = try dying.commit(CycleChanges(), at: now, claim: claim) { _ in [alertReport("a"), alertReport("b")] }
        try dying.markDelivered([stored[0].id], at: now)
        let later = now.addingTimeInterval(121)
        let taken = try survivor.takeOverAlerts(instance: "survivor", until: later.addingTimeInterval(120), now: later)
        #expect(taken.map(\.alert) == ["{\"title\":\"b\"}"])
        if backend == .postgresql {
            // A live claim is left alone (SQLite, held by one process, takes over any other's at once).
            #expect(try survivor.takeOverAlerts(instance: "other", until: later, now: later).isEmpty)
        }
        try survivor.markDelivered(taken.map(\.id), at: later)
        #expect(try dying.takeOverAlerts(instance: "third", until: later, now: later.addingTimeInterval(1_000)).isEmpty)
    }

    @Test("Instances starting at once on an empty database migrate it once, and all work")
    func concurrentStart() async throws {
        guard TestPostgres.available() else { return }
        let scratch = try ScratchState(.postgresql)
        let address = scratch.address
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { _ = try PostgresStore(url: address).rowCounts() }
            }
            try await group.waitForAll()
        }
    }

    @Test("A wrong address or password is one clear error naming the store without its password")
    func badAddress() throws {
        guard let server = TestPostgres.serverURL, var components = URLComponents(string: server) else {
            _ = TestPostgres.available()
            return
        }
        components.password = "wrong-password"
        let error = #expect(throws: StoreError.self) { try PostgresStore(url: components.string ?? "") }
        #expect(error?.description.contains("wrong-password") == false)
        #expect(error?.description.contains("cannot connect") == true)
    }
}
