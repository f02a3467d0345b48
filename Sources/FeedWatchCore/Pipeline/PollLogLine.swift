import Logging

/// A line a stage of the poll asks to have written. The stages decide what to say and at which
/// level but write nothing themselves: they stay pure functions whose rules, and what those rules
/// tell the user, are tested without a logger or a server. `PollEngine` writes the lines.
public enum PollLogLine: Sendable, Equatable {
    /// A plain line at `level`.
    case message(Logger.Level, String)
}

extension EventLog {
    /// Writes a line a stage of the poll asked for.
    func write(_ line: PollLogLine) {
        switch line {
        case let .message(level, text): logger.log(level: level, "\(text)")
        }
    }
}
