import FeedWatchConfiguration
import FeedWatchStore
import Foundation
import StoryMatching

/// The parts of a poll that touch state other instances share: which feeds this instance
/// polls (leases), the ordered judging of the poll's stories against every instance's reports,
/// and the claim → write → delivered order of its alerts.
extension PollEngine {
    /// The feeds this poll would fetch, with their stored state: due by `DueFeeds` and, for a
    /// scheduled poll, not polled by another instance within half their interval (those are
    /// returned as left to others). Each window is then leased by `lease`.
    func select(_ feeds: [FeedSource], now: Date, force: Bool, announceSkips: Bool,
                scheduled: Duration?) throws(StoreError) -> (DueFeeds, [String: FeedState], Set<String>) {
        let states = try store.feedStates(feeds.map(\.url))
        let hostWaits = force ? [:] : try store.hostWaits(after: now)
        var selection = DueFeeds(feeds, states: states, hostWaits: hostWaits, force: force, announceSkips: announceSkips)
        selection.log.forEach(events.write)
        var elsewhere = Set<String>()
        // Checked before leasing: a lease taken only to be given back would keep the feed from
        // the instance whose turn it is.
        if let scheduled {
            selection.due = selection.due.filter { feed in
                let recent = Self.polledRecently(feed, state: states[feed.url], interval: scheduled, now: now)
                if recent { elsewhere.insert(feed.url) }
                return !recent
            }
        }
        return (selection, states, elsewhere)
    }

    /// The feeds of one window this instance fetches: leased to it, and not polled by another
    /// instance since their state was read (their state is refreshed from the store). Feeds a
    /// web page announced belong to a feed already leased and pass as they are.
    func lease(_ window: [Fetch], now: Date, into gathered: inout Gathered) throws(StoreError) -> [Fetch] {
        let urls = window.filter { !$0.discovered }.map(\.feed.url)
        guard !urls.isEmpty else { return window }
        let until = now.addingTimeInterval(Double(leaseDuration.components.seconds))
        let leased = try store.leaseFeeds(urls, instance: instance.name, until: until, now: now)
        let fresh = try store.feedStates(Array(leased))
        var dropped: [String] = []
        let mine = window.compactMap { entry -> Fetch? in
            let url = entry.feed.url
            if entry.discovered { return entry }
            guard leased.contains(url) else {
                gathered.report.elsewhere.insert(url)
                return nil
            }
            // Another instance may have polled it between the first read and the lease.
            guard fresh[url]?.lastAttemptAt == gathered.states[url]?.lastAttemptAt else {
                gathered.report.elsewhere.insert(url)
                dropped.append(url)
                return nil
            }
            gathered.states[url] = fresh[url] ?? gathered.states[url]
            return Fetch(feed: entry.feed, url: gathered.states[url]?.movedTo ?? url, discovered: false)
        }
        if mine.count < window.count {
            events.logger.debug("\(window.count - mine.count) feed(s) left to other instances sharing the store")
        }
        try store.releaseLeases(dropped, instance: instance.name)
        return mine
    }

    /// Whether a feed was polled (by any instance) within half its interval: the daemon's own
    /// schedule never asks that soon, so another instance did.
    static func polledRecently(_ feed: FeedSource, state: FeedState?, interval: Duration, now: Date) -> Bool {
        guard let state, let last = state.lastAttemptAt else { return false }
        let effective = FeedSchedule.effectiveInterval(feed.interval ?? interval, state: state)
        return now.timeIntervalSince(last) < FeedSchedule.seconds(effective) / 2
    }

    /// Alerts another process stored and died before writing: written now, marked delivered.
    func deliverTakenOver(now: Date) throws(StoreError) {
        let until = now.addingTimeInterval(Double(claimDuration.components.seconds))
        let taken = try store.takeOverAlerts(instance: instance.name, until: until, now: now)
        guard !taken.isEmpty else { return }
        for report in taken {
            events.alert(report.alert.flatMap(AlertEntry.init(encoded:)) ?? AlertEntry(report: report), now: now, takenOver: true)
        }
        events.flushFloodSummary()
        try store.markDelivered(taken.map(\.id), at: now)
    }

    /// What the ordered stage decided for one story, written to the log once it is stored.
    private struct Decision {
        var candidate: Candidate
        var report: StoredReport
        var alert: AlertEntry?
        var match: EventMatch?
    }

    /// The ordered stage and the commit: the poll's stories are judged oldest first (so the
    /// outlet that ran a story first is its original) against every instance's reports, and
    /// stored with the poll's changes in one transaction; then the alerts are written and marked
    /// delivered. A failed commit stores nothing of the poll and writes no alert: the items come
    /// back next poll.
    func judgeAndCommit(_ gathered: inout Gathered, now: Date, heartbeat: @Sendable () -> Void) async throws(StoreError) {
        let ordered = StoryOrder.oldestFirst(gathered.candidates, date: \.item.date)
        guard !ordered.isEmpty || !gathered.changes.isEmpty else { return }
        try judge.reloadIfStale(now: now)
        // Counted from the commit, not the poll's start: a long fetch must not store claims
        // that have already run out.
        let claim = AlertClaim(instance: instance.name, until: Date().addingTimeInterval(Double(claimDuration.components.seconds)),
                               after: judge.syncedThrough)
        var decisions: [Decision] = []
        let stored: [StoredReport]
        do {
            stored = try store.commit(gathered.changes, at: now, claim: claim) { fresh in
                judge.absorb(fresh, now: now)
                decisions = ordered.enumerated().map { position, candidate in
                    if position % 100 == 99 { heartbeat() }
                    return decide(candidate, now: now)
                }
                return decisions.map(\.report)
            }
        } catch {
            // Nothing of this poll was stored: forget its reports too, so the history matches
            // the database again (at the next poll, if the database cannot be read now).
            judge.forgetUncommitted(now: now)
            try? store.releaseLeases(nil, instance: instance.name)
            throw error
        }
        judge.stored(stored.map(\.id))
        for decision in decisions { write(decision, now: now, report: &gathered.report) }
        events.flushFloodSummary()
        await markDelivered(zip(decisions, stored).filter { $0.0.alert != nil }.map(\.1.id), now: now)
        maintain(gathered.changes, now: now)
    }

    /// Marks written alerts delivered, trying again for a while when the database does not
    /// answer (each try within the claim), so a short outage does not make another instance
    /// write them again.
    private func markDelivered(_ ids: [Int64], now: Date) async {
        guard !ids.isEmpty else { return }
        var wait = 1.0
        while true {
            do {
                try store.markDelivered(ids, at: Date())
                return
            } catch {
                if wait > Double(claimDuration.components.seconds) / 4 {
                    events.logger.warning("\(error) (the poll's alerts are written; after their claim runs out another process may write them again)")
                    return
                }
                try? await Task.sleep(for: .seconds(wait))
                wait *= 2
            }
        }
    }

    /// One story's verdict: a report of an event the user has (a duplicate, with the event's id
    /// and first report) or a new event (an alert). It joins the history at once, so a later
    /// story of the same poll is judged against it.
    private func decide(_ candidate: Candidate, now: Date) -> Decision {
        let item = candidate.item
        let identity = candidate.identity
        var alert: AlertEntry?
        let match = judge.match(identity)
        let kind: ReportKind, event: String, label: String, start: Date
        if let match {
            (kind, event, label, start) = (.duplicate, match.event, match.original, match.eventStart ?? identity.date)
        } else {
            event = EventID.new(feedURL: candidate.feed.url, itemKey: candidate.key)
            label = [item.link, item.title].compactMap { $0 }.first { !$0.isEmpty } ?? candidate.feed.url
            alert = AlertEntry(feed: candidate.feed, item: item, classification: candidate.classification, story: event)
            (kind, start) = (.alert, identity.date)
        }
        judge.remember(identity, event: event, label: label, start: start)
        let report = StoredReport(feedURL: candidate.feed.url, link: item.link, title: item.title, judgedAt: now, kind: kind,
                                  event: event, eventLabel: label, language: identity.language, eventDate: identity.date,
                                  eventStart: start, terms: identity.terms, alert: alert?.encoded)
        return Decision(candidate: candidate, report: report, alert: alert, match: match)
    }

    private func write(_ decision: Decision, now: Date, report: inout PollReport) {
        if let alert = decision.alert {
            events.alert(alert, now: now)
            report.alerts += 1
        } else if let match = decision.match {
            events.duplicate(feed: decision.candidate.feed, item: decision.candidate.item, match: match,
                             tags: decision.candidate.classification.tags)
            report.duplicates += 1
        }
    }

    /// After a stored poll: the judge weighs terms with its counts; the statistics are aged and
    /// old state pruned (both tried again after the next poll if they fail).
    private func maintain(_ changes: CycleChanges, now: Date) {
        judge.committed(changes.terms)
        do {
            try judge.maintain(now: now)
        } catch {
            events.logger.warning("\(error)")
        }
        do {
            let pruned = try store.prune(retention, now: now)
            if !pruned.isEmpty {
                events.logger.info("removed old state: \(pruned.items) item identities, \(pruned.reports) reports, \(pruned.hostWaits) expired waits")
            }
        } catch {
            events.logger.warning("\(error)")
        }
    }
}
