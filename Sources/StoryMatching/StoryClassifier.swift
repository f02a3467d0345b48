import Foundation

/// The verdict on one story: whether it is a Yemen–Russia story, its tags, and the evidence.
public struct Classification: Sendable, Equatable {
    public var onTopic: Bool
    /// The best Yemen–Russia pair's score (see `TopicWeights`), compared with the threshold.
    public var score: Double
    /// Tags over their threshold, in configured order (empty when off topic).
    public var tags: [String]
    /// For each given tag, the configured terms that fired.
    public var tagTerms: [String: [String]]
    /// The configured terms that fired, topic terms first, each once.
    public var matched: [String]
    /// Every topic hit, including those that did not count (`TermHit.ignored` says why).
    public var yemenHits: [TermHit]
    public var russiaHits: [TermHit]
    /// Each tag's score (all 0 for a story off topic, which is not tagged).
    public var tagScores: [String: Double]
    /// Why a story with both sides is still off topic, when it is.
    public var reason: String?
    /// The tie that decided the score (the strongest pair), when any pair ties.
    public var interaction: Interaction?

    public init(onTopic: Bool, score: Double = 0, tags: [String], tagTerms: [String: [String]] = [:], matched: [String],
                yemenHits: [TermHit] = [], russiaHits: [TermHit] = [], tagScores: [String: Double] = [:], reason: String? = nil,
                interaction: Interaction? = nil) {
        self.interaction = interaction
        self.onTopic = onTopic
        self.score = score
        self.tags = tags
        self.tagTerms = tagTerms
        self.matched = matched
        self.yemenHits = yemenHits
        self.russiaHits = russiaHits
        self.tagScores = tagScores
        self.reason = reason
    }
}

/// What event identity reads of a story: its tokens and the name and side hits, without a verdict.
/// Cheaper than `StoryAnalysis` (only the topic and alias lists are matched), for the stories
/// that are only compared: seed articles, and the identity of a report already found on topic.
public struct StoryScan: Sendable {
    public var tokens: [Token]
    /// Hits of alias terms (`Term.group` set): every spelling of a name.
    public var names: [TermHit]
    /// Topic-side hits that only say which side a story is on (not a named actor).
    public var markers: [TermHit]
    /// The side of each actor alias.
    public var actorSides: [String: TopicSide]

    /// The identity terms of the title and the first `leadSentences` sentences after it (the
    /// title is sentence 0). When a feed's summary is shorter than that and the article was read,
    /// the sentences continue into its opening, as a reader's lead paragraph would: measured on
    /// the dev sets, stopping at a one-sentence summary let generic words (a minister's title, "peace
    /// efforts") carry two different meetings over the threshold.
    ///
    /// With `published`, the days the report names relative to its date ("on Tuesday") are read
    /// as dates too (`StoryTerms.init`).
    public func terms(leadSentences: Int, published: Date? = nil) -> StoryTerms {
        StoryTerms(tokens: tokens, through: leadSentences, names: names, markers: markers, actors: actorSides, published: published)
    }

    /// The terms of everything read, body included (a seed article is compared whole).
    public func allTerms() -> StoryTerms {
        StoryTerms(tokens: tokens, names: names, markers: markers, actors: actorSides)
    }

    /// How each identity term reads in the text, for explanations.
    public func surfaces() -> [UInt64: String] {
        StoryTerms.surfaces(tokens, names: names, markers: markers)
    }
}

/// A story read for the verdict: its scan and its classification.
public struct StoryAnalysis: Sendable {
    public var scan: StoryScan
    /// Where the classifier stopped reading (`scan.tokens.count` when it read the body too).
    public var bodyStart: Int
    public var classification: Classification

    public var tokens: [Token] { scan.tokens }

    /// The story's identity terms up to lead sentence `leadSentences` (see `StoryScan.terms`).
    public func terms(leadSentences: Int) -> StoryTerms { scan.terms(leadSentences: leadSentences) }

    /// The keys of those terms, sorted, each once: what the term statistics count for every new
    /// item (without the kinds `StoryTerms` collects, which every item would pay for).
    public func termKeys(leadSentences: Int) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(scan.tokens.count)
        StoryTerms.forEachTerm(scan.tokens, through: leadSentences, names: scan.names, markers: scan.markers,
                               actors: scan.actorSides) { key, _, _ in keys.append(key) }
        keys.sort()
        var kept = 0
        for key in keys where kept == 0 || keys[kept - 1] != key {
            keys[kept] = key
            kept += 1
        }
        keys.removeLast(keys.count - kept)
        return keys
    }
}

/// Applies `StoryRules` to a story. Pure: the same text and rules always give the same answer,
/// so it can be tested exhaustively and run on any thread.
///
/// A story is on topic when a Yemen-side hit and a Russia-side hit *interact* (`Interaction`):
/// they stand in one clause of the title or of a lead sentence, or in two sentences of the
/// headline and lead the later of which refers back to the event. A hit that is one item of a list
/// ("Egypt, Turkey, Yemen, Sudan and Israel"), inside an excluded phrase, or in a sentence naming
/// an off-topic context does not count; an off-topic context in the title vetoes the story.
///
/// Tags follow the story's main subject: a tag's terms count in the title and in the sentences
/// that carry the interaction, not anywhere in the lead.
public struct StoryClassifier: Sendable {
    public let rules: StoryRules
    /// The topic's term lists, matched in one pass: yemen, russia, exclusions, off-topic contexts,
    /// clause markers, names, references, list actions.
    private let matcher: TermMatcher
    /// Each tag's terms, exclusions and vetoes, matched in one pass only for a story on topic:
    /// nearly every item a feed carries is not, and these are most of the configured terms.
    private let tagMatcher: TermMatcher
    /// The topic and alias lists only, for `scan`.
    private let identityMatcher: TermMatcher
    private let actorSides: [String: TopicSide]
    /// Every tag's score at 0, and where each tag's score is in it: a story's scores are a copy
    /// with its values set in place, without hashing every tag name for every story.
    private let noTagScores: [String: Double]
    private let tagScoreIndices: [Dictionary<String, Double>.Index?]

    public init(rules: StoryRules) {
        self.rules = rules
        actorSides = rules.actors.mapValues(\.side)
        matcher = TermMatcher([rules.yemen, rules.russia, rules.exclusions, rules.offTopicContexts, rules.clauseMarkers, rules.names,
                               rules.references, rules.listActions])
        tagMatcher = TermMatcher(rules.tags.flatMap { [$0.terms, $0.exclusions, $0.unless] })
        identityMatcher = TermMatcher([rules.yemen, rules.russia, rules.names])
        var scores: [String: Double] = [:]
        for rule in rules.tags { scores[rule.name] = 0 }
        noTagScores = scores
        tagScoreIndices = rules.tags.map { scores.index(forKey: $0.name) }
    }

    /// Whether the verdict can depend on a story's body (its weight reaches the threshold alone),
    /// so a caller knows to render it.
    public var readsBody: Bool { rules.weights.body >= rules.threshold }

    /// The tokens of a story: the title is sentence 0, the lead's sentences follow, then the body's.
    public func tokens(title: String, lead: String, body: String = "") -> (tokens: [Token], bodyStart: Int) {
        var tokens: [Token] = []
        // About a word every five bytes: one allocation for most titles and leads.
        tokens.reserveCapacity((title.utf8.count + lead.utf8.count) / 5 + 8)
        TextNormalizer.appendTokens(of: title, to: &tokens, firstUnit: 0, splitSentences: false)
        TextNormalizer.appendTokens(of: lead, to: &tokens, firstUnit: 1, splitSentences: true)
        let bodyStart = tokens.count
        if !body.isEmpty {
            TextNormalizer.appendTokens(of: body, to: &tokens, firstUnit: (tokens.last?.unit ?? 0) + 1, splitSentences: true)
        }
        return (tokens, bodyStart)
    }

    /// Reads a story for its verdict: its title and lead (what says what a story is about), and
    /// its body when the body weight can matter (`readsBody`).
    public func analyze(_ story: StoryText) -> StoryAnalysis {
        let (tokens, leadEnd) = tokens(title: story.title, lead: story.lead, body: readsBody ? story.body : "")
        let lists = matcher.hits(in: tokens)
        let classification = classify(tokens: tokens, bodyStart: leadEnd, lists: lists)
        let scan = StoryScan(tokens: tokens, names: lists[5], markers: markers(yemen: lists[0], russia: lists[1]),
                             actorSides: actorSides)
        return StoryAnalysis(scan: scan, bodyStart: leadEnd, classification: classification)
    }

    /// Reads a story for event identity only, with at most `bodyLimit` characters of its body
    /// (nil: all of it).
    public func scan(_ story: StoryText, bodyLimit: Int? = nil) -> StoryScan {
        let body = bodyLimit.map { String(story.body.prefix($0)) } ?? story.body
        let tokens = tokens(title: story.title, lead: story.lead, body: body).tokens
        let lists = identityMatcher.hits(in: tokens)
        return StoryScan(tokens: tokens, names: lists[2], markers: markers(yemen: lists[0], russia: lists[1]),
                         actorSides: actorSides)
    }

    /// A stream report's identity: its title-and-lead terms and the word pairs of its first
    /// `StoryIdentity.pairedCharacters` of body (a near copy shows in its opening; a hostile
    /// multi-megabyte body costs no more than that).
    public func identity(of story: StoryText, rules: IdentityRules, date: Date) -> StoryIdentity {
        let scan = scan(story, bodyLimit: StoryIdentity.pairedCharacters)
        return StoryIdentity(terms: scan.terms(leadSentences: rules.leadSentences, published: date), pairs: WordPairs(tokens: scan.tokens),
                             date: date, language: story.language)
    }

    /// Topic-side hits that are not a named actor's alias.
    private func markers(yemen: [TermHit], russia: [TermHit]) -> [TermHit] {
        var markers: [TermHit] = []
        markers.reserveCapacity(yemen.count + russia.count)
        for hit in yemen where hit.group.map({ rules.actors[$0] == nil }) ?? true { markers.append(hit) }
        for hit in russia where hit.group.map({ rules.actors[$0] == nil }) ?? true { markers.append(hit) }
        return markers
    }

    /// Classifies a story from its headline and lead.
    public func classify(title: String, lead: String, body: String = "") -> Classification {
        analyze(StoryText(title: title, lead: lead, body: body)).classification
    }

    private func classify(tokens: [Token], bodyStart: Int, lists: [[TermHit]]) -> Classification {
        let structure = SentenceStructure(tokens: tokens, markers: lists[4])
        let excluded = lists[2].map(\.range)
        func mark(_ hits: [TermHit]) -> [TermHit] {
            hits.map { hit in
                var hit = hit
                if excluded.contains(where: { $0.overlaps(hit.range) }) {
                    hit.ignored = .excluded
                } else if structure.isListItem(hit.range) {
                    hit.ignored = .listItem
                }
                return hit
            }
        }
        let yemen = mark(lists[0])
        let russia = mark(lists[1])
        let leadContexts = lists[3].filter { $0.unit > 0 && $0.range.lowerBound < bodyStart }
        let finder = InteractionFinder(rules: rules, tokens: tokens, structure: structure, bodyStart: bodyStart,
                                       contexts: leadContexts, references: lists[6].filter { $0.range.lowerBound < bodyStart },
                                       listActions: lists[7].filter { $0.range.lowerBound < bodyStart }, markers: lists[4])
        var interaction = finder.strongest(yemen: yemen, russia: russia, threshold: rules.threshold)
        if let tie = interaction { interaction?.followUps = finder.followUps(of: tie, tokens: tokens) }
        var score = interaction?.score ?? 0
        var reason: String?
        if let context = lists[3].first(where: { $0.unit == 0 }), score > 0 {
            reason = "the title names an off-topic context (\(context.term))"
            score = 0
            interaction = nil
        }
        let onTopic = score >= rules.threshold && score > 0
        if !onTopic, reason == nil, !yemen.isEmpty, !russia.isEmpty {
            reason = "the Yemen and Russia terms do not interact (score \(score) below \(rules.threshold))"
            if let context = leadContexts.first { reason? += "; a sentence naming an off-topic context (\(context.term)) ties nothing" }
        }
        var evidence = TagEvidence(tags: [], tagTerms: [:], tagScores: noTagScores, matched: [])
        if onTopic {
            for hit in yemen where hit.ignored == nil { evidence.note(hit.term) }
            for hit in russia where hit.ignored == nil { evidence.note(hit.term) }
        }
        // Only a story on topic is tagged: nearly every item a feed carries is off topic, and its
        // tags (and their scores, left at 0) would say nothing.
        if onTopic {
            tag(&evidence, tokens: tokens, bodyStart: bodyStart, lists: tagMatcher.hits(in: tokens), excluded: excluded, yemen: yemen,
                russia: russia, interaction: interaction)
        }
        return Classification(onTopic: onTopic, score: score, tags: evidence.tags, tagTerms: evidence.tagTerms,
                              matched: onTopic ? evidence.matched : [], yemenHits: yemen, russiaHits: russia,
                              tagScores: evidence.tagScores, reason: onTopic ? nil : reason, interaction: onTopic ? interaction : nil)
    }

    /// A story's tags as they are found: the given tags, the terms that fired for each, every
    /// tag's score, and the configured terms that fired (topic terms first, each once).
    private struct TagEvidence {
        var tags: [String]
        var tagTerms: [String: [String]]
        var tagScores: [String: Double]
        var matched: [String]

        mutating func note(_ term: String) {
            if !matched.contains(term) { matched.append(term) }
        }
    }

    /// Scores every tag of an on-topic story, and gives it those over their threshold. Tags need
    /// evidence where the story says what it is about (`Interaction.subjectUnits`), unless the
    /// tag's scope is the whole lead. `lists` are `tagMatcher`'s hits: each tag's terms,
    /// exclusions and vetoes in turn.
    private func tag(_ evidence: inout TagEvidence, tokens: [Token], bodyStart: Int, lists: [[TermHit]], excluded: [Range<Int>],
                     yemen: [TermHit], russia: [TermHit], interaction: Interaction?) {
        let subject = Interaction.subjectUnits(of: interaction)
        var placer: TermSides?  // built on the first side-bound tag with hits, then shared
        for position in rules.tags.indices {
            let tagExcluded = lists[1 + 3 * position]
            let vetoes = lists[2 + 3 * position]
            var hits = lists[3 * position].filter { hit in
                hit.range.lowerBound < bodyStart && !vetoes.contains { $0.unit == hit.unit }
                    && !excluded.contains { $0.overlaps(hit.range) }
                    && !tagExcluded.contains { $0.range.lowerBound < bodyStart && $0.range.overlaps(hit.range) }
            }
            if let side = rules.tags[position].side, !hits.isEmpty {
                let sides = placer ?? TermSides(tokens: tokens, end: bodyStart, yemen: yemen, russia: russia)
                placer = sides
                let placed = sides.sides(of: hits)
                hits = hits.indices.compactMap { placed[$0] == side ? hits[$0] : nil }
            }
            let anywhere = rules.tags[position].scope == .lead
            func counts(_ unit: Int) -> Bool { anywhere || subject.contains(unit) }
            let tagScore = hits.reduce(0.0) { $0 + (counts($1.unit) ? ($1.unit == 0 ? 2 : 1) : 0) }
            let name = rules.tags[position].name
            if let index = tagScoreIndices[position] { evidence.tagScores.values[index] = tagScore } else { evidence.tagScores[name] = tagScore }
            guard !hits.isEmpty, tagScore >= rules.tags[position].threshold else { continue }
            evidence.tags.append(name)
            var terms: [String] = []
            for hit in hits where counts(hit.unit) && !terms.contains(hit.term) { terms.append(hit.term) }
            evidence.tagTerms[name] = terms
            for term in terms { evidence.note(term) }
        }
    }
}
