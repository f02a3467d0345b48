import FeedWatchPipeline

/// What one poll found, as the short block `feedwatch once` ends with: the log above it has a
/// line per event, this says in three or four lines whether the poll worked and, when no feed
/// could be read, what to try next.
public struct PollSummary: Sendable {
    public let report: PollReport
    /// The config file the feeds came from, named in the advice.
    public let configFile: String

    public init(report: PollReport, configFile: String) {
        self.report = report
        self.configFile = configFile
    }

    public var text: String {
        let lines = [feedsLine, "  \(count(report.newItems, "new item")), \(count(report.alerts, "alert")), \(count(report.duplicates, "duplicate"))"]
        let advice = nextStep.enumerated().map { ($0.offset == 0 ? "  " : "    ") + $0.element }
        return (lines + advice).joined(separator: "\n")
    }

    private var feedsLine: String {
        let polled = report.feeds - report.skipped
        var line = "poll summary: \(count(report.feeds, "feed")): \(polled - report.failed) ok"
        if report.notModified > 0 { line += " (\(report.notModified) unchanged)" }
        line += ", \(report.failed) failed"
        if !report.failures.isEmpty {
            line += " (" + report.failures.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.label)" }.joined(separator: ", ") + ")"
        }
        if report.skipped > 0 { line += ", \(report.skipped) skipped (retired, or asked to wait; `once --force` polls them)" }
        return line
    }

    /// Advice only when nothing could be read: with some feeds ok, the warnings above name each
    /// broken one.
    private var nextStep: [String] {
        guard report.failed > 0, report.failed == report.feeds - report.skipped else { return [] }
        let reasons = Set(report.failures.keys)
        if reasons.allSatisfy(\.isNetwork) {
            return ["next step: no feed could be reached. No network? Check this machine's internet access and DNS",
                    "(or set https_proxy: README, Proxies), then run `feedwatch once` again.",
                    "`feedwatch demo` shows feedwatch at work without network."]
        }
        if reasons == [.privateAddress] {
            return ["next step: every feed is on a private or loopback address: pass --allow-private-networks",
                    "(or set allow_private_networks: true in \(configFile))."]
        }
        return ["next step: every feed failed; the warnings above give each feed's reason.",
                "Fix the URLs in \(configFile), then run `feedwatch once` again."]
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
