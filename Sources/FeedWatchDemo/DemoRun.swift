import FeedWatchConfiguration
import FeedWatchOutput
import FeedWatchPipeline
import FeedWatchService
import FeedWatchStore
import Foundation
import Logging

/// `feedwatch demo`: what feedwatch does, shown in a few seconds on any machine. It serves the
/// bundled sample feeds on 127.0.0.1, polls them twice through the real pipeline (libcurl,
/// libxml2, the config's rules and seeds, SQLite state in a folder of its own), prints the log as
/// the journal would get it, explains one alert with `match --explain`, and ends with the
/// commands that run feedwatch for real. No network and no root: a newcomer on a machine
/// without internet access still sees alerts, duplicates and what they mean.
public struct DemoRun: Sendable {
    private let configPath: String?
    private let out: any LogLineWriter

    /// `configPath`: as `--config` (nil: /etc/feedwatch/feedwatch.yaml, else ./config/feedwatch.yaml).
    public init(configPath: String?, output: any LogLineWriter = StandardOutputWriter()) {
        self.configPath = configPath
        self.out = output
    }

    /// Runs the demo. The state folder is removed whatever happens.
    public func run() async throws(DemoError) {
        let folder = try DemoStateFolder()
        defer { folder.remove() }
        let server = try LoopbackServer()
        defer { server.stop() }
        // Whole minutes, so the sample's dates read cleanly.
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        let explanation = try await pollTwice(server: server, stateDirectory: folder.path, start: start)
        say("", explanationHeading(start: start), "", explanation.trimmingCharacters(in: .newlines))
        folder.remove()
        say("", "(removed \(folder.path))", "", closing)
    }

    /// Both polls, with the state in `stateDirectory`; returns the explanation of
    /// `DemoSample.explained` as poll 2 judged it (with the state poll 1 left). The runtime and
    /// its database are released on return, before the folder is removed.
    private func pollTwice(server: LoopbackServer, stateDirectory: String, start: Date) async throws(DemoError) -> String {
        server.publish(pages(poll: 1, start: start))
        let (runtime, logger) = try loadRuntime(server: server, stateDirectory: stateDirectory)
        say("", "== Poll 1: the feeds as first seen (\(itemCount(poll: 1)) items) ==")
        try await poll(1, runtime: runtime, logger: logger)
        let explanation = try explain(DemoSample.explained, published: published(DemoSample.explained, start),
                                      runtime: runtime, stateDirectory: stateDirectory)
        server.publish(pages(poll: 2, start: start))
        say("", "== Poll 2: the same feeds with \(itemCount(poll: 2) - itemCount(poll: 1)) new items ==")
        try await poll(2, runtime: runtime, logger: logger)
        say("", readingGuide(seeds: runtime.config.seedsDirectory))
        return explanation
    }

    /// The config's rules and seeds with the sample feeds in place of the configured ones, the
    /// state in `stateDirectory`, loopback allowed and proxies bypassed (the feeds are on this
    /// machine). A broken config is reported before any demo output.
    private func loadRuntime(server: LoopbackServer, stateDirectory: String) throws(DemoError) -> (FeedWatchRuntime, Logger) {
        let configFile = ConfigLoader.locate(explicit: configPath)
        do {
            _ = try ConfigLoader.load(path: configFile)
        } catch {
            throw .runtime(.config(error))
        }
        say(introduction(server: server, config: configFile, stateDirectory: stateDirectory))
        let logger = Logger(label: "feedwatch-demo") { [out] _ in
            FeedWatchLogHandler(format: .text, priorityPrefix: false, level: .info, writer: out)
        }
        let feeds = DemoSample.feeds.map { FeedSource(name: $0.name, url: server.url($0.path)) }
        let overrides = RuntimeOverrides(configPath: configPath, stateDirectory: stateDirectory, allowPrivateNetworks: true,
                                         feeds: feeds, ignoreProxies: true)
        do {
            return (try FeedWatchRuntime.load(overrides, logger: logger), logger)
        } catch {
            throw .runtime(error)
        }
    }

    /// One poll, its summary line as the journal gets it, and a note when the config in use
    /// judged the sample differently from the shipped one.
    private func poll(_ number: Int, runtime: FeedWatchRuntime, logger: Logger) async throws(DemoError) {
        let report: PollReport
        do {
            report = try await runtime.engine.poll(runtime.feeds)
        } catch {
            throw .store(error)
        }
        logger.info("\(report)")
        let new = DemoSample.feeds.flatMap(\.items).filter { $0.poll == number }
        let alerts = new.filter { $0.expected == .alert }.count
        let duplicates = new.filter { $0.expected == .duplicateOfAlert || $0.expected == .duplicateOfSeed }.count
        if report.failed > 0 || report.alerts != alerts || report.duplicates != duplicates {
            say("note: with the shipped config and seeds this poll gives \(alerts) alert(s) and \(duplicates) duplicate(s); "
                + "\(runtime.config.file) or its seeds (\(runtime.config.seedsDirectory)) differ from them")
        }
    }

    /// `feedwatch match --explain` of `item` against the state as it is now, exactly as the
    /// command builds it: the config's rules and seeds, the state database read-only.
    private func explain(_ item: DemoItem, published: Date, runtime: FeedWatchRuntime,
                         stateDirectory: String) throws(DemoError) -> String {
        let config = runtime.config
        let classifier = runtime.engine.classifier
        let seeds = SeedCorpus.load(directory: config.seedsDirectory, classifier: classifier)
        do {
            let judge = try StoryJudge(seeds: seeds, settings: config.dedup, store: try SQLiteStore.readOnly(directory: stateDirectory))
            let check = StoryCheck(text: item.plainText, published: published, classifier: classifier, judge: judge)
            return check.explanation(rules: config.rules)
        } catch {
            throw .store(error)
        }
    }

    private func pages(poll: Int, start: Date) -> [String: LoopbackServer.Page] {
        var pages: [String: LoopbackServer.Page] = [:]
        for feed in DemoSample.feeds {
            let type = feed.format == .rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8"
            pages[feed.path] = LoopbackServer.Page(contentType: type, body: DemoFeedDocument(feed: feed, poll: poll, start: start).bytes)
        }
        return pages
    }

    private func published(_ item: DemoItem, _ start: Date) -> Date { start.addingTimeInterval(-Double(item.hoursAgo) * 3600) }

    private func itemCount(poll: Int) -> Int { DemoSample.feeds.reduce(0) { $0 + $1.items(upTo: poll).count } }

    private func explanationHeading(start: Date) -> String {
        let item = DemoSample.explained
        return """
            == Why poll 2 alerted "\(item.title)" ==
            $ feedwatch match --explain --published \(DemoFeedDocument.iso8601(published(item, start))) --state-dir STATE story.txt
              (STATE as poll 1 left it; story.txt holds the item's title, a blank line and its lead)
            """
    }

    private func introduction(server: LoopbackServer, config: String, stateDirectory: String) -> String {
        let feeds = DemoSample.feeds.map { "  \($0.name) (\($0.format.rawValue)): \(server.url($0.path))" }
        return """

            feedwatch demo: three sample feeds in English, Arabic and Russian, served on this machine and polled
            twice through the real pipeline with the rules and seeds of \(config). No network is used.
            \(feeds.joined(separator: "\n"))
            State: \(stateDirectory) (removed at the end).
            Below is the log as the journal gets it.

            """
    }

    private func readingGuide(seeds: String) -> String {
        let offTopic = DemoSample.feeds.flatMap(\.items).filter { $0.expected == .offTopic }.count
        return """
            How to read it: an ALERT (priority NOTICE) is a story new to you, with its story id. A duplicate (INFO)
            is another report of a story you have: it names that story's id and its first report, a seed article
            or an earlier alert's link, and does not alert again. A first report in another language is news, so
            the Russian report of the wheat ship is an ALERT. The \(offTopic) items not about Yemen–Russia relations are
            logged at debug level only. Seed articles: \(seeds).
            """
    }

    private var closing: String {
        """
        == Run it for real ==
          install as a service (from a checkout):  sudo scripts/install.sh && sudo systemctl enable --now feedwatch
          follow alerts:                           journalctl -u feedwatch -p notice -f
          tune the config:                         sudoedit /etc/feedwatch/feedwatch.yaml && feedwatch check-config && sudo systemctl reload feedwatch
        """
    }

    private func say(_ lines: String...) {
        for block in lines {
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) { out.write(line: String(line)) }
        }
    }
}
