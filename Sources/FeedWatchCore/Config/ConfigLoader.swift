import Foundation
import HTTPFetching
import StoryMatching
import Yams

/// Reads `feedwatch.yaml`. Walks Yams' node tree rather than decoding into Codable types so every
/// error can name the line and the key, and unknown keys (typos) are reported instead of ignored.
public enum ConfigLoader {
    /// Finds the config: an explicit path, else `/etc/feedwatch/feedwatch.yaml`, else
    /// `./config/feedwatch.yaml` (a checkout).
    public static func locate(explicit: String?, fileManager: FileManager = .default) -> String {
        if let explicit { return explicit }
        let system = "/etc/feedwatch/\(FeedWatch.configFileName)"
        if fileManager.fileExists(atPath: system) { return system }
        return "config/\(FeedWatch.configFileName)"
    }

    /// Loads and validates a config file; throws every problem found.
    public static func load(path: String) throws(ConfigErrors) -> FeedWatchConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigErrors([ConfigError(file: path, line: nil, key: nil,
                message: "cannot read the config file (\(Self.reason(error))); pass --config PATH or create it")])
        }
        return try parse(text, file: path)
    }

    /// Parses config text; `file` names it in errors and anchors relative paths.
    public static func parse(_ text: String, file: String) throws(ConfigErrors) -> FeedWatchConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigErrors([yamlError(error, file: file)])
        } catch {
            throw ConfigErrors([ConfigError(file: file, line: nil, key: nil, message: "not valid YAML: \(error)")])
        }
        var reader = ConfigReader(file: file)
        let config = reader.read(root)
        guard reader.errors.isEmpty, let config else { throw ConfigErrors(reader.errors) }
        return config
    }

    private static func yamlError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigError(file: file, line: mark.line, key: nil, message: "not valid YAML: \(problem)")
        default:
            return ConfigError(file: file, line: nil, key: nil, message: "not valid YAML: \(error)")
        }
    }

    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let message = strerror(Int32(underlying.code)) {
            return String(cString: message)
        }
        return ns.localizedDescription
    }
}

/// The bounds of config values that are not obvious from their type, with the reason a person
/// reads when a value is outside them.
enum Limits {
    static let interval: ClosedRange<Int64> = 30...7 * 86_400
    static let intervalWhy = "polling more often than every 30 s burdens publishers and gets feeds blocked (below 30 s only with allow_private_networks: true in this file, for your own servers); less often than weekly is not monitoring"
    /// With `allow_private_networks: true` the feeds may be the user's own servers (a local
    /// aggregator, a test), which nobody else pays for: down to one second, with a notice.
    static let privateInterval: ClosedRange<Int64> = 1...7 * 86_400
    static let privateIntervalWhy = "less often than weekly is not monitoring"
}

/// One pass over the YAML tree, collecting errors as it goes.
struct ConfigReader {
    let file: String
    var errors: [ConfigError] = []
    /// Whether `allow_private_networks` is on, which lowers the least poll interval (`Limits`).
    var allowsPrivateNetworks = false
    var notices: [ConfigError] = []
    /// Named term groups from `aliases`, used in term lists as `@name`; every term carries its
    /// group's name (`Term.group`).
    var aliases: [String: [Term]] = [:]
    /// Aliases with a `side`: named people, institutions and vessels.
    var actors: [String: Actor] = [:]
    /// Where each actor's `tags` were written, to report unknown tag names.
    var actorTagNodes: [String: Node] = [:]

    init(file: String) {
        self.file = file
    }

    private var folder: String {
        let url = URL(fileURLWithPath: file).deletingLastPathComponent()
        return url.path
    }

    mutating func fail(_ node: Node?, _ key: String?, _ message: String) {
        errors.append(ConfigError(file: file, line: node?.mark?.line, key: key, message: message))
    }

    /// Something the user should change, that does not stop the config from working.
    mutating func notice(_ node: Node?, _ key: String?, _ message: String) {
        notices.append(ConfigError(file: file, line: node?.mark?.line, key: key, message: message))
    }

    static let topKeys: Set<String> = [
        "feeds", "poll_interval", "seeds_dir", "state_dir", "allow_private_networks", "fetch", "dedup",
        "topic", "tags", "aliases", "alert_flood_limit", "max_age", "retention",
    ]

    mutating func read(_ root: Node?) -> FeedWatchConfig? {
        guard let root, let top = root.mapping else {
            fail(root, nil, "the file must be a YAML mapping with keys such as feeds, topic and tags")
            return nil
        }
        let entries = entriesChecked(top, allowed: Self.topKeys, path: nil)
        if let aliasNode = entries["aliases"]?.value { readAliases(aliasNode) }

        // Read first: it lowers the least poll interval (`Limits`).
        let allowPrivate = entries["allow_private_networks"].flatMap { bool($0.value, "allow_private_networks") } ?? false
        allowsPrivateNetworks = allowPrivate
        let pollInterval = entries["poll_interval"].flatMap { interval($0.value, "poll_interval") } ?? .seconds(15 * 60)
        let seeds = entries["seeds_dir"].flatMap { string($0.value, "seeds_dir") }.map(resolvePath) ?? resolvePath("../seeds")
        let state = entries["state_dir"].flatMap { string($0.value, "state_dir") }.map(resolvePath) ?? resolvePath("../state")
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: seeds, isDirectory: &isDirectory) || !isDirectory.boolValue {
            fail(entries["seeds_dir"]?.value ?? root, "seeds_dir",
                 "folder '\(seeds)' does not exist; create it (it may be empty) or fix the path")
        }
        var floodLimit = 30
        if let entry = entries["alert_flood_limit"] {
            floodLimit = count(entry.value, "alert_flood_limit", within: 0...100_000,
                               why: "alerts per minute written at NOTICE, 0 to turn the guard off") ?? floodLimit
        }
        var maxAge: Duration?
        if let entry = entries["max_age"], entry.value.string?.lowercased() != "off" {
            maxAge = duration(entry.value, "max_age", within: 3600...3650 * 86_400, why: "items older than this are recorded without alerting; use off for none")
        }
        let feeds = entries["feeds"].map { readFeeds($0.value) } ?? []
        let fetch = readFetch(entries["fetch"]?.value)
        let dedup = readDedup(entries["dedup"]?.value)
        let retention = readRetention(entries["retention"]?.value, historyDays: dedup.historyDays)

        guard let topicEntry = entries["topic"] else {
            fail(root, "topic", "missing: the topic rule needs 'yemen' and 'russia' term lists")
            return nil
        }
        let topic = readTopic(topicEntry.value)
        var tags = entries["tags"].map { readTags($0.value) } ?? []
        addActorTags(to: &tags)
        guard let topic else { return nil }

        return FeedWatchConfig(
            file: file, feeds: feeds, pollInterval: pollInterval, seedsDirectory: seeds,
            stateDirectory: state, allowPrivateNetworks: allowPrivate, fetch: fetch, dedup: dedup, retention: retention,
            rules: StoryRules(yemen: Self.union(topic.yemen, actorTerms(.yemen)), russia: Self.union(topic.russia, actorTerms(.russia)),
                              exclusions: topic.exclude, offTopicContexts: topic.contexts, references: topic.references, listActions: topic.listActions,
                              clauseMarkers: topic.clauseMarkers, tags: tags, names: TermSet(aliases.keys.sorted().flatMap { aliases[$0] ?? [] }),
                              actors: actors, sentenceWindow: topic.window, linkWindow: topic.linkWindow, weights: topic.weights,
                              threshold: topic.threshold),
            alertFloodLimit: floodLimit, maxAge: maxAge, notices: notices)
    }

    /// The mapping's entries by key, reporting unknown and repeated keys.
    mutating func entriesChecked(_ mapping: Node.Mapping, allowed: Set<String>?, path: String?) -> [String: (key: Node, value: Node)] {
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                fail(key, path, "keys must be plain words")
                continue
            }
            let full = path.map { "\($0).\(name)" } ?? name
            if let allowed, !allowed.contains(name) {
                fail(key, full, "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
                continue
            }
            if result[name] != nil { fail(key, full, "appears twice; keep one") }
            result[name] = (key, value)
        }
        return result
    }

    /// A side's terms plus its actors' terms, each once (a side list may name an actor with @).
    static func union(_ set: TermSet, _ extra: [Term]) -> TermSet {
        var seen = Set(set.terms)
        return TermSet(set.terms + extra.filter { seen.insert($0).inserted })
    }

    mutating func readFeeds(_ node: Node) -> [FeedSource] {
        guard let list = node.sequence else {
            fail(node, "feeds", "must be a list of feeds, each with name and url")
            return []
        }
        var feeds: [FeedSource] = []
        var seen = Set<String>()
        for (index, item) in list.enumerated() {
            let path = "feeds[\(index)]"
            guard let mapping = item.mapping else {
                fail(item, path, "each feed is a mapping with name, url and optionally interval")
                continue
            }
            let entries = entriesChecked(mapping, allowed: ["name", "url", "interval"], path: path)
            guard let urlEntry = entries["url"], let url = string(urlEntry.value, "\(path).url") else {
                if entries["url"] == nil { fail(item, "\(path).url", "missing: every feed needs a url") }
                continue
            }
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), URL(string: url)?.host != nil else {
                fail(urlEntry.value, "\(path).url", "'\(url)' is not an http:// or https:// URL")
                continue
            }
            if !seen.insert(url).inserted { fail(urlEntry.value, "\(path).url", "'\(url)' is listed twice") }
            let name = entries["name"].flatMap { string($0.value, "\(path).name") } ?? url
            let interval = entries["interval"].flatMap { self.interval($0.value, "\(path).interval") }
            feeds.append(FeedSource(name: name, url: url, interval: interval))
        }
        return feeds
    }

    mutating func readFetch(_ node: Node?) -> FetchPolicy {
        var policy = FetchPolicy(userAgent: FeedWatch.userAgent)
        guard let node else { return policy }
        guard let mapping = node.mapping else {
            fail(node, "fetch", "must be a mapping")
            return policy
        }
        let allowed: Set<String> = ["connect_timeout", "timeout", "max_body_bytes", "max_concurrent", "max_per_host", "max_redirects"]
        let entries = entriesChecked(mapping, allowed: allowed, path: "fetch")
        if let v = entries["connect_timeout"].flatMap({ duration($0.value, "fetch.connect_timeout", within: 1...300, why: "time allowed to connect") }) {
            policy.connectTimeout = Int(v.components.seconds)
        }
        if let v = entries["timeout"].flatMap({ duration($0.value, "fetch.timeout", within: 5...3600, why: "time allowed for a whole transfer") }) {
            policy.totalTimeout = Int(v.components.seconds)
        }
        if let v = entries["max_body_bytes"].flatMap({ count($0.value, "fetch.max_body_bytes", within: 1024...(1 << 30), why: "bytes a feed may have after decompression") }) {
            policy.maxBodyBytes = v
        }
        if let v = entries["max_concurrent"].flatMap({ count($0.value, "fetch.max_concurrent", within: 1...1024, why: "transfers in flight at once") }) {
            policy.maxConcurrent = v
        }
        if let v = entries["max_per_host"].flatMap({ count($0.value, "fetch.max_per_host", within: 1...64, why: "transfers in flight to one host") }) {
            policy.maxPerHost = v
        }
        if policy.totalTimeout < policy.connectTimeout, let entry = entries["timeout"] {
            fail(entry.value, "fetch.timeout", "must be at least fetch.connect_timeout (\(policy.connectTimeout) s): the whole transfer includes connecting")
        }
        if let v = entries["max_redirects"].flatMap({ count($0.value, "fetch.max_redirects", within: 0...20, why: "redirects followed, 0 for none") }) {
            policy.maxRedirects = v
        }
        return policy
    }

    /// `retention:`. Reports are kept at least as long as the judge compares with them
    /// (`dedup.history_days`): a shorter default is raised to it, a shorter value is an error.
    mutating func readRetention(_ node: Node?, historyDays: Int) -> Retention {
        var retention = Retention()
        var storyDaysNode: Node?
        if let node {
            if let mapping = node.mapping {
                let entries = entriesChecked(mapping, allowed: ["seen_days", "story_days"], path: "retention")
                if let v = entries["seen_days"].flatMap({ count($0.value, "retention.seen_days", within: 7...3650,
                                                                 why: "days an item's identity outlives its feed's last showing of it; shorter, a feed that brings an old item back would alert it again") }) {
                    retention.seenDays = v
                }
                storyDaysNode = entries["story_days"]?.value
                if let v = storyDaysNode.flatMap({ count($0, "retention.story_days", within: 1...3650, why: "days judged reports are kept") }) {
                    retention.storyDays = v
                }
            } else {
                fail(node, "retention", "must be a mapping with seen_days and story_days")
            }
        }
        if retention.storyDays < historyDays {
            if let storyDaysNode {
                fail(storyDaysNode, "retention.story_days", "must be at least dedup.history_days (\(historyDays)): the judge compares with reports that old")
            } else {
                retention.storyDays = historyDays
            }
        }
        return retention
    }

    mutating func readDedup(_ node: Node?) -> DedupSettings {
        var settings = DedupSettings()
        guard let node else { return settings }
        guard let mapping = node.mapping else {
            fail(node, "dedup", "must be a mapping")
            return settings
        }
        let allowed: Set<String> = ["similarity", "event_similarity", "event_similarity_per_day", "seed_similarity", "copy_similarity",
                                    "other_actors_factor", "window", "lead_sentences",
                                    "history_days", "term_half_life", "term_limit"]
        let entries = entriesChecked(mapping, allowed: allowed, path: "dedup")
        func share(_ key: String) -> Double? {
            guard let entry = entries[key] else { return nil }
            guard let value = entry.value.float, value > 0, value <= 1 else {
                fail(entry.value, "dedup.\(key)", "must be a number above 0 and at most 1, such as 0.5")
                return nil
            }
            return value
        }
        if let entry = entries["similarity"] {
            // Before story identity, this was the share of words a copy shared with its original;
            // an upgraded config still has it. Its value means nothing now: say so, and go on.
            notice(entry.key, "dedup.similarity", "is no longer used: reports are now matched as events (dedup.event_similarity, default 0.2, and the keys beside it; see the README); remove this line")
        }
        if let v = share("event_similarity") { settings.identity.similarity = v }
        if let entry = entries["event_similarity_per_day"] {
            if let value = entry.value.float, value >= 0, value <= 1 { settings.identity.similarityPerDay = value } else {
                fail(entry.value, "dedup.event_similarity_per_day", "must be a number from 0 to 1, such as 0.05")
            }
        }
        if let v = share("seed_similarity") { settings.identity.seedSimilarity = v }
        if let v = share("copy_similarity") { settings.identity.copySimilarity = v }
        if let v = share("other_actors_factor") { settings.identity.otherActorsFactor = v }
        if let v = entries["window"].flatMap({ duration($0.value, "dedup.window", within: 3600...30 * 86_400, why: "how far apart two reports of one event may be") }) {
            settings.identity.window = Double(v.components.seconds)
        }
        if let v = entries["lead_sentences"].flatMap({ count($0.value, "dedup.lead_sentences", within: 1...10, why: "lead sentences that identify a report") }) {
            settings.identity.leadSentences = v
        }
        if let v = entries["history_days"].flatMap({ count($0.value, "dedup.history_days", within: 1...3650, why: "days of judged reports a new report is compared with") }) {
            settings.historyDays = v
        }
        if let v = entries["term_half_life"].flatMap({ duration($0.value, "dedup.term_half_life", within: 86_400...365 * 86_400, why: "how fast term statistics forget") }) {
            settings.termHalfLifeDays = Double(v.components.seconds) / 86_400
        }
        if let v = entries["term_limit"].flatMap({ count($0.value, "dedup.term_limit", within: 1000...10_000_000, why: "distinct terms the statistics keep") }) {
            settings.termLimit = v
        }
        if Double(settings.historyDays) * 86_400 < settings.identity.window, let entry = entries["history_days"] ?? entries["window"] {
            fail(entry.value, "dedup.history_days", "must be at least the window (\(Int(settings.identity.window / 86_400)) days): reports are kept for comparison that long")
        }
        return settings
    }

    struct Topic {
        var yemen: TermSet
        var russia: TermSet
        var exclude: TermSet
        var contexts: TermSet
        var references: TermSet
        var listActions: TermSet
        var clauseMarkers: TermSet
        var window: Int
        var linkWindow: Int
        var weights: TopicWeights
        var threshold: Double
    }

    mutating func readTopic(_ node: Node) -> Topic? {
        guard let mapping = node.mapping else {
            fail(node, "topic", "must be a mapping with yemen, russia and optionally exclude")
            return nil
        }
        let allowed: Set<String> = ["yemen", "russia", "exclude", "off_topic_contexts", "references", "list_actions", "clause_markers",
                                    "sentence_window", "link_window", "weights", "threshold"]
        let entries = entriesChecked(mapping, allowed: allowed, path: "topic")
        let yemen = entries["yemen"].map { terms($0.value, "topic.yemen") }
        let russia = entries["russia"].map { terms($0.value, "topic.russia") }
        let exclude = entries["exclude"].map { terms($0.value, "topic.exclude") } ?? TermSet([])
        let contexts = entries["off_topic_contexts"].map { terms($0.value, "topic.off_topic_contexts") } ?? TermSet([])
        let references = entries["references"].map { terms($0.value, "topic.references") } ?? TermSet([])
        let listActions = entries["list_actions"].map { terms($0.value, "topic.list_actions") } ?? TermSet([])
        let markers = entries["clause_markers"].map { terms($0.value, "topic.clause_markers") } ?? StoryRules.defaultClauseMarkers
        var window = 1
        if let entry = entries["sentence_window"] {
            if let value = entry.value.int, (0...10).contains(value) { window = value } else {
                fail(entry.value, "topic.sentence_window", "must be a whole number of sentences from 0 to 10")
            }
        }
        var linkWindow = 3
        if let entry = entries["link_window"] {
            if let value = entry.value.int, (0...10).contains(value) { linkWindow = value } else {
                fail(entry.value, "topic.link_window", "must be a whole number of sentences from 0 to 10")
            }
        }
        var weights = TopicWeights()
        if let entry = entries["weights"] {
            if let weightMap = entry.value.mapping {
                let given = entriesChecked(weightMap, allowed: ["title", "lead", "adjacent", "linked", "title_lead", "body"], path: "topic.weights")
                if let v = given["title"].flatMap({ number($0.value, "topic.weights.title") }) { weights.title = v }
                if let v = given["lead"].flatMap({ number($0.value, "topic.weights.lead") }) { weights.lead = v }
                if let v = given["adjacent"].flatMap({ number($0.value, "topic.weights.adjacent") }) { weights.adjacent = v }
                if let v = given["linked"].flatMap({ number($0.value, "topic.weights.linked") }) { weights.linked = v }
                if let v = given["title_lead"].flatMap({ number($0.value, "topic.weights.title_lead") }) { weights.titleLead = v }
                if let v = given["body"].flatMap({ number($0.value, "topic.weights.body") }) { weights.body = v }
            } else {
                fail(entry.value, "topic.weights", "must be a mapping with title, lead, adjacent, linked, title_lead and body")
            }
        }
        let threshold = entries["threshold"].flatMap { number($0.value, "topic.threshold") } ?? 2
        if yemen == nil { fail(node, "topic.yemen", "missing: list the words that put Yemen in a story") }
        if russia == nil { fail(node, "topic.russia", "missing: list the words that put Russia in a story") }
        guard let yemen, let russia else { return nil }
        if yemen.isEmpty { fail(entries["yemen"]?.value, "topic.yemen", "is empty: nothing could ever be on topic") }
        if russia.isEmpty { fail(entries["russia"]?.value, "topic.russia", "is empty: nothing could ever be on topic") }
        return Topic(yemen: yemen, russia: russia, exclude: exclude, contexts: contexts, references: references, listActions: listActions,
                     clauseMarkers: markers, window: window, linkWindow: linkWindow, weights: weights, threshold: threshold)
    }

    /// Tags, each a term list, or a mapping with `terms` and a `threshold` (a title hit scores 2,
    /// a lead hit 1; the default threshold 1 gives the tag on any hit).
    mutating func readTags(_ node: Node) -> [TagRule] {
        guard let mapping = node.mapping else {
            fail(node, "tags", "must be a mapping from tag name to a list of terms")
            return []
        }
        var tags: [TagRule] = []
        for (key, value) in mapping {
            guard let name = key.string, !name.isEmpty,
                  name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) else {
                fail(key, "tags", "tag names are lower-case words (a-z, 0-9, _ and -)")
                continue
            }
            if tags.contains(where: { $0.name == name }) { fail(key, "tags.\(name)", "appears twice; keep one") }
            if let detail = value.mapping, detail.keys.contains(where: { $0.string == "terms" }) {
                let entries = entriesChecked(detail, allowed: ["terms", "threshold", "side", "exclude", "unless"], path: "tags.\(name)")
                guard let termsNode = entries["terms"]?.value else {
                    fail(value, "tags.\(name).terms", "missing: list the terms of this tag")
                    continue
                }
                let threshold = entries["threshold"].flatMap { number($0.value, "tags.\(name).threshold") } ?? 1
                var side: TopicSide?
                if let sideNode = entries["side"]?.value {
                    side = sideNode.string.flatMap(TopicSide.init(rawValue:))
                    if side == nil { fail(sideNode, "tags.\(name).side", "must be yemen or russia") }
                }
                let exclusions = entries["exclude"].map { terms($0.value, "tags.\(name).exclude") } ?? TermSet([])
                let unless = entries["unless"].map { terms($0.value, "tags.\(name).unless") } ?? TermSet([])
                tags.append(TagRule(name: name, terms: terms(termsNode, "tags.\(name).terms"), threshold: threshold,
                                    side: side, exclusions: exclusions, unless: unless))
            } else {
                tags.append(TagRule(name: name, terms: terms(value, "tags.\(name)")))
            }
        }
        return tags
    }

    mutating func number(_ node: Node, _ key: String) -> Double? {
        guard let value = node.float, value >= 0, value <= 100 else {
            fail(node, key, "must be a number from 0 to 100")
            return nil
        }
        return value
    }

    /// `aliases: {name: [terms]}`: one spelling list (Houthis, Huthi, Ansar Allah, الحوثيين,
    /// хуситы ...) kept in one place and used as `@name` wherever it applies. An alias may be a
    /// mapping with `side: yemen|russia` (an actor: its terms join that side of the topic rule),
    /// `role` (who it is) and `tags` (tags a mention of it is evidence for), next to its lists by
    /// language.
    mutating func readAliases(_ node: Node) {
        guard let mapping = node.mapping else {
            fail(node, "aliases", "must be a mapping from a name to a list of terms")
            return
        }
        for (key, value) in mapping {
            guard let name = key.string, !name.isEmpty, !name.contains(" ") else {
                fail(key, "aliases", "alias names are single words")
                continue
            }
            if aliases[name] != nil { fail(key, "aliases.\(name)", "appears twice; keep one") }
            var lists = value
            if let detail = value.mapping, detail.keys.contains(where: { ["side", "role", "tags"].contains($0.string ?? "") }) {
                lists = readActor(name, detail, node: value)
            }
            aliases[name] = termList(lists, "aliases.\(name)", allowAliases: false).map { term in
                var term = term
                term.group = name
                return term
            }
        }
    }

    /// An alias with a side: records the actor and returns the mapping of its term lists.
    mutating func readActor(_ name: String, _ detail: Node.Mapping, node: Node) -> Node {
        var lists = Node.Mapping([])
        var side: TopicSide?
        var role = ""
        var tags: [String] = []
        for (key, value) in detail {
            switch key.string {
            case "side":
                side = value.string.flatMap(TopicSide.init(rawValue:))
                if side == nil { fail(value, "aliases.\(name).side", "must be yemen or russia") }
            case "role":
                role = value.string ?? ""
            case "tags":
                if let list = value.sequence?.compactMap(\.string), list.count == value.sequence?.count {
                    tags = list
                    actorTagNodes[name] = value
                } else {
                    fail(value, "aliases.\(name).tags", "must be a list of tag names, such as [houthis]")
                }
            default:
                lists[key] = value
            }
        }
        if let side {
            actors[name] = Actor(name: name, side: side, role: role, tags: tags)
        } else if !detail.keys.contains(where: { $0.string == "side" }) {
            fail(node, "aliases.\(name)", "role and tags belong to an actor: add side: yemen or side: russia")
        }
        return .mapping(lists)
    }

    /// The terms of every actor of `side`, for that side of the topic rule.
    func actorTerms(_ side: TopicSide) -> [Term] {
        actors.values.filter { $0.side == side }.sorted { $0.name < $1.name }.flatMap { aliases[$0.name] ?? [] }
    }

    /// Adds each actor's terms to the tags it names (reporting tag names that do not exist).
    mutating func addActorTags(to tags: inout [TagRule]) {
        for actor in actors.values.sorted(by: { $0.name < $1.name }) {
            for tag in actor.tags {
                guard let index = tags.firstIndex(where: { $0.name == tag }) else {
                    fail(actorTagNodes[actor.name], "aliases.\(actor.name).tags", "no tag named '\(tag)' (tags: \(tags.map(\.name).joined(separator: ", ")))")
                    continue
                }
                tags[index].terms = TermSet(tags[index].terms.terms + (aliases[actor.name] ?? []))
            }
        }
    }

    // MARK: Scalars

    mutating func terms(_ node: Node, _ key: String) -> TermSet {
        TermSet(termList(node, key, allowAliases: true))
    }

    /// A list of terms, or a mapping of such lists by language (`{en: [...], ar: [...], ru: [...]}`);
    /// `@name` stands for the terms of an alias.
    mutating func termList(_ node: Node, _ key: String, allowAliases: Bool) -> [Term] {
        if let byLanguage = node.mapping {
            var all: [Term] = []
            for (language, list) in byLanguage {
                let name = language.string ?? "?"
                all += termList(list, "\(key).\(name)", allowAliases: allowAliases)
            }
            return all
        }
        guard let list = node.sequence else {
            fail(node, key, "must be a list of terms, such as [yemen, \"ansar allah\", росси*], or lists by language")
            return []
        }
        var parsed: [Term] = []
        for (index, item) in list.enumerated() {
            guard let text = item.string, item.scalar != nil else {
                fail(item, "\(key)[\(index)]", "each term is a word, a stem ending in * or a phrase")
                continue
            }
            if text.hasPrefix("@") {
                let name = String(text.dropFirst())
                if !allowAliases {
                    fail(item, "\(key)[\(index)]", "an alias cannot use another alias")
                } else if let terms = aliases[name] {
                    parsed += terms
                } else {
                    fail(item, "\(key)[\(index)]", "no alias named '\(name)' (define it under aliases:)")
                }
                continue
            }
            do {
                let term = try Term(parsing: text)
                if let problem = term.unmatchableReason {
                    notice(item, "\(key)[\(index)]", "term \"\(term.source)\" will never match: \(problem)")
                }
                parsed.append(term)
            } catch {
                fail(item, "\(key)[\(index)]", error.description)
            }
        }
        return parsed
    }

    mutating func string(_ node: Node, _ key: String) -> String? {
        guard node.scalar != nil, let text = node.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            fail(node, key, "must be a non-empty text value")
            return nil
        }
        return text
    }

    mutating func bool(_ node: Node, _ key: String) -> Bool? {
        guard let value = node.bool else {
            fail(node, key, "must be true or false")
            return nil
        }
        return value
    }

    /// A duration within `range` (seconds); `why` says what the bounds protect, for the message.
    mutating func duration(_ node: Node, _ key: String, within range: ClosedRange<Int64>, why: String) -> Duration? {
        guard let value = duration(node, key) else { return nil }
        guard range.contains(value.components.seconds) else {
            fail(node, key, "must be from \(DurationText.format(range.lowerBound)) to \(DurationText.format(range.upperBound)): \(why)")
            return nil
        }
        return value
    }

    /// A poll interval: 30 s to 7 d, or from 1 s with `allow_private_networks` (with a notice under 30 s).
    mutating func interval(_ node: Node, _ key: String) -> Duration? {
        guard allowsPrivateNetworks else { return duration(node, key, within: Limits.interval, why: Limits.intervalWhy) }
        guard let value = duration(node, key, within: Limits.privateInterval, why: Limits.privateIntervalWhy) else { return nil }
        if !Limits.interval.contains(value.components.seconds) {
            notice(node, key, "polls more often than every 30 s; allowed because allow_private_networks is on (your own servers), but public publishers block clients that poll this fast")
        }
        return value
    }

    /// A whole number within `range`; `why` says what the bounds protect.
    mutating func count(_ node: Node, _ key: String, within range: ClosedRange<Int>, why: String) -> Int? {
        guard let value = node.int, range.contains(value) else {
            fail(node, key, "must be a whole number from \(range.lowerBound) to \(range.upperBound): \(why)")
            return nil
        }
        return value
    }

    /// `90s`, `15m`, `2h`, `1d` or a plain number of seconds; at least one second.
    mutating func duration(_ node: Node, _ key: String) -> Duration? {
        guard let text = node.string?.trimmingCharacters(in: .whitespaces).lowercased(), let value = DurationText.parse(text) else {
            fail(node, key, "must be a duration such as 90s, 15m, 2h or 1d (at most about 290 billion years)")
            return nil
        }
        return value
    }

    func resolvePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
    }
}

/// Durations as people write them in config.
public enum DurationText {
    /// The largest unit that divides `seconds`: `7d`, `30s`, `90m`.
    public static func format(_ seconds: Int64) -> String {
        for (suffix, scale) in [("d", Int64(86_400)), ("h", 3600), ("m", 60)] where seconds % scale == 0 && seconds >= scale {
            return "\(seconds / scale)\(suffix)"
        }
        return "\(seconds)s"
    }

    public static func parse(_ text: String) -> Duration? {
        let units: [(String, Int64)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let number = Int64(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), number > 0 else { return nil }
            let (seconds, overflow) = number.multipliedReportingOverflow(by: scale)
            return overflow ? nil : .seconds(seconds)
        }
        guard let seconds = Int64(text), seconds > 0 else { return nil }
        return .seconds(seconds)
    }
}
