import FeedWatchOutput
import FeedWatchPipeline
import HTTPFetching
import Testing

@Suite("The summary `once` ends with")
struct PollSummaryTests {
    private func report(feeds: Int, failures: [FeedFailure: Int] = [:], skipped: Int = 0, unchanged: Int = 0,
                        newItems: Int = 0, alerts: Int = 0, duplicates: Int = 0) -> PollReport {
        var report = PollReport()
        report.feeds = feeds
        report.failures = failures
        report.failed = failures.values.reduce(0, +)
        report.skipped = skipped
        report.notModified = unchanged
        report.newItems = newItems
        report.alerts = alerts
        report.duplicates = duplicates
        return report
    }

    @Test("Feeds ok and failed by reason, then items, alerts and duplicates; no advice when some feeds worked")
    func counts() {
        let text = PollSummary(report: report(feeds: 14, failures: [.timedOut: 1, .httpStatus(404): 2], unchanged: 3,
                                              newItems: 312, alerts: 1, duplicates: 2),
                               configFile: "config/feedwatch.yaml").text
        #expect(text == """
            poll summary: 14 feeds: 11 ok (3 unchanged), 3 failed (1 timed out, 2 HTTP 404)
              312 new items, 1 alert, 2 duplicates
            """)
    }

    @Test("Every feed failing to connect suggests there is no network, and the demo")
    func offline() {
        let text = PollSummary(report: report(feeds: 14, failures: [.hostNotFound: 13, .timedOut: 1]), configFile: "c.yaml").text
        #expect(text.hasPrefix("poll summary: 14 feeds: 0 ok, 14 failed (13 host not found, 1 timed out)\n  0 new items, 0 alerts, 0 duplicates\n"))
        #expect(text.contains("next step: no feed could be reached. No network?"))
        #expect(text.contains("feedwatch demo"))
    }

    @Test("Every feed failing for the feeds' own reasons points at the config, not the network")
    func brokenFeeds() {
        let text = PollSummary(report: report(feeds: 2, failures: [.httpStatus(404): 1, .notAFeed: 1]), configFile: "c.yaml").text
        #expect(!text.contains("No network"))
        #expect(text.contains("Fix the URLs in c.yaml"))
        let private_ = PollSummary(report: report(feeds: 1, failures: [.privateAddress: 1]), configFile: "c.yaml").text
        #expect(private_.contains("--allow-private-networks"))
    }

    @Test("Skipped feeds are neither ok nor failed")
    func skipped() {
        let text = PollSummary(report: report(feeds: 3, failures: [.unreachable: 1], skipped: 2), configFile: "c.yaml").text
        #expect(text.hasPrefix("poll summary: 3 feeds: 0 ok, 1 failed (1 could not connect), 2 skipped"))
        #expect(text.contains("No network?"))
    }

    @Test("Fetch errors map to the reasons a person acts on")
    func reasons() {
        #expect(FeedFailure(FetchError(kind: .hostNotFound, message: "")) == .hostNotFound)
        #expect(FeedFailure(FetchError(kind: .httpStatus(503), message: "")).label == "HTTP 503")
        #expect(FeedFailure(FetchError(kind: .tooLarge, message: "")).isNetwork == false)
    }
}
