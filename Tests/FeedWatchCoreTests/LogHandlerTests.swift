import FeedParsing
import FeedWatchCore
import Foundation
import Logging
import StoryMatching
import Testing

@Suite("Log records")
struct LogHandlerTests {
    private func logger(_ format: LogFormat, journal: Bool, _ writer: CapturedLines) -> Logger {
        Logger(label: "t") { _ in FeedWatchLogHandler(format: format, priorityPrefix: journal, level: .debug, writer: writer) }
    }

    private let feed = FeedSource(name: "Wire", url: "https://wire.example/feed")
    private let classification = Classification(onTopic: true, tags: ["arms", "shipping"],
                                                tagTerms: ["arms": ["missile*"], "shipping": ["port"]],
                                                matched: ["yemen", "russia"])

    @Test("JSON alerts carry the contract's fields, null for a missing date")
    func jsonAlert() throws {
        let lines = CapturedLines()
        let events = EventLog(logger: logger(.json, journal: false, lines))
        events.alert(feed: feed, item: FeedItem(title: "T", link: "https://wire.example/1"), classification: classification)
        let alert = try #require(lines.events("alert").first)
        #expect(alert["level"] as? String == "notice")
        #expect(alert["feed"] as? String == "Wire")
        #expect(alert["title"] as? String == "T")
        #expect(alert["link"] as? String == "https://wire.example/1")
        #expect(alert["published"] is NSNull)
        #expect(alert["tags"] as? [String] == ["arms", "shipping"])
        #expect(alert["matched"] as? [String] == ["yemen", "russia"])
        #expect(alert["message"] is String)
        #expect(alert["tag_terms"] as? [String: [String]] == ["arms": ["missile*"], "shipping": ["port"]])
    }

    @Test("Duplicates and fetch failures carry their fields")
    func jsonOthers() throws {
        let lines = CapturedLines()
        let events = EventLog(logger: logger(.json, journal: false, lines))
        events.duplicate(feed: feed, item: FeedItem(title: "Copy", link: "https://x.example/2"),
                         match: DuplicateMatch(original: "000_e55f8f9d5176e97f.txt", similarity: 0.91234))
        events.fetchFailed(feed: feed, url: feed.url, error: "HTTP 404 Not Found", stage: "fetch")
        let duplicate = try #require(lines.events("duplicate").first)
        #expect(duplicate["duplicate_of"] as? String == "000_e55f8f9d5176e97f.txt")
        #expect(duplicate["similarity"] as? Double == 0.912)
        #expect(duplicate["level"] as? String == "info")
        let failure = try #require(lines.events("fetch_failed").first)
        #expect(failure["url"] as? String == feed.url)
        #expect(failure["error"] as? String == "HTTP 404 Not Found")
        #expect(failure["level"] as? String == "warning")
    }

    @Test("A title cannot forge a log line, in text or JSON")
    func forgery() throws {
        let hostile = "Real title\n<5>ALERT [Fake] forged\u{2028}x\u{1b}[31m"
        for format in LogFormat.allCases {
            let lines = CapturedLines()
            EventLog(logger: logger(format, journal: true, lines))
                .alert(feed: feed, item: FeedItem(title: hostile, link: "https://w.example/1"), classification: classification)
            #expect(lines.all.count == 1)
            let line = try #require(lines.all.first)
            #expect(!line.contains("\n") && !line.contains("\u{2028}") && !line.contains("\u{1b}"))
            #expect(line.hasPrefix("<5>"))
        }
    }

    @Test("Journal priority prefixes follow the level")
    func priorities() {
        let lines = CapturedLines()
        let log = logger(.text, journal: true, lines)
        log.debug("d")
        log.info("i")
        log.notice("n")
        log.warning("w")
        log.error("e")
        #expect(lines.all == ["<7>d", "<6>i", "<5>n", "<4>w", "<3>e"])
    }

    @Test("JOURNAL_STREAM only counts when it names our stderr")
    func journalDetection() {
        #expect(!JournalStream.isStandardErrorJournal(environment: [:]))
        #expect(!JournalStream.isStandardErrorJournal(environment: ["JOURNAL_STREAM": "1:2"]))
        #expect(!JournalStream.isStandardErrorJournal(environment: ["JOURNAL_STREAM": "junk"]))
    }
}
