import FeedParsing
import FeedWatchConfiguration
import FeedWatchPipeline
import FeedWatchStore
import Foundation
import HTTPFetching
import Testing

@Suite("What an answer does to a feed's state: retiring, validators, floors, moves and Retry-After, without a server")
struct FeedResponseRulesTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let before = now.addingTimeInterval(-900)
    static let later = now.addingTimeInterval(3600)
    static let feed = FeedSource(name: "Wire", url: "https://wire.example/rss")
    static let newHome = "https://new.example/rss"
    static let oldModified = "Fri, 15 Jan 2027 07:00:00 GMT"

    /// A feed that failed twice since it was last read, with validators and a floor.
    static let stored = FeedState(url: feed.url, etag: "\"old\"", lastModified: oldModified, lastAttemptAt: before,
                                  lastSuccessAt: before.addingTimeInterval(-900), lastError: "timed out",
                                  consecutiveFailures: 2, intervalFloor: .seconds(600),
                                  lastReadAt: before.addingTimeInterval(-900))

    static func answer(_ status: Int = 200, body: String = "", at url: String = feed.url, redirects: [Int] = [],
                       maxAge: Int? = nil) -> FetchResponse {
        FetchResponse(status: status, body: Array(body.utf8), etag: status == 304 ? nil : "\"new\"",
                      lastModified: status == 304 ? nil : "Fri, 15 Jan 2027 08:00:00 GMT", contentType: "application/xml",
                      effectiveURL: url, redirects: redirects, maxAge: maxAge)
    }

    static func document(ttl: Int? = nil, warnings: [String] = [], notes: [String] = []) -> Feed {
        var feed = Feed(format: .rss20, warnings: warnings)
        feed.ttl = ttl
        feed.notes = notes
        return feed
    }

    static func apply(_ response: FeedResponseRules.Response, url: String = feed.url, discovered: Bool = false,
                      state: FeedState? = stored) -> FeedResponseRules.Outcome {
        FeedResponseRules.apply(response, feed: feed, url: url, discovered: discovered, state: state, now: now)
    }

    // MARK: Failures

    struct Failure: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var error: FetchError
        var url = FeedResponseRulesTests.feed.url
        var reason: FeedFailure
        var retires = false
        var waits: [String: Date] = [:]
    }

    static let failures: [Failure] = [
        Failure(testDescription: "A server error counts a failure and keeps everything else",
                error: FetchError(kind: .httpStatus(500), message: "HTTP 500"), reason: .httpStatus(500)),
        Failure(testDescription: "A timeout is a network failure",
                error: FetchError(kind: .timeout, message: "timed out"), reason: .timedOut),
        Failure(testDescription: "410 Gone retires the feed, and the message says so",
                error: FetchError(kind: .httpStatus(410), message: "HTTP 410"), reason: .httpStatus(410), retires: true),
        Failure(testDescription: "429 with Retry-After holds back the feed's host:port",
                error: FetchError(kind: .httpStatus(429), message: "HTTP 429", retryAfter: later), reason: .httpStatus(429),
                waits: ["wire.example:443": later]),
        Failure(testDescription: "Retry-After holds back the host the feed was fetched from, where it lives now",
                error: FetchError(kind: .httpStatus(503), message: "HTTP 503", retryAfter: later), url: "http://new.example:8080/rss",
                reason: .httpStatus(503), waits: ["new.example:8080": later]),
        Failure(testDescription: "Retry-After from an address without a host holds back nothing",
                error: FetchError(kind: .httpStatus(503), message: "HTTP 503", retryAfter: later), url: "wire",
                reason: .httpStatus(503)),
    ]

    @Test("A failed fetch", arguments: failures)
    func failed(_ c: Failure) throws {
        let outcome = Self.apply(.failed(c.error), url: c.url)
        let message = c.error.message + (c.retires ? "; the feed is retired: no more polls until it leaves the config or `feedwatch once --force` finds it again" : "")
        var expected = Self.stored
        expected.lastAttemptAt = Self.now
        expected.lastError = message
        expected.consecutiveFailures = 3
        expected.retiredAt = c.retires ? Self.now : nil
        #expect(outcome == FeedResponseRules.Outcome(
            state: expected, effect: .failed(c.reason), hostWaits: c.waits,
            log: [.fetchFailed(feed: Self.feed, url: c.url, error: message, stage: "fetch")]))
    }

    @Test("A feed that fails on its first poll starts a state of its own")
    func firstFailure() {
        let outcome = Self.apply(.failed(FetchError(kind: .network, message: "connection refused")), state: nil)
        #expect(outcome.state == FeedState(url: Self.feed.url, lastAttemptAt: Self.now, lastError: "connection refused",
                                           consecutiveFailures: 1))
        #expect(outcome.effect == .failed(.unreachable))
    }

    @Test("A cancelled download (shutting down) records nothing, counts nothing and logs nothing")
    func cancelled() {
        let outcome = Self.apply(.failed(FetchError(kind: .cancelled, message: "cancelled")))
        #expect(outcome == FeedResponseRules.Outcome(state: nil, effect: .uncounted))
    }

    // MARK: 304 Not Modified

    @Test("304: the validators, address and last read stay; the failures are forgotten", arguments: [
        // (max-age, stored floor in seconds, floor after in seconds)
        (nil, 600, 600),         // no max-age: the floor the feed set stays
        (0, 600, 600),           // max-age=0 is no floor
        (300, 600, 300),         // max-age replaces the floor
        (7200, nil, 7200),
        (86_400, 600, 86_400),
        (200_000, nil, 86_400),  // at most a day
    ] as [(Int?, Int?, Int?)])
    func notModified(_ maxAge: Int?, _ floor: Int?, _ after: Int?) {
        var stored = Self.stored
        stored.intervalFloor = floor.map { .seconds($0) }
        stored.movedTo = Self.newHome
        let outcome = Self.apply(.notModified(Self.answer(304, at: Self.newHome, maxAge: maxAge)), url: Self.newHome, state: stored)
        var expected = stored
        expected.lastAttemptAt = Self.now
        expected.lastSuccessAt = Self.now
        expected.lastError = nil
        expected.consecutiveFailures = 0
        expected.intervalFloor = after.map { .seconds($0) }
        #expect(outcome == FeedResponseRules.Outcome(state: expected, effect: .notModified))
    }

    // MARK: A document

    @Test("A document read: new validators, the time it was read, no failures, no retirement; warnings and notes logged in order")
    func read() {
        var stored = Self.stored
        stored.retiredAt = Self.before  // retired, and polled with --force
        let document = Self.document(warnings: ["1 item(s) had no title"], notes: ["date 'soon' not read"])
        let outcome = Self.apply(.document(Self.answer(), .success(document)), state: stored)
        let expected = FeedState(url: Self.feed.url, etag: "\"new\"", lastModified: "Fri, 15 Jan 2027 08:00:00 GMT",
                                 lastAttemptAt: Self.now, lastSuccessAt: Self.now, lastError: nil, consecutiveFailures: 0,
                                 movedTo: nil, retiredAt: nil, intervalFloor: nil, lastReadAt: Self.now)
        #expect(outcome == FeedResponseRules.Outcome(state: expected, effect: .read, log: [
            .feedWarning(feed: Self.feed, url: Self.feed.url, warning: "1 item(s) had no title"),
            .message(.debug, "feed 'Wire': date 'soon' not read"),
        ]))
    }

    @Test("A document sends validators or none, and the stored ones are replaced either way")
    func validators() {
        var answer = Self.answer()
        (answer.etag, answer.lastModified) = (nil, nil)
        let state = Self.apply(.document(answer, .success(Self.document()))).state
        #expect(state?.etag == nil && state?.lastModified == nil)
    }

    @Test("A document's <ttl> (minutes) and max-age (seconds) set the floor: the longer, at most a day, none clears it", arguments: [
        // (ttl, max-age, floor after in seconds)
        (nil, nil, nil),
        (nil, 0, nil),
        (30, nil, 1800),
        (nil, 900, 900),
        (30, 900, 1800),
        (10, 900, 900),
        (2000, nil, 86_400),
        (nil, 100_000, 86_400),
        (Int.max, nil, 86_400),  // a hostile <ttl> does not overflow
    ] as [(Int?, Int?, Int?)])
    func floor(_ ttl: Int?, _ maxAge: Int?, _ after: Int?) {
        let outcome = Self.apply(.document(Self.answer(maxAge: maxAge), .success(Self.document(ttl: ttl))))
        #expect(outcome.state?.intervalFloor == after.map { .seconds($0) })
    }

    struct Move: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var redirects: [Int] = []
        var effectiveURL: String
        var discovered = false
        var movedBefore: String?
        var movedAfter: String?
        var notice: String?
    }

    static let moves: [Move] = [
        Move(testDescription: "No redirect: the feed stays", effectiveURL: feed.url),
        Move(testDescription: "301: the feed now lives at the new URL", redirects: [301], effectiveURL: newHome,
             movedAfter: newHome, notice: "(moved permanently)"),
        Move(testDescription: "301 then 308: still permanent", redirects: [301, 308], effectiveURL: newHome,
             movedAfter: newHome, notice: "(moved permanently)"),
        Move(testDescription: "A 302 anywhere in the chain: not moved", redirects: [301, 302], effectiveURL: newHome),
        Move(testDescription: "A temporary redirect keeps the address the feed moved to before", redirects: [307],
             effectiveURL: "https://mirror.example/rss", movedBefore: newHome, movedAfter: newHome),
        Move(testDescription: "Fetched where it moved, without redirect: it stays there, no notice again",
             effectiveURL: newHome, movedBefore: newHome, movedAfter: newHome),
        Move(testDescription: "Moved again to where it already lives: no notice", redirects: [301], effectiveURL: newHome,
             movedBefore: newHome, movedAfter: newHome),
        Move(testDescription: "Moved back to its configured URL: forgotten, without a notice", redirects: [301],
             effectiveURL: feed.url, movedBefore: newHome),
        Move(testDescription: "A discovered feed: it lives there from now on", effectiveURL: newHome, discovered: true,
             movedAfter: newHome, notice: "(discovered)"),
        Move(testDescription: "A discovered feed that redirected permanently is named as moved", redirects: [308],
             effectiveURL: newHome, discovered: true, movedAfter: newHome, notice: "(moved permanently)"),
    ]

    @Test("Where the feed lives after a document, and the notice written once its items are judged", arguments: moves)
    func moved(_ c: Move) {
        var stored = Self.stored
        stored.movedTo = c.movedBefore
        let answer = Self.answer(at: c.effectiveURL, redirects: c.redirects)
        let outcome = Self.apply(.document(answer, .success(Self.document())), discovered: c.discovered, state: stored)
        #expect(outcome.state?.movedTo == c.movedAfter)
        #expect(outcome.relocation == c.notice.map {
            PollLogLine.message(.notice, "feed 'Wire' now lives at \(Self.newHome) \($0); using it from now on")
        })
        #expect(outcome.log.isEmpty && outcome.follow == nil)
    }

    // MARK: A body that is not a feed

    static let page = "<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\"></head><body>Hi</body></html>"
    static let plainPage = "<!DOCTYPE html><html><head><title>Home</title></head><body>Hi</body></html>"

    @Test("A web page that announces a feed is followed, once; any other unreadable body is a failure", arguments: [
        // (body, parse error, discovered in this poll, followed)
        (page, FeedParseError.notAFeed(root: "html"), false, "https://wire.example/feed.xml"),
        (page, .notAFeed(root: "html"), true, nil),  // a discovered address that is a page again fails
        (plainPage, .notAFeed(root: "html"), false, nil),
        (page, .notXML(detail: "no root"), false, nil),
        ("", .empty, false, nil),
    ] as [(String, FeedParseError, Bool, String?)])
    func unreadable(_ body: String, _ error: FeedParseError, _ discovered: Bool, _ followed: String?) {
        let outcome = Self.apply(.document(Self.answer(body: body), .failure(error)), discovered: discovered)
        if let followed {
            #expect(outcome == FeedResponseRules.Outcome(state: nil, effect: .uncounted, log: [
                .message(.notice, "feed 'Wire': https://wire.example/rss is a web page that announces the feed \(followed); following it"),
            ], follow: followed))
        } else {
            var expected = Self.stored
            expected.lastAttemptAt = Self.now
            expected.lastError = error.description
            expected.consecutiveFailures = 3
            #expect(outcome == FeedResponseRules.Outcome(state: expected, effect: .failed(.notAFeed), log: [
                .fetchFailed(feed: Self.feed, url: Self.feed.url, error: error.description, stage: "parse"),
            ]))
        }
    }
}
