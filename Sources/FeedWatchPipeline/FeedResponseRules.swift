import FeedParsing
import FeedWatchConfiguration
import FeedWatchStore
import Foundation
import HTTPFetching

/// What one answer from a feed's server does to the feed's stored state: a 410 retires the feed,
/// a 304 keeps its validators, `<ttl>` and `Cache-Control: max-age` set the least time between
/// polls, a permanent redirect or a discovered feed moves it, `Retry-After` holds back its host,
/// and a web page that announces a feed is followed once. One pure function, so each rule is
/// tested without a server; the engine fetches, parses, writes the log lines and stores the
/// state it returns.
public enum FeedResponseRules {
    /// The answer for one feed, once its body (if any) has been parsed.
    public enum Response: Sendable, Equatable {
        /// No usable answer: a network failure, an error status, or the download was cancelled.
        case failed(FetchError)
        /// 304: the feed is unchanged since the validators sent.
        case notModified(FetchResponse)
        /// A body, and what parsing it gave.
        case document(FetchResponse, Result<Feed, FeedParseError>)
    }

    /// How the answer counts in the poll's report.
    public enum Effect: Sendable, Equatable {
        /// Not at all: the download was cancelled, or the page's announced feed is fetched next.
        case uncounted
        case failed(FeedFailure)
        case notModified
        /// The document was read; its items are judged.
        case read
    }

    /// Everything the answer changes, for the engine to apply.
    public struct Outcome: Sendable, Equatable {
        /// The feed's state to store; nil when nothing is learned (a cancelled download, or a
        /// page whose announced feed is fetched next in its place).
        public var state: FeedState?
        public var effect: Effect
        /// The `Retry-After` deadline the server set, by `host:port` (at most one entry).
        public var hostWaits: [String: Date] = [:]
        /// Lines to write when the answer is handled, in order.
        public var log: [PollLogLine] = []
        /// The notice that the feed now lives at another URL: written after the feed's items are
        /// judged, once the new address has delivered.
        public var relocation: PollLogLine?
        /// The feed a web page announced, to fetch next (in this poll) in place of the page.
        public var follow: String?

        public init(state: FeedState?, effect: Effect, hostWaits: [String: Date] = [:], log: [PollLogLine] = [],
                    relocation: PollLogLine? = nil, follow: String? = nil) {
            self.state = state
            self.effect = effect
            self.hostWaits = hostWaits
            self.log = log
            self.relocation = relocation
            self.follow = follow
        }
    }

    /// The outcome of `response` for `feed`, fetched from `url` (its configured URL, where it
    /// moved, or a feed discovered in this poll: `discovered`), whose stored state was `stored`.
    public static func apply(_ response: Response, feed: FeedSource, url: String, discovered: Bool,
                             state stored: FeedState?, now: Date) -> Outcome {
        var state = stored ?? FeedState(url: feed.url)
        state.lastAttemptAt = now
        switch response {
        case let .failed(error) where error.kind == .cancelled:
            return Outcome(state: nil, effect: .uncounted)  // shutting down: nothing learned, nothing recorded
        case let .failed(error):
            return failed(error, feed: feed, url: url, state: state, now: now)
        case let .notModified(answer):
            if let age = answer.maxAge, age > 0 { state.intervalFloor = .seconds(min(age, maxFloor)) }
            state.recordSuccess()
            return Outcome(state: state, effect: .notModified)
        case let .document(answer, .failure(error)):
            return unreadable(answer, error, feed: feed, url: url, discovered: discovered, state: state)
        case let .document(answer, .success(document)):
            return read(document, answer, feed: feed, url: url, discovered: discovered, state: state, now: now)
        }
    }

    /// The longest floor a feed may set between its polls: a day.
    static let maxFloor = 86_400

    private static func failed(_ error: FetchError, feed: FeedSource, url: String, state: FeedState, now: Date) -> Outcome {
        var state = state
        var message = error.message
        if case .httpStatus(410) = error.kind {
            state.retiredAt = now
            message += "; the feed is retired: no more polls until it leaves the config or `feedwatch once --force` finds it again"
        }
        state.recordFailure(message)
        var outcome = Outcome(state: state, effect: .failed(FeedFailure(error)),
                              log: [.fetchFailed(feed: feed, url: url, error: message, stage: "fetch")])
        if let until = error.retryAfter, let host = PollEngine.hostKey(url) { outcome.hostWaits[host] = until }
        return outcome
    }

    /// A body that is not a feed: a failure, unless it is a web page announcing one, which is
    /// followed (once: a discovered address that is a page again fails).
    private static func unreadable(_ answer: FetchResponse, _ error: FeedParseError, feed: FeedSource, url: String,
                                   discovered: Bool, state: FeedState) -> Outcome {
        if !discovered, case .notAFeed = error,
           let announced = FeedDiscovery.alternateFeeds(in: answer.body, pageURL: answer.effectiveURL).first {
            let notice = "feed '\(feed.name)': \(url) is a web page that announces the feed \(announced); following it"
            return Outcome(state: nil, effect: .uncounted, log: [.message(.notice, notice)], follow: announced)
        }
        var state = state
        state.recordFailure(error.description)
        return Outcome(state: state, effect: .failed(.notAFeed),
                       log: [.fetchFailed(feed: feed, url: url, error: error.description, stage: "parse")])
    }

    private static func read(_ document: Feed, _ answer: FetchResponse, feed: FeedSource, url: String,
                             discovered: Bool, state: FeedState, now: Date) -> Outcome {
        var state = state
        var log: [PollLogLine] = document.warnings.map { .feedWarning(feed: feed, url: url, warning: $0) }
        log += document.notes.map { .message(.debug, "feed '\(feed.name)': \($0)") }
        // <ttl> is capped before it becomes seconds: a hostile `<ttl>9223372036854775807</ttl>`
        // would overflow, and the floor is capped at a day anyway.
        let floor = max(min(document.ttl ?? 0, maxFloor / 60) * 60, answer.maxAge ?? 0)
        state.intervalFloor = floor > 0 ? .seconds(min(floor, maxFloor)) : nil
        // Where the feed lives from now on: after a permanent redirect, or autodiscovery.
        let home = discovered || answer.movedPermanently ? answer.effectiveURL : state.movedTo
        var relocation: PollLogLine?
        if home != state.movedTo, let home, home != feed.url {
            let how = answer.movedPermanently ? " (moved permanently)" : " (discovered)"
            relocation = .message(.notice, "feed '\(feed.name)' now lives at \(home)\(how); using it from now on")
        }
        state.movedTo = home == feed.url ? nil : home
        state.retiredAt = nil
        state.etag = answer.etag
        state.lastModified = answer.lastModified
        state.lastReadAt = now
        state.recordSuccess()
        return Outcome(state: state, effect: .read, log: log, relocation: relocation)
    }
}

extension FeedState {
    mutating func recordSuccess() {
        lastSuccessAt = lastAttemptAt
        lastError = nil
        consecutiveFailures = 0
    }

    mutating func recordFailure(_ message: String) {
        lastError = message
        consecutiveFailures += 1
    }
}
