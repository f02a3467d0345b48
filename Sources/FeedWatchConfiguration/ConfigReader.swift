import Foundation
import StoryMatching
import Yams

/// One pass over the YAML tree, collecting errors as it goes, so that `check-config` can report
/// every problem at once, each at its line and key.
///
/// This file reads the top level and checks keys; each section has a file of its own
/// (`+Fetching`: feeds and fetch, `+Dedup`: dedup and retention, `+Topic`: topic and tags,
/// `+Aliases`, `+Terms`), and `+Values` checks scalars (durations, intervals, counts).
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
        "topic", "tags", "aliases", "alert_flood_limit", "max_age", "retention", "store",
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
        let store = readStore(entries["store"]?.value)

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
            alertFloodLimit: floodLimit, maxAge: maxAge, store: store, notices: notices)
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

    func resolvePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
    }
}
