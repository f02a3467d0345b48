import FeedWatchConfiguration
import FeedWatchPipeline
import FeedWatchStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The `run` loop as a swift-service-lifecycle service: polls each feed on its own interval until
/// a graceful shutdown (SIGTERM/SIGINT), and reloads config and seeds on SIGHUP.
///
/// Under systemd it reports `READY=1` once running, keeps `STATUS=` current, sends `WATCHDOG=1`
/// from this loop (and from inside long polls), so a stuck loop gets the service restarted, and
/// says `RELOADING=1` / `STOPPING=1`. A shutdown during a poll aborts the transfers still in
/// flight; items already fetched are judged, alerted and committed before it returns.
public struct PollerService: Service {
    private let initial: FeedWatchRuntime
    private let logger: Logger
    private let notifier: SystemdNotifier
    public init(runtime: FeedWatchRuntime, logger: Logger, notifier: SystemdNotifier = SystemdNotifier()) {
        initial = runtime
        self.logger = logger
        self.notifier = notifier
    }

    /// What `STATUS=` reports.
    private struct Counters {
        var failing: Set<String> = []
        var alertsToday = 0
        var day = 0
        var polls = 0

        mutating func count(_ report: PollReport, now: Date) {
            let today = Int(now.timeIntervalSince1970 / 86_400)
            if today != day {
                day = today
                alertsToday = 0
            }
            alertsToday += report.alerts
            failing.subtract(report.succeededFeeds)
            failing.formUnion(report.failedFeeds)
            polls += 1
        }
    }

    public func run() async throws {
        let reloadRequested = Mutex(false)
        let signals = Task {
            for await _ in await UnixSignalsSequence(trapping: .sighup) { reloadRequested.withLock { $0 = true } }
        }
        defer { signals.cancel() }

        var runtime = initial
        var (due, attempts) = schedule(runtime, runtime.feeds, now: Date())
        var counters = Counters()
        notifier.ready(status: status(runtime, counters, next: due.values.min()))

        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            notifier.watchdog()
            if reloadRequested.withLock({ let wanted = $0; $0 = false; return wanted }) {
                runtime = reload(runtime, due: &due)
                notifier.ready(status: status(runtime, counters, next: due.values.min()))
            }
            let now = Date()
            let ready = runtime.feeds.filter { (due[$0.url] ?? now) <= now }
            if !ready.isEmpty {
                notifier.status("polling \(ready.count) feed(s); " + status(runtime, counters, next: nil))
                if let report = await pollOnce(ready, runtime: runtime) {
                    counters.count(report, now: Date())
                    // From what the store holds: failures, floors, Retry-After, retirement, and
                    // the polls of other instances sharing it (so every feed, not only these).
                    let fresh = schedule(runtime, runtime.feeds, now: Date())
                    due = FeedSchedule.replan(due, plan: fresh.due, attemptsBefore: attempts, attemptsNow: fresh.attempts,
                                              polled: Set(ready.map(\.url)))
                    attempts = fresh.attempts
                    // A feed another instance is polling right now: look again a little later
                    // (its commit then shows when it is due).
                    let later = Date().addingTimeInterval(min(30, FeedSchedule.seconds(runtime.config.pollInterval)))
                    for url in report.elsewhere { due[url] = max(due[url] ?? later, later) }
                } else {
                    for feed in ready { due[feed.url] = now.addingTimeInterval(60) }
                }
            }
            let next = due.values.min()
            notifier.status(status(runtime, counters, next: next))
            // Wake for the next due feed, a reload request, a shutdown, or the watchdog.
            var wait = max(0, (next ?? Date().addingTimeInterval(60)).timeIntervalSinceNow)
            if let watchdog = notifier.watchdogInterval { wait = min(wait, Double(watchdog.components.seconds) + Double(watchdog.components.attoseconds) / 1e18) }
            let deadline = Date().addingTimeInterval(wait)
            while Date() < deadline, !Task.isShuttingDownGracefully, !reloadRequested.withLock({ $0 }) {
                try? await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: .milliseconds(Int(min(1000, max(1, deadline.timeIntervalSinceNow * 1000)))))
                }
            }
        }
        notifier.stopping()
        logger.info("shutting down: state is committed")
    }

    /// When each of `feeds` is polled next, by `FeedSchedule.plan` from the stored state (the
    /// same answer `feedwatch status` gives). A retired feed is not scheduled; a state database
    /// that cannot be read delays the feeds a minute, with a warning.
    /// Also returns each feed's last attempt as stored, by which `FeedSchedule.replan` tells the
    /// feeds another instance polled.
    private func schedule(_ runtime: FeedWatchRuntime, _ feeds: [FeedSource],
                          now: Date) -> (due: [String: Date], attempts: [String: Date]) {
        let store = runtime.engine.store
        let states: [String: FeedState], waits: [String: Date]
        do {
            states = try store.feedStates(feeds.map(\.url))
            waits = try store.hostWaits(after: now)
        } catch {
            logger.warning("\(error); the feeds are tried again in a minute")
            return (Dictionary(feeds.map { ($0.url, now.addingTimeInterval(60)) }, uniquingKeysWith: { a, _ in a }), [:])
        }
        let plan = FeedSchedule.plan(feeds, defaultInterval: runtime.config.pollInterval, states: states, waits: waits,
                                     maxConcurrent: runtime.engine.fetcher.policy.maxConcurrent, now: now)
        return (plan.mapValues { $0.date ?? .distantFuture }, states.compactMapValues(\.lastAttemptAt))
    }

    private func status(_ runtime: FeedWatchRuntime, _ counters: Counters, next: Date?) -> String {
        var text = "\(runtime.feeds.count) feeds, \(counters.failing.count) failing, \(counters.alertsToday) alerts today"
        if let next {
            text += ", next poll in \(Int(max(0, next.timeIntervalSinceNow).rounded(.up))) s"
        }
        return text
    }

    /// Re-reads config and seeds. An invalid config is reported with its file:line and the
    /// running one stays; the state database stays open either way.
    private func reload(_ current: FeedWatchRuntime, due: inout [String: Date]) -> FeedWatchRuntime {
        notifier.reloading()
        logger.notice("reloading config and seeds (SIGHUP)")
        do {
            let next = try FeedWatchRuntime.load(current.overrides, logger: logger, store: current.engine.store)
            if next.config.stateDirectory != current.config.stateDirectory, current.overrides.stateDirectory == nil {
                logger.warning("state_dir changed in \(next.config.file); it takes effect at the next restart")
            }
            // The new config's intervals apply from now on, to every feed.
            due = schedule(next, next.feeds, now: Date()).due
            logger.notice("reloaded \(next.config.file): \(next.feeds.count) feed(s)")
            return next
        } catch {
            let problems = error.lines
            logger.error("reload rejected, the running configuration stays (\(problems.count) problem(s) follow)")
            for problem in problems { logger.error("\(problem)") }
            return current
        }
    }

    private func pollOnce(_ feeds: [FeedSource], runtime: FeedWatchRuntime) async -> PollReport? {
        let engine = runtime.engine
        let notifier = self.notifier
        let interval = runtime.config.pollInterval
        let poll = Task { try await engine.poll(feeds, scheduled: interval, heartbeat: { notifier.watchdog() }) }
        let result = await withGracefulShutdownHandler {
            await poll.result
        } onGracefulShutdown: {
            poll.cancel()
        }
        switch result {
        case let .success(report):
            logger.info("\(report)")
            return report
        case let .failure(error):
            // The state database failed: nothing was committed, so the items come back next poll.
            logger.error("\(String(describing: error))")
            return nil
        }
    }
}
