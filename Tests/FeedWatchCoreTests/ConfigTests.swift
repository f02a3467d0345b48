import FeedParsing
import FeedWatchConfiguration
import FeedWatchPipeline
import FeedWatchService
import Foundation
import StoryMatching
import Testing

@Suite("Config file")
struct ConfigTests {
    @Test("The shipped config is valid, has the eight tags and real feeds")
    func shipped() throws {
        let path = repositoryRoot.appendingPathComponent("config/feedwatch.yaml").path
        let config = try ConfigLoader.load(path: path)
        #expect(config.tagNames == ["diplomacy", "government", "houthis", "un", "military", "arms", "shipping", "economy"])
        #expect(config.feeds.count >= 10)
        #expect(config.feeds.allSatisfy { $0.url.hasPrefix("https://") })
        #expect(config.seedsDirectory == repositoryRoot.appendingPathComponent("seeds").standardizedFileURL.path)
        #expect(config.pollInterval == .seconds(900))
        #expect(config.dedup.identity == IdentityRules())
        #expect(config.dedup.historyDays == 30)
    }

    static let valid = """
        feeds:
          - name: One
            url: https://one.example/feed
        seeds_dir: .
        topic:
          yemen: [yemen]
          russia: [russia]
        tags:
          arms: [weapons]
        """

    @Test("A minimal config loads, relative paths resolve against the file's folder")
    func minimal() throws {
        let config = try ConfigLoader.parse(Self.valid, file: "/tmp/feedwatch.yaml")
        #expect(config.feeds == [FeedSource(name: "One", url: "https://one.example/feed")])
        #expect(config.stateDirectory == "/state")
    }

    @Test("Errors name the file, the line and the key", arguments: [
        ("feeds:\n  - name: One\n    url: ftp://one.example/feed\nseeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 3, "feeds[0].url"),
        ("seeds_dir: .\npoll_intervall: 5m\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 2, "poll_intervall"),
        ("seeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia:\n    - russia\n    - \"*\"\n", 6, "topic.russia[1]"),
        ("seeds_dir: .\npoll_interval: soon\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 2, "poll_interval"),
        ("seeds_dir: /nonexistent/seeds\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 1, "seeds_dir"),
        ("seeds_dir: .\ndedup:\n  event_similarity: 3\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 3, "dedup.event_similarity"),
        ("seeds_dir: .\ndedup:\n  window: 1d\n  history_days: 0\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 4, "dedup.history_days"),
        ("seeds_dir: .\naliases:\n  lavrov:\n    side: moscow\n    en: [lavrov]\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 4, "aliases.lavrov.side"),
        ("seeds_dir: .\naliases:\n  lavrov:\n    role: minister\n    en: [lavrov]\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 4, "aliases.lavrov"),
        ("seeds_dir: .\naliases:\n  lavrov:\n    side: russia\n    tags: [diplomatic]\n    en: [lavrov]\ntopic:\n  yemen: [yemen]\n  russia: [russia]\ntags:\n  diplomacy: [talks]\n", 5, "aliases.lavrov.tags"),
        ("seeds_dir: .\npoll_interval: 999999999999999d\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 2, "poll_interval"),
        ("seeds_dir: .\npoll_interval: 20s\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 2, "poll_interval"),
        ("feeds:\n  - url: https://one.example/feed\n    interval: 1s\nseeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 3, "feeds[0].interval"),
        ("seeds_dir: .\nfetch:\n  max_concurrent: 0\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 3, "fetch.max_concurrent"),
        ("seeds_dir: .\nfetch:\n  connect_timeout: 30s\n  timeout: 10s\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 4, "fetch.timeout"),
        ("seeds_dir: .\ndedup:\n  window: 90d\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 3, "dedup.window"),
        ("seeds_dir: .\nalert_flood_limit: -1\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", 2, "alert_flood_limit"),
        ("seeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n  weights:\n    title: 1e300\n", 6, "topic.weights.title"),
        ("seeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia: [russia]\ntags:\n  houthis:\n    scope: everywhere\n    terms: [houthi]\n", 7, "tags.houthis.scope"),
    ])
    func located(_ text: String, _ line: Int, _ key: String) throws {
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse(text, file: "/tmp/feedwatch.yaml") }
        let first = try #require(error.errors.first)
        #expect(first.file == "/tmp/feedwatch.yaml")
        #expect(first.line == line)
        #expect(first.key == key)
        #expect(first.description.hasPrefix("/tmp/feedwatch.yaml:\(line): \(key): "))
    }

    @Test("Bounds come with their reason, and zero redirects is a choice, not an error")
    func bounds() throws {
        let error = try #require(throws: ConfigErrors.self) {
            try ConfigLoader.parse("seeds_dir: .\npoll_interval: 5s\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", file: "/tmp/f.yaml")
        }
        #expect(error.description.contains("from 30s to 7d") && error.description.contains("publishers"))
        let config = try ConfigLoader.parse("seeds_dir: .\nfetch:\n  max_redirects: 0\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n", file: "/tmp/f.yaml")
        #expect(config.fetch.maxRedirects == 0)
        // One's own servers (allow_private_networks) may be polled every second, with a notice.
        let local = try ConfigLoader.parse("seeds_dir: .\nallow_private_networks: true\npoll_interval: 1s\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n",
                                           file: "/tmp/f.yaml")
        #expect(local.pollInterval == .seconds(1))
        #expect(local.notices.first?.key == "poll_interval" && local.notices.first?.line == 3)
    }

    @Test("A config from before story identity still loads: its dedup.similarity is ignored with a notice naming the line")
    func upgradedConfig() throws {
        let config = try ConfigLoader.parse("seeds_dir: .\ndedup:\n  similarity: 0.65\n  history_days: 30\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n",
                                            file: "/tmp/feedwatch.yaml")
        #expect(config.dedup.identity == IdentityRules())
        let notice = try #require(config.notices.first)
        #expect(notice.line == 3 && notice.key == "dedup.similarity")
        #expect(notice.message.contains("no longer used"))
    }

    @Test("retention: defaults of 90 days, story_days raised to history_days by default and refused below it, seen_days bounded")
    func retention() throws {
        let base = "seeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n"
        let plain = try ConfigLoader.parse(base, file: "/tmp/f.yaml")
        #expect(plain.retention == Retention(seenDays: 90, storyDays: 90))
        let long = try ConfigLoader.parse(base + "dedup:\n  history_days: 120\n", file: "/tmp/f.yaml")
        #expect(long.retention.storyDays == 120)
        let set = try ConfigLoader.parse(base + "retention:\n  seen_days: 30\n  story_days: 365\n", file: "/tmp/f.yaml")
        #expect(set.retention == Retention(seenDays: 30, storyDays: 365))
        let short = try #require(throws: ConfigErrors.self) {
            try ConfigLoader.parse(base + "dedup:\n  history_days: 60\nretention:\n  story_days: 30\n", file: "/tmp/f.yaml")
        }
        #expect(short.errors.first?.key == "retention.story_days" && short.errors.first?.line == 8)
        let tiny = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse(base + "retention:\n  seen_days: 2\n", file: "/tmp/f.yaml") }
        #expect(tiny.errors.first?.key == "retention.seen_days" && tiny.description.contains("alert it again"))
    }

    @Test("A term that can never match still loads (a config that worked keeps working), with a notice naming its line")
    func unmatchableTermNotice() throws {
        let config = try ConfigLoader.parse("seeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia:\n    - russia\n    - рoссия\n",
                                            file: "/tmp/feedwatch.yaml")
        let notice = try #require(config.notices.first)
        #expect(notice.line == 6 && notice.key == "topic.russia[1]")
        #expect(notice.message.contains("will never match") && notice.message.contains("Cyrillic and Latin"))
        #expect(config.rules.russia.terms.count == 2)
    }

    @Test("A term read as a function word loads, with a notice: an Arabic term loses its article, so الان reads as ان")
    func functionWordTermNotice() throws {
        let config = try ConfigLoader.parse("seeds_dir: .\ntopic:\n  yemen: [yemen, الان, \"of the\", \"the yemeni\"]\n  russia: [russia]\n",
                                            file: "/tmp/feedwatch.yaml")
        #expect(config.notices.map(\.key) == ["topic.yemen[1]", "topic.yemen[2]"])
        #expect(config.notices.first?.message.contains("\"ان\", a function word") == true)
        #expect(config.notices.last?.message.contains("function words found in nearly every story") == true)
    }

    @Test("A tag term whose words another term of the tag already matches loads, with a notice: one word would score twice")
    func repeatedTagTermNotice() throws {
        let text = "seeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia: [russia]\ntags:\n  economy:\n    threshold: 2\n"
            + "    terms: [oil, نفط, النفط, loan, loans, \"ديون*\", الديون, \"oil tanker\"]\n"
        let config = try ConfigLoader.parse(text, file: "/tmp/feedwatch.yaml")
        let messages = config.notices.map(\.message)
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.contains("\"النفط\"") && $0.contains("\"نفط\"") })
        #expect(messages.contains { $0.contains("\"loans\"") && $0.contains("\"loan\"") })
        #expect(messages.contains { $0.contains("\"الديون\"") && $0.contains("\"ديون*\"") })
        #expect(config.notices.allSatisfy { $0.key == "tags.economy.terms" })
    }

    @Test("An actor (an alias with a side) joins its side, names its role, and is evidence for its tags")
    func actors() throws {
        let text = """
            seeds_dir: .
            aliases:
              nebenzia:
                side: russia
                role: "Russia's UN envoy"
                tags: [un]
                en: [nebenzia, nebenzya]
                ru: [небенз*]
            topic:
              yemen: [yemen]
              russia: [russia]
            tags:
              un: ["security council"]
            """
        let config = try ConfigLoader.parse(text, file: "/tmp/feedwatch.yaml")
        #expect(config.rules.russia.terms.map(\.source) == ["russia", "nebenzia", "nebenzya", "небенз*"])
        #expect(config.rules.russia.terms.last?.group == "nebenzia")
        #expect(config.rules.actors["nebenzia"] == Actor(name: "nebenzia", side: .russia, role: "Russia's UN envoy", tags: ["un"]))
        #expect(config.rules.tags.first?.terms.terms.map(\.source) == ["security council", "nebenzia", "nebenzya", "небенз*"])
        let story = StoryClassifier(rules: config.rules).classify(title: "Nebenzya warns over Yemen truce", lead: "")
        #expect(story.onTopic && story.tags == ["un"])
    }

    @Test("Aliases and per-language lists expand into the term lists that use them")
    func aliasesAndLanguages() throws {
        let text = """
            seeds_dir: .
            aliases:
              houthis:
                en: [houthi, "ansar allah"]
                ru: [хусит*]
            topic:
              yemen:
                all: ["@houthis"]
                en: [yemen]
                ar: [اليمن]
              russia: [russia]
            tags:
              houthis: ["@houthis"]
              arms: {terms: [missile*], threshold: 2, side: yemen}
            """
        let config = try ConfigLoader.parse(text, file: "/tmp/feedwatch.yaml")
        #expect(config.rules.yemen.terms.map(\.source) == ["houthi", "ansar allah", "хусит*", "yemen", "اليمن"])
        #expect(config.rules.tags.first?.terms.terms.count == 3)
        #expect(config.rules.tags.last?.threshold == 2)
        #expect(config.rules.tags.last?.side == .yemen)
    }

    @Test("An unknown alias is an error at its line")
    func unknownAlias() throws {
        let text = "seeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia:\n    - \"@kremlin\"\n"
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse(text, file: "/tmp/feedwatch.yaml") }
        #expect(error.errors.first?.line == 5)
        #expect(error.errors.first?.message.contains("no alias named 'kremlin'") == true)
    }

    @Test("Broken YAML and a missing topic rule are reported")
    func structural() throws {
        let yaml = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse("feeds: [\n  - a", file: "c.yaml") }
        #expect(yaml.errors.first?.line != nil)
        #expect(yaml.errors.first?.message.contains("not valid YAML") == true)
        let missing = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse("seeds_dir: .\n", file: "c.yaml") }
        #expect(missing.errors.first?.key == "topic")
    }

    @Test("Durations", arguments: [("90s", 90), ("15m", 900), ("2h", 7200), ("1d", 86400), ("30", 30)])
    func durations(_ text: String, _ seconds: Int64) {
        #expect(DurationText.parse(text) == .seconds(seconds))
    }
}

@Suite("Item identity")
struct ItemIdentityTests {
    @Test("Tracking parameters and fragments are removed; other parameters stay", arguments: [
        ("https://a.example/x?utm_source=rss&utm_medium=feed", "https://a.example/x"),
        ("https://A.Example:443/x?id=5&fbclid=abc#top", "https://a.example/x?id=5"),
        ("http://a.example/x?gclid=1&p=2&yclid=3", "http://a.example/x?p=2"),
        ("not a url", "not a url"),
    ])
    func canonical(_ link: String, _ expected: String) {
        #expect(ItemIdentity.canonicalLink(link) == expected)
    }
}

@Suite("Feed lists")
struct FeedListTests {
    @Test("--feeds-file: one URL a line, comments and blanks ignored, a bad line named with its number")
    func feedsFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/feeds.txt"
        try "# mine\nhttps://a.example/rss   # main\n\nhttps://b.example/atom\nhttps://a.example/rss\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try FeedListFile.read(path: path) == ["https://a.example/rss", "https://b.example/atom"])
        try "https://a.example/rss\nftp://bad\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: ConfigErrors.self) { try FeedListFile.read(path: path) }
        #expect(error.errors.first?.line == 2)
    }

    @Test("The config, --feeds-file and --feed refuse the same feed addresses, with the same message",
          arguments: ["ftp://one.example/feed", "one.example/feed", "https://", "http:/one.example/feed"])
    func sameURLRule(_ url: String) throws {
        let message = "'\(url)' is not an http:// or https:// URL"
        let config = "feeds:\n  - url: \"\(url)\"\nseeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n"
        let configError = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse(config, file: "/tmp/feedwatch.yaml") }
        #expect(configError.errors.map(\.message) == [message])
        let folder = try TemporaryFolder()
        let path = folder.path + "/feeds.txt"
        try "\(url)\nHTTPS://Two.example/feed\n".write(toFile: path, atomically: true, encoding: .utf8)
        let listError = try #require(throws: ConfigErrors.self) { try FeedListFile.read(path: path) }
        #expect(listError.errors.map(\.message) == [message])
        let valid = try ConfigLoader.parse("feeds:\n  - url: https://one.example/feed\nseeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n",
                                           file: "/tmp/feedwatch.yaml")
        let flagError = try #require(throws: RuntimeError.self) {
            try FeedWatchRuntime.feeds(config: valid, overrides: RuntimeOverrides(feedURLs: [url]))
        }
        #expect(flagError.description.contains("--feed \(url)"))
    }

    @Test("import-opml --append adds new feeds under feeds:, keeps the rest of the file, and validates it")
    func append() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/feedwatch.yaml"
        let original = "# my config\nseeds_dir: .\nfeeds:\n  - name: Old\n    url: https://old.example/rss\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n"
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        let added = try ConfigEditor.append([OPMLFeed(title: "Old", url: "https://old.example/rss"),
                                             OPMLFeed(title: "New \"one\"", url: "https://new.example/rss")], toConfigAt: path)
        #expect(added == 1)
        let config = try ConfigLoader.load(path: path)
        #expect(config.feeds.map(\.url) == ["https://new.example/rss", "https://old.example/rss"])
        #expect(config.feeds.first?.name == "New \"one\"")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# my config\n"))
    }
}
