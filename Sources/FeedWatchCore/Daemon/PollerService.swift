import Foundation
import Logging
import ServiceLifecycle

/// The `run` loop as a swift-service-lifecycle service: polls each feed on its own interval until
/// a graceful shutdown (SIGTERM/SIGINT). A shutdown during a poll aborts the transfers still in
/// flight, but items already fetched are judged, alerted and committed before it returns.
public struct PollerService: Service {
    private let runtime: FeedWatchRuntime
    private let logger: Logger

    public init(runtime: FeedWatchRuntime, logger: Logger) {
        self.runtime = runtime
        self.logger = logger
    }

    public func run() async throws {
        let clock = ContinuousClock()
        let feeds = runtime.feeds
        var due = [String: ContinuousClock.Instant](uniqueKeysWithValues: feeds.map { ($0.url, clock.now) })

        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = clock.now
            let ready = feeds.filter { (due[$0.url] ?? now) <= now }
            if !ready.isEmpty {
                for feed in ready { due[feed.url] = now + (feed.interval ?? runtime.config.pollInterval) }
                try await pollOnce(ready)
            }
            guard let next = due.values.min() else { return }
            let wait = next - clock.now
            if wait > .zero {
                try? await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: wait)
                }
            }
        }
        logger.info("shutting down: state is committed")
    }

    private func pollOnce(_ feeds: [FeedSource]) async throws {
        let engine = runtime.engine
        let poll = Task { try await engine.poll(feeds) }
        let result = await withGracefulShutdownHandler {
            await poll.result
        } onGracefulShutdown: {
            poll.cancel()
        }
        switch result {
        case let .success(report):
            logger.info("\(report)")
        case let .failure(error):
            // The state database failed: nothing was committed, so the items come back next poll.
            logger.error("\(String(describing: error))")
        }
    }
}
