import FeedWatchConfiguration
import FeedWatchStore
import Foundation
import StoryMatching
import Synchronization

/// The event a report was found to belong to.
public struct EventMatch: Sendable, Equatable {
    /// The event's stable id (`story` in the log).
    public var event: String
    /// Its first report: a seed file name or a link (`duplicate_of` in the log).
    public var original: String
    public var similarity: Double
    public var measure: EventSimilarity.Measure
    /// Whether the two were within the window (a rewrite matched) or further apart (a near copy).
    public var withinWindow: Bool
    /// The report's date minus the event's start (a seed's date), in seconds (nil for an undated seed).
    public var secondsApart: Double?
    /// When the event started: its first report's date (a seed's date; nil for an undated seed).
    public var eventStart: Date?

    public init(event: String, original: String, similarity: Double, measure: EventSimilarity.Measure = .cosine,
                withinWindow: Bool = true, secondsApart: Double? = nil, eventStart: Date? = nil) {
        self.event = event
        self.original = original
        self.similarity = similarity
        self.measure = measure
        self.withinWindow = withinWindow
        self.secondsApart = secondsApart
        self.eventStart = eventStart
    }
}

/// Decides whether a report is a new event or one the user already has: a seed article's, or
/// one reported before (alerted, or already joined as a duplicate) in the same language.
///
/// The one judge for the poll pipeline and `feedwatch match`, so both give the same verdict.
/// It lives for the whole run: the history is loaded once from the state database (reports of
/// the last `history_days`), extended with each judged report, and rebuilt when the day turns
/// so old reports leave it; the term statistics that weigh words are those of the last committed
/// poll. Every report is indexed at its event's start date, so the window is counted from the
/// event's first report and a story cannot creep forward one rewrite at a time.
public final class StoryJudge: Sendable {
    /// What the history knows of a report's event.
    private struct EventRef {
        var event: String
        /// The first report's label (`duplicate_of`).
        var label: String
        var start: Date
    }

    private struct History {
        var index: EventIndex
        /// The event of each indexed report, by the judge's id for it.
        var events: [Int64: EventRef]
        var loadedAt: Date
        /// The highest stored report id the history holds or has passed: reports stored later
        /// by other instances are handed to `absorb` before the next poll is judged.
        var syncedThrough: Int64
        /// Reports judged here are named by negative ids until the history is next loaded, so
        /// they never collide with stored reports' ids.
        var nextLocalID: Int64 = -1
        /// Set when a failed commit's reports could not be dropped by a reload.
        var stale = false
    }

    public let settings: DedupSettings
    public let seeds: [SeedIdentity]
    private let store: (any StateStore)?
    private let history: Mutex<History>

    /// `store` nil: no history (only the seeds), with the built-in prior as statistics.
    public init(seeds: SeedCorpus, settings: DedupSettings, store: (any StateStore)?, now: Date = Date()) throws(StoreError) {
        self.seeds = seeds.seeds
        self.settings = settings
        self.store = store
        history = Mutex(try Self.load(store: store, settings: settings, now: now))
    }

    private static func load(store: (any StateStore)?, settings: DedupSettings, now: Date) throws(StoreError) -> History {
        guard let store else {
            return History(index: EventIndex(weighting: TermWeighting(statistics: TermStatistics())), events: [:],
                           loadedAt: now, syncedThrough: 0)
        }
        let statistics = try store.termStatistics().statistics
        // Read first: a report another instance stores while the history loads has a later id,
        // so `absorb` reads it (and skips it if the load below already has it). Reports older
        // than the history are not wanted, so reading starts after the newest stored now.
        let latest = try store.latestReportID()
        var index = EventIndex(weighting: TermWeighting(statistics: statistics))
        var events: [Int64: EventRef] = [:]
        for report in try store.reports(since: now.addingTimeInterval(-Double(settings.historyDays) * 86_400))
        where !EventID.isSeed(report.event) {
            index.insert(id: report.id, terms: report.terms, date: report.eventStart, language: report.language)
            events[report.id] = EventRef(event: report.event, label: report.eventLabel, start: report.eventStart)
        }
        return History(index: index, events: events, loadedAt: now, syncedThrough: latest)
    }

    /// How terms weigh now.
    public var weighting: TermWeighting { history.withLock { $0.index.weighting } }

    /// Rebuilds the history and statistics from the database: when the day turned, so old
    /// reports leave the window; after the statistics were aged; and after a failed commit, so
    /// reports that were never stored do not linger.
    public func reload(now: Date = Date()) throws(StoreError) {
        let fresh = try Self.load(store: store, settings: settings, now: now)
        history.withLock { $0 = fresh }
    }

    /// After each committed poll: ages the stored term statistics when a day has passed since
    /// they were last aged (half-life, size bound), and rebuilds the history when they were aged
    /// or the day turned. The poll is already stored, so a failure here loses nothing; it is
    /// tried again after the next poll.
    public func maintain(now: Date = Date()) throws(StoreError) {
        guard let store else { return }
        let aged = try store.ageTerms(to: StoreCalendar.day(now), halfLifeDays: settings.termHalfLifeDays, limit: settings.termLimit)
        let loadedAt = history.withLock { $0.loadedAt }
        if aged || StoreCalendar.day(now) != StoreCalendar.day(loadedAt) || abs(now.timeIntervalSince(loadedAt)) > 86_400 {
            try reload(now: now)
        }
    }

    /// The event `story` belongs to, or nil when it is a new one. A seed's event comes first (the
    /// user has that story); among seeds, and among stored reports, the one passing its threshold
    /// by the widest margin wins.
    public func match(_ story: StoryIdentity) -> EventMatch? {
        if let seed = seedMatch(story) { return seed }
        return history.withLock { state -> EventMatch? in
            guard let hit = state.index.nearest(to: story.terms, date: story.date, language: story.language, rules: settings.identity),
                  let event = state.events[hit.id] else { return nil }
            return EventMatch(event: event.event, original: event.label, similarity: hit.score, measure: .cosine,
                              secondsApart: hit.secondsApart, eventStart: event.start)
        }
    }

    /// The seed whose event `story` is, passing its threshold by the widest margin.
    private func seedMatch(_ story: StoryIdentity) -> EventMatch? {
        let rules = settings.identity
        let weighting = self.weighting
        var best: (match: EventMatch, margin: Double)?
        for seed in seeds {
            guard let verdict = seed.judge(story, rules: rules, weighting: weighting), verdict.isSame else { continue }
            let margin = verdict.score / (verdict.withinWindow ? rules.seedSimilarity : rules.copySimilarity)
            if margin > (best?.margin ?? 0) {
                best = (EventMatch(event: EventID.seed(seed.name), original: seed.name, similarity: verdict.score,
                                   measure: verdict.withinWindow ? .containment : .copy, withinWindow: verdict.withinWindow,
                                   secondsApart: seed.date.map { story.date.timeIntervalSince($0) }, eventStart: seed.date), margin)
            }
        }
        return best?.match
    }

    /// A report just judged (alerted, or joined to `match`'s event) joins the history, indexed at
    /// its event's start. Reports of a seed's event are not compared with later reports (the seed
    /// itself is, and a re-run of an old article must not pull this week's news into that old
    /// event).
    public func remember(_ story: StoryIdentity, event: String, label: String, start: Date) {
        guard !EventID.isSeed(event) else { return }
        history.withLock { state in
            let id = state.nextLocalID
            state.nextLocalID -= 1
            state.index.insert(id: id, terms: story.terms, date: start, language: story.language)
            state.events[id] = EventRef(event: event, label: label, start: start)
        }
    }

    /// After a failed commit: the reports judged for it leave the history. The history is
    /// reloaded now, or, when the database cannot be read either, before the next judging.
    public func forgetUncommitted(now: Date) {
        do {
            try reload(now: now)
        } catch {
            history.withLock { $0.stale = true }
        }
    }

    /// Reloads a history a failed commit left stale; throws (the poll fails, its items come
    /// back) while the database cannot be read.
    public func reloadIfStale(now: Date) throws(StoreError) {
        guard history.withLock({ $0.stale }) else { return }
        try reload(now: now)
    }

    /// The highest stored report id the history has seen (`AlertClaim.after`).
    public var syncedThrough: Int64 { history.withLock { $0.syncedThrough } }

    /// Reports other instances stored since `syncedThrough` join the history before this
    /// instance judges, so it judges against every instance's reports.
    public func absorb(_ reports: [StoredReport], now: Date = Date()) {
        let oldest = now.addingTimeInterval(-Double(settings.historyDays) * 86_400)
        history.withLock { state in
            for report in reports {
                state.syncedThrough = max(state.syncedThrough, report.id)
                guard !EventID.isSeed(report.event), report.judgedAt >= oldest, state.events[report.id] == nil else { continue }
                state.index.insert(id: report.id, terms: report.terms, date: report.eventStart, language: report.language)
                state.events[report.id] = EventRef(event: report.event, label: report.eventLabel, start: report.eventStart)
            }
        }
    }

    /// This instance's reports were stored with these ids: the history has them already.
    public func stored(_ ids: [Int64]) {
        guard let last = ids.max() else { return }
        history.withLock { $0.syncedThrough = max($0.syncedThrough, last) }
    }

    /// The poll's reports are stored and its items counted: the next poll weighs terms with them.
    public func committed(_ batch: TermBatch) {
        guard !batch.isEmpty else { return }
        history.withLock { $0.index.addStatistics(batch) }
    }

    // MARK: Explanations

    /// One known story and how `story` compares with it, for `match --explain`.
    public struct Neighbour: Sendable {
        public var event: String
        public var label: String
        public var comparison: EventSimilarity.Comparison
        /// The report's date minus the event's start (a seed's date), in seconds (nil for an undated seed).
        public var secondsApart: Double?
        /// The threshold that applies at this distance (nil: beyond the window, a different event).
        public var threshold: Double?
        public var isSeed: Bool
        /// What their actors did to the similarity (`IdentityRules.actorFactor`): below 1, they
        /// name different actors of one side; above 1, the same actor on both sides.
        public var actorFactor = 1.0
        /// Whether the judge counts the story as this one's event (for a seed's near copy, the
        /// figures must also agree, which the similarity alone does not say).
        public var isSame: Bool
    }

    /// The seeds and stored reports nearest to `story`, scored by a full scan and ordered as the
    /// judge decides: seeds of the same event first, then stored reports of the same event (the
    /// first of either is the match), then the rest by how near they came to their threshold.
    public func neighbours(of story: StoryIdentity, limit: Int = 3) -> [Neighbour] {
        let rules = settings.identity
        let weighting = self.weighting
        var all: [Neighbour] = []
        for seed in seeds where seed.language == story.language {
            guard let verdict = seed.judge(story, rules: rules, weighting: weighting) else { continue }
            var comparison = EventSimilarity.compare(story.terms, seed.terms, .containment, weighting: weighting)
            if !verdict.withinWindow { comparison = EventSimilarity.Comparison(score: verdict.score, measure: .copy, shared: comparison.shared) }
            all.append(Neighbour(event: EventID.seed(seed.name), label: seed.name, comparison: comparison,
                                 secondsApart: seed.date.map { story.date.timeIntervalSince($0) },
                                 threshold: verdict.withinWindow ? rules.seedSimilarity : rules.copySimilarity, isSeed: true,
                                 isSame: verdict.isSame))
        }
        history.withLock { state in
            for hit in state.index.ranked(story.terms, date: story.date, language: story.language, limit: .max) {
                guard let event = state.events[hit.id], let terms = state.index.terms(ofSlotWith: hit.id) else { continue }
                var comparison = EventSimilarity.compare(story.terms, terms, .cosine, weighting: weighting)
                let factor = rules.actorFactor(story.terms, terms)
                comparison.score = min(1, comparison.score * factor)
                let threshold = rules.threshold(secondsApart: hit.secondsApart)
                all.append(Neighbour(event: event.event, label: event.label, comparison: comparison,
                                     secondsApart: hit.secondsApart, threshold: threshold, isSeed: false,
                                     actorFactor: factor, isSame: threshold.map { comparison.score >= $0 } ?? false))
            }
        }
        func rank(_ neighbour: Neighbour) -> Int { neighbour.isSame ? (neighbour.isSeed ? 0 : 1) : 2 }
        return Array(all.sorted { (rank($0), -$0.margin) < (rank($1), -$1.margin) }.prefix(limit))
    }
}

extension StoryJudge.Neighbour {
    /// How far the similarity is above (> 1) or below its threshold; 0 beyond the window.
    public var margin: Double { threshold.map { comparison.score / $0 } ?? 0 }
}
