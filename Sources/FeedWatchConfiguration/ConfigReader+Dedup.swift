import Yams

/// `dedup:` and `retention:`: how reports are judged to tell one event, and how long what was
/// seen and judged is kept.
extension ConfigReader {
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
}
