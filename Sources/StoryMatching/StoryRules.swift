/// How much each kind of Yemen–Russia co-occurrence counts towards a story being on topic.
public struct TopicWeights: Sendable, Equatable {
    /// Both sides in the same clause of the title.
    public var title: Double
    /// Both sides in the same clause of a lead sentence.
    public var lead: Double
    /// The two sides in lead sentences at most `StoryRules.sentenceWindow` apart.
    public var adjacent: Double
    /// One side in the title and the other in the lead's first sentences (within the window):
    /// weaker, since headline and lead often name two separate drivers of one story.
    public var titleLead: Double
    /// Both sides in the same clause of a body sentence.
    public var body: Double

    public init(title: Double = 3, lead: Double = 2, adjacent: Double = 2, titleLead: Double = 1, body: Double = 0.5) {
        self.title = title
        self.lead = lead
        self.adjacent = adjacent
        self.titleLead = titleLead
        self.body = body
    }
}

/// One side of the topic rule.
public enum TopicSide: String, Sendable {
    case yemen
    case russia
}

/// A tag's vocabulary and how much evidence it needs.
public struct TagRule: Sendable {
    public var name: String
    public var terms: TermSet
    /// A title hit scores 2, a lead hit 1; the tag is given at or above this score.
    public var threshold: Double
    /// When set, a hit counts only if the nearest Yemen or Russia term in its sentence is on this
    /// side: "Yemen's prime minister" is the Yemeni government, "Russia's Foreign Ministry" is not.
    public var side: TopicSide?
    /// Phrases that cancel this tag's hits inside them ("oil tanker" is shipping, not economy).
    public var exclusions: TermSet

    public init(name: String, terms: TermSet, threshold: Double = 1, side: TopicSide? = nil,
                exclusions: TermSet = TermSet([])) {
        self.name = name
        self.terms = terms
        self.threshold = threshold
        self.side = side
        self.exclusions = exclusions
    }
}

/// A named person, institution or vessel that puts its side in a story by name alone
/// ("Nebenzia" is Russia at the UN; "al-Alimi" is Yemen's government). Configured as an alias with
/// a `side`; its terms join that side of the topic rule and count as names for story identity.
public struct Actor: Sendable, Equatable {
    public var name: String
    public var side: TopicSide
    /// Who it is, for people reading the config and `match --explain`.
    public var role: String
    /// Tags a mention of this actor is evidence for (a Houthi official speaking is `houthis`).
    public var tags: [String]

    public init(name: String, side: TopicSide, role: String = "", tags: [String] = []) {
        self.name = name
        self.side = side
        self.role = role
        self.tags = tags
    }
}

/// What makes a story relevant, as configured: the two sides of the topic rule, the phrases that
/// cancel a hit (idioms and look-alikes), the contexts that are never relations news, and the tag
/// vocabularies.
public struct StoryRules: Sendable {
    /// Words that put Yemen (its state, the Houthis, its places and people) in a story.
    public var yemen: TermSet
    /// Words that put Russia (its state, officials, ships, companies, weapons) in a story.
    public var russia: TermSet
    /// Phrases whose match cancels any topic or tag hit inside it ("Russian roulette", "Moscow, Idaho").
    public var exclusions: TermSet
    /// Terms that, in a title, mark a story as something other than relations news (sports
    /// results, for example): such a story is never on topic.
    public var offTopicContexts: TermSet
    /// Words that start a new clause inside a sentence ("while", "whereas", "а", "بينما"): hits on
    /// the two sides of one do not interact (two separate drivers in one sentence).
    public var clauseMarkers: TermSet
    /// Tags in the order they are reported.
    public var tags: [TagRule]
    /// Every alias term (`Term.group` set), so each spelling of a name is one identity term.
    public var names: TermSet
    /// Aliases with a side, by alias name.
    public var actors: [String: Actor]
    /// How many sentences apart a Yemen hit and a Russia hit may be and still interact.
    public var sentenceWindow: Int
    public var weights: TopicWeights
    /// The story is on topic when its best Yemen–Russia pair scores at least this.
    public var threshold: Double

    public init(yemen: TermSet, russia: TermSet, exclusions: TermSet, offTopicContexts: TermSet = TermSet([]),
                clauseMarkers: TermSet = StoryRules.defaultClauseMarkers, tags: [TagRule], names: TermSet = TermSet([]),
                actors: [String: Actor] = [:], sentenceWindow: Int = 1,
                weights: TopicWeights = TopicWeights(), threshold: Double = 2) {
        self.names = names
        self.actors = actors
        self.yemen = yemen
        self.russia = russia
        self.exclusions = exclusions
        self.offTopicContexts = offTopicContexts
        self.clauseMarkers = clauseMarkers
        self.tags = tags
        self.sentenceWindow = sentenceWindow
        self.weights = weights
        self.threshold = threshold
    }

    /// Contrastive conjunctions in English, Russian and Arabic.
    public static let defaultClauseMarkers = TermSet(
        ["while", "whereas", "meanwhile", "separately", "тогда", "в то время как", "между тем", "بينما", "في حين", "فيما"]
            .compactMap { try? Term(parsing: $0) })
}
