import FeedWatchPipeline
import FeedWatchStore
import Foundation
import Testing

@Suite("Backoff")
struct BackoffTests {
    @Test("A failing feed waits its interval, then doubles per failure, capped at six hours", arguments: [
        (0, 900), (1, 900), (2, 1800), (3, 3600), (4, 7200), (5, 14400), (6, 21600), (30, 21600),
    ])
    func delays(_ failures: Int, _ seconds: Int64) {
        #expect(Backoff.delay(failures: failures, interval: .seconds(900)) == .seconds(seconds))
    }

    @Test("Backing off never polls a feed sooner than its interval, even one longer than the cap")
    func longInterval() {
        #expect(Backoff.delay(failures: 5, interval: .seconds(86_400)) == .seconds(86_400))
    }

    @Test("Jitter is at most a tenth, the same for the same feed and failure count, and spreads feeds")
    func jitter() {
        let urls = (0..<100).map { "https://h\($0).example/rss" }
        let shares = urls.map { Backoff.jitter(url: $0, failures: 3) }
        #expect(shares.allSatisfy { $0 >= 0 && $0 <= 0.1 })
        #expect(shares == urls.map { Backoff.jitter(url: $0, failures: 3) })
        #expect(Set(shares).count > 50)
        #expect(Backoff.jitter(url: urls[0], failures: 0) == 0)
    }
}

@Suite("Feed schedule: one rule for the daemon and status, from stored state")
struct FeedScheduleTests {
    let interval = Duration.seconds(900)
    let url = "https://x.example/feed"
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func state(attempt: Date?, failures: Int = 0, floor: Duration? = nil, retired: Date? = nil) -> FeedState {
        FeedState(url: url, lastAttemptAt: attempt, consecutiveFailures: failures, retiredAt: retired, intervalFloor: floor)
    }

    @Test("A feed's phase is stable and within its interval; feeds spread over it")
    func phases() {
        let urls = (0..<200).map { "https://feed\($0).example/rss" }
        let phases = urls.map { FeedSchedule.phase(of: $0, interval: interval) }
        #expect(phases == urls.map { FeedSchedule.phase(of: $0, interval: interval) })
        #expect(phases.allSatisfy { $0 >= 0 && $0 < 900 })
        for quarter in 0..<4 {
            #expect(phases.contains { $0 >= Double(quarter) * 225 && $0 < Double(quarter + 1) * 225 })
        }
    }

    @Test("Polls land on the feed's slots, one interval apart; a restart five minutes later waits for the next slot")
    func slots() throws {
        let phase = FeedSchedule.phase(of: url, interval: interval)
        let first = try #require(FeedSchedule.next(url: url, interval: interval, state: state(attempt: t0), now: t0).date)
        let second = try #require(FeedSchedule.next(url: url, interval: interval, state: state(attempt: first), now: first).date)
        #expect(second.timeIntervalSince(first) == 900)
        #expect((first.timeIntervalSince1970 - phase).truncatingRemainder(dividingBy: 900).magnitude < 0.001)
        let restart = FeedSchedule.next(url: url, interval: interval, state: state(attempt: first), now: first.addingTimeInterval(300))
        #expect(restart.date == second)
    }

    @Test("Overdue and new feeds start within the first minute")
    func startup() {
        for n in 0..<50 {
            let feed = "https://n\(n).example/"
            let stored = n % 2 == 0 ? nil : FeedState(url: feed, lastAttemptAt: t0.addingTimeInterval(-3600))
            let due = FeedSchedule.next(url: feed, interval: interval, state: stored, now: t0).date
            #expect(due.map { $0 >= t0 && $0 < t0.addingTimeInterval(60) } == true)
        }
    }

    @Test("What the stored state says decides the next poll", arguments: [
        // (failures, floor seconds, host wait after t0 seconds, earliest after t0, latest after t0)
        (0, 0, 0, 450.0, 1350.0),           // healthy: the next slot, about one interval on
        (1, 0, 0, 900.0, 990.0),            // first failure: one interval, plus up to 10%
        (3, 0, 0, 3600.0, 3960.0),          // third failure in a row: four intervals, plus up to 10%
        (9, 0, 0, 21_600.0, 23_760.0),      // capped at six hours, plus up to 10%
        (0, 3600, 0, 1800.0, 5400.0),       // the feed's <ttl> of an hour outweighs 15 minutes
        (0, 0, 7200, 7200.0, 7200.0),       // its host said Retry-After two hours
        (3, 0, 7200, 7200.0, 7200.0),       // the later of backoff and Retry-After
    ])
    func fromState(_ failures: Int, _ floor: Int64, _ wait: Double, _ earliest: Double, _ latest: Double) throws {
        let stored = state(attempt: t0, failures: failures, floor: floor > 0 ? .seconds(floor) : nil)
        let due = try #require(FeedSchedule.next(url: url, interval: interval, state: stored,
                                                 hostWait: wait > 0 ? t0.addingTimeInterval(wait) : nil, now: t0).date)
        let after = due.timeIntervalSince(t0)
        #expect(after >= earliest && after <= latest, "\(after)")
        // The same state always gives the same answer (a restart does not reshuffle).
        #expect(FeedSchedule.next(url: url, interval: interval, state: stored,
                                  hostWait: wait > 0 ? t0.addingTimeInterval(wait) : nil, now: t0).date == due)
    }

    @Test("A retired feed is not scheduled")
    func retired() {
        let next = FeedSchedule.next(url: url, interval: interval, state: state(attempt: t0, retired: t0), now: t0)
        #expect(next == .retired(since: t0) && next.date == nil)
    }
}

@Suite("Re-planning after a poll, with other instances sharing the store")
struct ReplanTests {
    let t = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("A feed moves to its new time when this instance polled it or another did; any other feed keeps its time")
    func replan() {
        let due = ["a": t, "b": t.addingTimeInterval(40), "c": t.addingTimeInterval(50)]
        let plan = ["a": t.addingTimeInterval(900), "b": t.addingTimeInterval(800), "c": t.addingTimeInterval(55), "d": t]
        let before = ["a": t.addingTimeInterval(-900), "b": t.addingTimeInterval(-900)]
        let now = ["a": t, "b": t.addingTimeInterval(-10)]
        let next = FeedSchedule.replan(due, plan: plan, attemptsBefore: before, attemptsNow: now, polled: ["a"])
        #expect(next["a"] == t.addingTimeInterval(900))  // polled here
        #expect(next["b"] == t.addingTimeInterval(800))  // polled by another instance
        #expect(next["c"] == t.addingTimeInterval(50))   // nobody polled it: a re-plan does not push it on
        #expect(next["d"] == t)                          // new to the schedule
    }
}
