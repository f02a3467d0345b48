import FeedParsing
import FeedWatchConfiguration
import FeedWatchPipeline
import FeedWatchService
import Foundation
import Logging
import StoryMatching
import Testing
import TestSupport

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
        events.alert(feed: feed, item: FeedItem(title: "T", link: "https://wire.example/1"), classification: classification, story: "0a1b2c3d4e5f")
        let alert = try #require(lines.events("alert").first)
        #expect(alert["level"] as? String == "notice")
        #expect(alert["story"] as? String == "0a1b2c3d4e5f")
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
                         match: EventMatch(event: "seed:000_e55f8f9d5176e97f", original: "000_e55f8f9d5176e97f.txt", similarity: 0.91234),
                         tags: ["diplomacy", "military"])
        events.fetchFailed(feed: feed, url: feed.url, error: "HTTP 404 Not Found", stage: "fetch")
        let duplicate = try #require(lines.events("duplicate").first)
        #expect(duplicate["duplicate_of"] as? String == "000_e55f8f9d5176e97f.txt")
        #expect(duplicate["story"] as? String == "seed:000_e55f8f9d5176e97f")
        #expect(duplicate["similarity"] as? Double == 0.912)
        #expect(duplicate["tags"] as? [String] == ["diplomacy", "military"])
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
                .alert(feed: feed, item: FeedItem(title: hostile, link: "https://w.example/1"), classification: classification, story: "0a1b2c3d4e5f")
            #expect(lines.all.count == 1)
            let line = try #require(lines.all.first)
            #expect(!line.contains("\n") && !line.contains("\u{2028}") && !line.contains("\u{1b}"))
            #expect(line.hasPrefix("<5>"))
        }
    }

    @Test("A text alert names its story, as the duplicates that join it do")
    func textAlertStory() throws {
        let lines = CapturedLines()
        let events = EventLog(logger: logger(.text, journal: true, lines))
        events.alert(feed: feed, item: FeedItem(title: "T", link: "https://wire.example/1"), classification: classification, story: "0a1b2c3d4e5f")
        events.duplicate(feed: feed, item: FeedItem(title: "T again", link: "https://other.example/2"),
                         match: EventMatch(event: "0a1b2c3d4e5f", original: "https://wire.example/1", similarity: 0.5), tags: [])
        #expect(lines.all.first == "<5>ALERT [Wire] T <https://wire.example/1> story 0a1b2c3d4e5f tags: arms, shipping; matched: yemen, russia")
        #expect(lines.all.last?.contains("reports story 0a1b2c3d4e5f, first reported as https://wire.example/1") == true)
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

    @Test("The flood guard demotes alerts past the limit to INFO, keeps every field, and summarises once")
    func floodGuard() {
        let lines = CapturedLines()
        let events = EventLog(logger: logger(.json, journal: false, lines), floodLimit: 2)
        let minute = Date(timeIntervalSince1970: 1_800_000_000)
        for n in 0..<5 {
            events.alert(feed: feed, item: FeedItem(title: "T\(n)", link: "https://w.example/\(n)"),
                         classification: classification, story: "0a1b2c3d4e5f", now: minute.addingTimeInterval(Double(n)))
        }
        events.flushFloodSummary()
        let alerts = lines.events("alert")
        #expect(alerts.count == 5)
        #expect(alerts.map { $0["level"] as? String } == ["notice", "notice", "info", "info", "info"])
        #expect(alerts.allSatisfy { $0["tags"] as? [String] == ["arms", "shipping"] })
        let summaries = lines.events("flood_summary")
        #expect(summaries.count == 1)
        #expect(summaries.first?["level"] as? String == "notice")
        #expect(summaries.first?["demoted"] as? Int == 3)
        // A new minute starts counting again.
        events.alert(feed: feed, item: FeedItem(title: "Later", link: "https://w.example/9"),
                     classification: classification, story: "0a1b2c3d4e5f", now: minute.addingTimeInterval(120))
        #expect(lines.events("alert").last?["level"] as? String == "notice")
    }

    @Test("Under journald, records go natively with FEEDWATCH_ fields, one FEEDWATCH_TAG per tag")
    func journalNative() throws {
        let journal = try NotifyListener()  // any datagram socket will do
        let lines = CapturedLines()
        let log = Logger(label: "t") { _ in
            FeedWatchLogHandler(format: .text, priorityPrefix: true, writer: lines, journal: JournalWriter(socketPath: journal.path))
        }
        EventLog(logger: log).alert(feed: feed, item: FeedItem(title: "Two\nlines", link: "https://w.example/1"), classification: classification, story: "0a1b2c3d4e5f")
        let deadline = Date().addingTimeInterval(5)
        while journal.messages.isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(lines.all.isEmpty, "nothing on stderr when the journal took the record")
        let fields = try #require(journal.messages.first.map(Self.decodeNative))
        #expect(fields.filter { $0.0 == "FEEDWATCH_TAG" }.map(\.1) == ["arms", "shipping"])
        #expect(fields.first { $0.0 == "FEEDWATCH_EVENT" }?.1 == "alert")
        #expect(fields.first { $0.0 == "FEEDWATCH_STORY" }?.1 == "0a1b2c3d4e5f")
        #expect(fields.first { $0.0 == "FEEDWATCH_TITLE" }?.1 == "Two\nlines")
        #expect(fields.first { $0.0 == "PRIORITY" }?.1 == "5")
        #expect(fields.first { $0.0 == "FEEDWATCH_LINK" }?.1 == "https://w.example/1")
    }

    @Test("When the journal socket refuses, the line goes to stderr with its priority prefix")
    func journalFallback() {
        let lines = CapturedLines()
        let log = Logger(label: "t") { _ in
            FeedWatchLogHandler(format: .text, priorityPrefix: true, writer: lines, journal: JournalWriter(socketPath: "/nonexistent/socket"))
        }
        log.warning("w")
        #expect(lines.all == ["<4>w"])
    }

    /// Decodes journald's binary field format (name, newline, 64-bit LE length, value, newline).
    static func decodeNative(_ message: String) -> [(String, String)] {
        let bytes = Array(message.utf8)
        var fields: [(String, String)] = []
        var index = 0
        while index < bytes.count {
            guard let newline = bytes[index...].firstIndex(of: 10), newline + 9 <= bytes.count else { break }
            let name = String(decoding: bytes[index..<newline], as: UTF8.self)
            var length = 0
            for k in 0..<8 { length |= Int(bytes[newline + 1 + k]) << (8 * k) }
            let start = newline + 9
            fields.append((name, String(decoding: bytes[start..<min(bytes.count, start + length)], as: UTF8.self)))
            index = start + length + 1
        }
        return fields
    }

    @Test("JOURNAL_STREAM only counts when it names our stderr")
    func journalDetection() {
        #expect(!JournalStream.isStandardErrorJournal(environment: [:]))
        #expect(!JournalStream.isStandardErrorJournal(environment: ["JOURNAL_STREAM": "1:2"]))
        #expect(!JournalStream.isStandardErrorJournal(environment: ["JOURNAL_STREAM": "junk"]))
    }
}
