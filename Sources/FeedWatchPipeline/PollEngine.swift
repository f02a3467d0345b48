import FeedParsing
import FeedWatchConfiguration
import FeedWatchStore
import Foundation
import HTTPFetching
import Logging
import StoryMatching

/// One poll of a set of feeds through the whole pipeline:
/// fetch (libcurl multi) → parse (libxml2) → identity → near-duplicate check → classify + tag →
/// commit (alerts claimed) → alert → alerts marked delivered. Each alert is stored with the cycle's
/// state, claimed and not yet delivered, before it is written; one whose writer died in between
/// is written by the next poll (of any instance, once the claim runs out), so a crash can repeat
/// an alert but never lose one.
///
/// The engine does the I/O and keeps the order; its rules are pure stages tested on their own:
/// `DueFeeds` (which feeds are fetched), `FeedResponseRules` (what an answer does to a feed's
/// state) and `StoryOrder` (the order stories are judged in).
public struct PollEngine: Sendable {
    public let store: any StateStore
    public let judge: StoryJudge
    public let classifier: StoryClassifier
    public let fetcher: HTTPFetcher
    public let parser: FeedParser
    public let events: EventLog
    /// Items older than this are recorded as seen without being judged (nil: every new item counts).
    public let maxAge: Duration?
    /// How long state no longer needed is kept; pruned after each poll.
    public let retention: Retention
    /// This process, as the store's leases and claims name it.
    public let instance: InstanceRecord
    /// How long the feeds a poll leases stay its own: longer than a poll takes. An instance that
    /// dies holding them blocks them for this long, then another instance polls them.
    public let leaseDuration: Duration
    /// How long an alert stored but not yet written stays this instance's to write; after that
    /// another instance writes it.
    public let claimDuration: Duration

    public init(store: any StateStore, judge: StoryJudge, classifier: StoryClassifier,
                fetcher: HTTPFetcher, parser: FeedParser = FeedParser(), events: EventLog, maxAge: Duration? = nil,
                retention: Retention = Retention(), instance: InstanceRecord = .current(),
                leaseDuration: Duration = StoreSettings.defaultLease, claimDuration: Duration = StoreSettings.defaultClaim) {
        self.instance = instance
        self.leaseDuration = leaseDuration
        self.claimDuration = claimDuration
        self.maxAge = maxAge
        self.retention = retention
        self.store = store
        self.judge = judge
        self.classifier = classifier
        self.fetcher = fetcher
        self.parser = parser
        self.events = events
    }

    /// A new on-topic item waiting for the ordered stage (events, alerts), with its verdict and
    /// its identity.
    struct Candidate {
        var feed: FeedSource
        var item: FeedItem
        var key: String
        var classification: Classification
        var identity: StoryIdentity
    }

    /// One download of a poll: a feed, the address it is fetched from, and whether that address
    /// was announced by a web page earlier in this poll.
    struct Fetch {
        var feed: FeedSource
        var url: String
        var discovered: Bool
    }

    /// What a poll has gathered so far, committed at its end.
    struct Gathered {
        var report = PollReport()
        var states: [String: FeedState]
        var changes = CycleChanges()
        var candidates: [Candidate] = []
    }

    /// Polls `feeds` once. Throws only when the state database fails; feed problems are logged.
    /// `heartbeat` is called as the poll makes progress (after the downloads, and every hundred
    /// items), so a watchdog can tell a slow poll from a stuck one.
    /// `scheduled`: the daemon's default poll interval when its schedule asked for these feeds;
    /// a feed another instance polled within half its interval is then left alone. Nil (`once`)
    /// polls every feed given.
    public func poll(_ feeds: [FeedSource], now: Date = Date(), force: Bool = false, announceSkips: Bool = false,
                     scheduled: Duration? = nil, heartbeat: @Sendable () -> Void = {}) async throws(StoreError) -> PollReport {
        try deliverTakenOver(now: now)
        try store.heartbeat(instance, now: now)
        let (selection, states, elsewhere) = try select(feeds, now: now, force: force, announceSkips: announceSkips, scheduled: scheduled)
        var gathered = Gathered(states: states)
        gathered.report.elsewhere = elsewhere
        gathered.report.feeds = feeds.count
        gathered.report.skipped = selection.skipped

        var queue = selection.due.map { Fetch(feed: $0, url: states[$0.url]?.movedTo ?? $0.url, discovered: false) }
        // Feeds are fetched in windows of twice the transfer limit: downloads and processing
        // still overlap, but responses cannot pile up faster than they are judged, which keeps
        // memory flat however many feeds there are. Each window is leased as it starts, so
        // instances sharing a store split one cycle's feeds between them.
        let window = max(8, fetcher.policy.maxConcurrent * 2)
        // A shutdown (the task cancelled) starts no further window: the feeds left are not
        // polled, and what was fetched so far is judged and committed below.
        while !queue.isEmpty, !Task.isCancelled {
            let next = Array(queue.prefix(window))
            queue.removeFirst(next.count)
            let pending = try lease(next, now: now, into: &gathered)
            if !pending.isEmpty { queue += try await fetch(pending, now: now, into: &gathered, heartbeat: heartbeat) }
        }

        try await judgeAndCommit(&gathered, now: now, heartbeat: heartbeat)
        return gathered.report
    }

    /// Fetches one window of feeds, handling each response as soon as it arrives (and dropping
    /// its body) while the other downloads go on. Returns the feeds web pages announced, to
    /// fetch next.
    private func fetch(_ pending: [Fetch], now: Date, into gathered: inout Gathered,
                       heartbeat: @Sendable () -> Void) async throws(StoreError) -> [Fetch] {
        let requests = pending.map { entry in
            // Validators belong to the address they came from.
            entry.discovered ? FetchRequest(url: entry.url)
                : FetchRequest(url: entry.url, etag: gathered.states[entry.feed.url]?.etag,
                               lastModified: gathered.states[entry.feed.url]?.lastModified)
        }
        let (arrivals, arrived) = AsyncStream<(Int, Result<FetchResponse, FetchError>)>.makeStream()
        let fetcher = self.fetcher
        async let downloads: Void = {
            await fetcher.fetch(requests) { index, result in arrived.yield((index, result)) }
            arrived.finish()
        }()
        var next: [Fetch] = []
        var handled = 0
        for await (index, result) in arrivals {
            handled += 1
            if handled % 50 == 0 { heartbeat() }
            if let follow = try handle(result, of: pending[index], now: now, into: &gathered) { next.append(follow) }
        }
        await downloads
        heartbeat()
        return next
    }

    /// Applies one response: its log lines, its report effect and host wait, the judging of a
    /// document's new items, then the feed's new state. Returns the feed a web page announced.
    private func handle(_ result: Result<FetchResponse, FetchError>, of entry: Fetch, now: Date,
                        into gathered: inout Gathered) throws(StoreError) -> Fetch? {
        let feed = entry.feed
        let response = read(result)
        let outcome = FeedResponseRules.apply(response, feed: feed, url: entry.url, discovered: entry.discovered,
                                              state: gathered.states[feed.url], now: now)
        outcome.log.forEach(events.write)
        gathered.changes.hostWaits.merge(outcome.hostWaits) { max($0, $1) }
        gathered.report.record(outcome.effect, feed: feed.url)
        if case let .document(_, .success(document)) = response {
            try consider(document, of: feed, now: now, into: &gathered)
        }
        if let relocation = outcome.relocation { events.write(relocation) }
        if let state = outcome.state {
            gathered.states[feed.url] = state
            gathered.changes.feeds.removeAll { $0.url == feed.url }
            gathered.changes.feeds.append(state)
        }
        return outcome.follow.map { Fetch(feed: feed, url: $0, discovered: true) }
    }

    /// A download's result, its body parsed when it has one.
    private func read(_ result: Result<FetchResponse, FetchError>) -> FeedResponseRules.Response {
        switch result {
        case let .failure(error): return .failed(error)
        case let .success(response) where response.notModified: return .notModified(response)
        case let .success(response):
            return .document(response, Result { () throws(FeedParseError) in
                try parser.parse(response.body, url: response.effectiveURL, contentType: response.contentType)
            })
        }
    }

    /// Judges a document's new items on arrival; only on-topic items are kept for the ordered
    /// stage, so a big poll holds the stories that matter, not every item of every feed.
    private func consider(_ document: Feed, of feed: FeedSource, now: Date,
                          into gathered: inout Gathered) throws(StoreError) {
        let oldest = maxAge.map { now.addingTimeInterval(-Double($0.components.seconds)) }
        for (item, key) in try newItems(of: document, feed: feed, now: now, changes: &gathered.changes) {
            gathered.report.newItems += 1
            gathered.changes.seen.append((feed.url, key))
            if let oldest, let date = item.date, date < oldest {
                events.logger.debug("older than max_age [\(feed.name)] \(item.title ?? "(untitled)")")
                continue
            }
            let story = StoryText(item: item, readsBody: classifier.readsBody)
            let analysis = classifier.analyze(story)
            gathered.changes.terms.add(document: analysis.termKeys(leadSentences: judge.settings.identity.leadSentences))
            guard analysis.classification.onTopic else {
                events.logger.debug("not on topic [\(feed.name)] \(item.title ?? "(untitled)")")
                continue
            }
            let identity = classifier.identity(of: story.withBody { item.plainContent }, rules: judge.settings.identity,
                                               date: item.date ?? now)
            gathered.candidates.append(Candidate(feed: feed, item: item, key: key,
                                                 classification: analysis.classification, identity: identity))
        }
    }

    /// The document's items that this feed has not shown before, each once. Items it showed
    /// before and still shows are noted in `changes` (at most once a day each), so retention
    /// keeps their identity while the feed carries them.
    private func newItems(of document: Feed, feed: FeedSource, now: Date,
                          changes: inout CycleChanges) throws(StoreError) -> [(item: FeedItem, key: String)] {
        var keyed: [(item: FeedItem, key: String)] = []
        var keys = Set<String>()
        for item in document.items {
            let key = ItemIdentity.key(for: item)
            if keys.insert(key).inserted { keyed.append((item, key)) }
        }
        let seen = try store.seenKeys(feedURL: feed.url, among: keyed.map(\.key))
        let stale = now.addingTimeInterval(-86_400)
        for (key, lastSeen) in seen where lastSeen < stale { changes.stillCarried.append((feed.url, key)) }
        // Feeds list newest first; reverse so undated items also go oldest first.
        return keyed.filter { seen[$0.key] == nil }.reversed()
    }
}

extension PollEngine {
    /// `host:port` of a URL, the unit `Retry-After` applies to.
    static func hostKey(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return nil }
        let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }
}
