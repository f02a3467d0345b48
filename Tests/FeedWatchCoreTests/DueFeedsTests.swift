import FeedWatchConfiguration
import FeedWatchPipeline
import FeedWatchStore
import Foundation
import Logging
import Testing

@Suite("Due feeds: retired feeds and hosts that asked to wait are skipped, from stored state alone")
struct DueFeedsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let later = now.addingTimeInterval(3600)

    /// One poll's feeds, their stored state and the hosts' waits, and which feeds are due.
    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var feeds: [FeedSource]
        var states: [FeedState] = []
        var waits: [String: Date] = [:]
        var force = false
        /// The names of the feeds due.
        var due: [String]
        var heldBack: [String: [String]] = [:]
    }

    static func feed(_ name: String, _ url: String) -> FeedSource { FeedSource(name: name, url: url) }

    static let cases: [Case] = [
        Case(testDescription: "A feed never polled is due",
             feeds: [feed("a", "https://a.example/rss")], due: ["a"]),
        Case(testDescription: "A feed that failed before is due: backoff is the scheduler's business",
             feeds: [feed("a", "https://a.example/rss")],
             states: [FeedState(url: "https://a.example/rss", consecutiveFailures: 4)], due: ["a"]),
        Case(testDescription: "A retired feed is skipped",
             feeds: [feed("a", "https://a.example/rss"), feed("b", "https://b.example/rss")],
             states: [FeedState(url: "https://a.example/rss", retiredAt: now)], due: ["b"]),
        Case(testDescription: "--force polls a retired feed",
             feeds: [feed("a", "https://a.example/rss")],
             states: [FeedState(url: "https://a.example/rss", retiredAt: now)], force: true, due: ["a"]),
        Case(testDescription: "Every feed of a host that asked to wait is held back; other hosts are due",
             feeds: [feed("a", "https://h.example/a"), feed("b", "https://h.example/b"), feed("c", "https://c.example/")],
             waits: ["h.example:443": later], due: ["c"], heldBack: ["h.example:443": ["a", "b"]]),
        Case(testDescription: "The wait is per host:port: another port, or http's default, is another host",
             feeds: [feed("a", "https://h.example:8443/a"), feed("b", "http://h.example/b"), feed("c", "https://h.example/c")],
             waits: ["h.example:443": later], due: ["a", "b"], heldBack: ["h.example:443": ["c"]]),
        Case(testDescription: "Host names are compared without case, and an explicit default port is the default",
             feeds: [feed("a", "https://H.Example:443/a")],
             waits: ["h.example:443": later], due: [], heldBack: ["h.example:443": ["a"]]),
        Case(testDescription: "A moved feed is held back by the host it lives at now, not the configured one",
             feeds: [feed("a", "https://old.example/rss"), feed("b", "https://new.example/b")],
             states: [FeedState(url: "https://old.example/rss", movedTo: "https://new.example/rss")],
             waits: ["old.example:443": later, "new.example:443": later],
             due: [], heldBack: ["new.example:443": ["a", "b"]]),
        Case(testDescription: "--force ignores the hosts' waits",
             feeds: [feed("a", "https://h.example/a")], waits: ["h.example:443": later], force: true, due: ["a"]),
        Case(testDescription: "A feed whose URL has no host cannot be held back",
             feeds: [feed("a", "not a url")], waits: ["h.example:443": later], due: ["a"]),
    ]

    static func select(_ c: Case, announce: Bool = false) -> DueFeeds {
        let states = Dictionary(uniqueKeysWithValues: c.states.map { ($0.url, $0) })
        return DueFeeds(c.feeds, states: states, hostWaits: c.waits, force: c.force, announceSkips: announce)
    }

    @Test("Which feeds are due", arguments: cases)
    func due(_ c: Case) {
        let selection = Self.select(c)
        #expect(selection.due.map(\.name) == c.due)
        #expect(selection.skipped == c.feeds.count - c.due.count)
        #expect(selection.heldBack == c.heldBack)
    }

    @Test("A retired feed's line says when and how to poll it anyway: DEBUG for the daemon, NOTICE when announced",
          arguments: [(false, Logger.Level.debug), (true, .notice)])
    func retiredLine(_ announce: Bool, _ level: Logger.Level) {
        let c = Case(testDescription: "", feeds: [Self.feed("Wire", "https://w.example/rss")],
                     states: [FeedState(url: "https://w.example/rss", retiredAt: Self.now)], due: [])
        #expect(Self.select(c, announce: announce).log == [
            .message(level, "feed 'Wire' skipped: retired after 410 Gone on 2027-01-15T08:00:00Z; remove it from the config, or poll it anyway with `feedwatch once --force`"),
        ])
    }

    @Test("A host that asked to wait gets one line, naming at most three of its feeds and the time it gave; each feed a DEBUG line",
          arguments: [(false, Logger.Level.info), (true, .notice)])
    func hostLines(_ announce: Bool, _ level: Logger.Level) {
        let names = ["a", "b", "c", "d"]
        let c = Case(testDescription: "", feeds: names.map { Self.feed($0, "https://h.example/\($0)") } + [Self.feed("z", "http://z.example/")],
                     waits: ["h.example:443": Self.later, "z.example:80": Self.later], due: [])
        let lines = Self.select(c, announce: announce).log
        #expect(lines.prefix(5) == ArraySlice(["a", "b", "c", "d"].map { .message(.debug, "feed '\($0)' skipped: h.example:443 asked (Retry-After) to wait") }
            + [.message(.debug, "feed 'z' skipped: z.example:80 asked (Retry-After) to wait")]))
        #expect(Array(lines.dropFirst(5)) == [
            .message(level, "4 feed(s) on h.example:443 skipped (a, b, c, …): it asked (Retry-After) not to be contacted before 2027-01-15T09:00:00Z"),
            .message(level, "1 feed(s) on z.example:80 skipped (z): it asked (Retry-After) not to be contacted before 2027-01-15T09:00:00Z"),
        ])
    }

    @Test("Nothing is logged when every feed is due")
    func quiet() {
        #expect(Self.select(Self.cases[0], announce: true).log.isEmpty)
    }
}
