import FeedWatchConfiguration
import Logging

/// A line a stage of the poll asks to have written. The stages decide what to say and at which
/// level but write nothing themselves: they stay pure functions whose rules, and what those rules
/// tell the user, are tested without a logger or a server. `PollEngine` writes the lines, the
/// records other tools read through `EventLog`.
public enum PollLogLine: Sendable, Equatable {
    /// A `fetch_failed` record: `url` could not be fetched (`stage` "fetch") or read ("parse").
    case fetchFailed(feed: FeedSource, url: String, error: String, stage: String)
    /// A `feed_warning` record: the document at `url` was read, but something in it was
    /// recovered from or cut off.
    case feedWarning(feed: FeedSource, url: String, warning: String)
    /// A plain line at `level`.
    case message(Logger.Level, String)
}

extension EventLog {
    /// Writes a line a stage of the poll asked for.
    func write(_ line: PollLogLine) {
        switch line {
        case let .fetchFailed(feed, url, error, stage): fetchFailed(feed: feed, url: url, error: error, stage: stage)
        case let .feedWarning(feed, url, warning): feedWarning(feed: feed, url: url, warning: warning)
        case let .message(level, text): logger.log(level: level, "\(text)")
        }
    }
}
