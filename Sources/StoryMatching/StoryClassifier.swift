/// The verdict on one story: whether it is a Yemen–Russia story, its tags, and the evidence.
public struct Classification: Sendable, Equatable {
    public var onTopic: Bool
    /// Tags whose vocabulary matched, in configured order (empty when off topic).
    public var tags: [String]
    /// The configured terms that fired, topic terms first, each once.
    public var matched: [String]
    /// Every hit, for `match --explain`-style inspection.
    public var yemenHits: [TermHit]
    public var russiaHits: [TermHit]
    public var tagHits: [String: [TermHit]]

    public init(onTopic: Bool, tags: [String], matched: [String], yemenHits: [TermHit], russiaHits: [TermHit],
                tagHits: [String: [TermHit]]) {
        self.onTopic = onTopic
        self.tags = tags
        self.matched = matched
        self.yemenHits = yemenHits
        self.russiaHits = russiaHits
        self.tagHits = tagHits
    }
}

/// Applies `StoryRules` to a story's title and lead. Pure: the same text and rules always give
/// the same answer, so it can be tested exhaustively and run on any thread.
public struct StoryClassifier: Sendable {
    public let rules: StoryRules

    public init(rules: StoryRules) {
        self.rules = rules
    }

    /// Classifies a story from its headline and lead paragraph (the part a reader sees first and
    /// the part that says what the story is about; bodies mention too much in passing).
    public func classify(title: String, lead: String) -> Classification {
        var tokens = TextNormalizer.tokens(title, firstUnit: 0, splitSentences: false)
        tokens += TextNormalizer.tokens(lead, firstUnit: 1)
        return classify(tokens: tokens)
    }

    public func classify(tokens: [Token]) -> Classification {
        let excluded = rules.exclusions.hits(in: tokens).map(\.range)
        func keep(_ hit: TermHit) -> Bool { !excluded.contains { $0.overlaps(hit.range) } }

        let yemen = rules.yemen.hits(in: tokens).filter(keep)
        let russia = rules.russia.hits(in: tokens).filter(keep)
        let window = rules.sentenceWindow
        let onTopic = yemen.contains { y in russia.contains { r in abs(y.unit - r.unit) <= window } }

        var tags: [String] = []
        var tagHits: [String: [TermHit]] = [:]
        var matched: [String] = []
        func note(_ hits: [TermHit]) {
            for hit in hits where !matched.contains(hit.term) { matched.append(hit.term) }
        }
        note(yemen)
        note(russia)
        if onTopic {
            for (name, terms) in rules.tags {
                let hits = terms.hits(in: tokens).filter(keep)
                guard !hits.isEmpty else { continue }
                tags.append(name)
                tagHits[name] = hits
                note(hits)
            }
        }
        return Classification(onTopic: onTopic, tags: tags, matched: onTopic ? matched : [],
                              yemenHits: yemen, russiaHits: russia, tagHits: tagHits)
    }
}
