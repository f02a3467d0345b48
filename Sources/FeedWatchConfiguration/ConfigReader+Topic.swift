import StoryMatching
import Yams

/// `topic:` and `tags:`: the rule that puts a story on topic, and the tags a story may carry.
extension ConfigReader {
    /// The topic rule as written, held until the actors' terms join its two sides (`read` makes
    /// the `StoryRules` from it once aliases and tags are known).
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
                let entries = entriesChecked(detail, allowed: ["terms", "threshold", "side", "exclude", "unless", "scope"], path: "tags.\(name)")
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
                var scope = TagScope.subject
                if let scopeNode = entries["scope"]?.value {
                    if let given = scopeNode.string.flatMap(TagScope.init(rawValue:)) { scope = given } else {
                        fail(scopeNode, "tags.\(name).scope", "must be subject (the lede and the sentences carrying the interaction) or lead (every lead sentence)")
                    }
                }
                let exclusions = entries["exclude"].map { terms($0.value, "tags.\(name).exclude") } ?? TermSet([])
                let unless = entries["unless"].map { terms($0.value, "tags.\(name).unless") } ?? TermSet([])
                tags.append(TagRule(name: name, terms: tagTerms(termsNode, "tags.\(name).terms"), threshold: threshold,
                                    side: side, exclusions: exclusions, unless: unless, scope: scope))
            } else {
                tags.append(TagRule(name: name, terms: tagTerms(value, "tags.\(name)")))
            }
        }
        return tags
    }
}
