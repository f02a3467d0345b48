/// How much each kind of Yemen–Russia co-occurrence counts towards a story being on topic.
public struct TopicWeights: Sendable, Equatable {
    /// Both sides in the same clause of the title.
    public var title: Double
    /// Both sides in the same clause of a lead sentence.
    public var lead: Double
    /// The two sides in lead sentences at most `StoryRules.sentenceWindow` apart, with nothing
    /// tying them.
    public var adjacent: Double
    /// The two sides in sentences of the headline and lead (at most `StoryRules.linkWindow`
    /// apart) where the later sentence refers back to the event (a `references` term).
    public var linked: Double
    /// One side in the title and the other in the lead's first sentences (within the window):
    /// weaker, since headline and lead often name two separate drivers of one story.
    public var titleLead: Double
    /// Both sides in the same clause of a body sentence.
    public var body: Double

    public init(title: Double = 3, lead: Double = 2, adjacent: Double = 1, linked: Double = 2, titleLead: Double = 1,
                body: Double = 0.5) {
        self.title = title
        self.lead = lead
        self.adjacent = adjacent
        self.linked = linked
        self.titleLead = titleLead
        self.body = body
    }
}

/// One side of the topic rule.
public enum TopicSide: String, Sendable {
    case yemen
    case russia
}

/// Which lead sentences a tag's terms count in.
public enum TagScope: String, Sendable {
    /// The lede and the sentences that carry (or refer back to) the interaction: an incidental
    /// "port" or "minister" elsewhere in the lead does not tag a story.
    case subject
    /// Every lead sentence: a party named anywhere in the lead is a party to the story (the
    /// Houthis claiming an attack in the lead's last sentence).
    case lead
}

/// A tag's vocabulary and how much evidence it needs. Its terms count in the title (2) and in the
/// lead sentences that say what the story is about (1): the lede and the sentences that carry the
/// Yemen–Russia interaction; an incidental word elsewhere in the lead does not tag a story.
public struct TagRule: Sendable {
    public var name: String
    public var terms: TermSet
    /// A title hit scores 2, a hit in a subject sentence of the lead 1; the tag is given at or
    /// above this score.
    public var threshold: Double
    /// When set, a hit counts only if the nearest Yemen or Russia term in its sentence is on this
    /// side: "Yemen's prime minister" is the Yemeni government, "Russia's Foreign Ministry" is not.
    public var side: TopicSide?
    /// Phrases that cancel this tag's hits inside them ("oil tanker" is shipping, not economy).
    public var exclusions: TermSet
    /// Terms that cancel this tag's hits in their whole sentence: talks at the Security Council
    /// are UN proceedings, not diplomacy.
    public var unless: TermSet
    /// The lead sentences its terms count in (the title always counts).
    public var scope: TagScope

    public init(name: String, terms: TermSet, threshold: Double = 1, side: TopicSide? = nil,
                exclusions: TermSet = TermSet([]), unless: TermSet = TermSet([]), scope: TagScope = .subject) {
        self.name = name
        self.terms = terms
        self.threshold = threshold
        self.side = side
        self.exclusions = exclusions
        self.unless = unless
        self.scope = scope
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
    /// Terms that mark something other than relations news (market prices, sports results,
    /// airline schedules, menus): in the title such a story is never on topic; in a lead sentence
    /// that sentence ties nothing.
    public var offTopicContexts: TermSet
    /// Words by which a later sentence refers back to an event (a vote, a resolution, the ship,
    /// its crew, the delegation, the cargo): they tie sides named in different sentences.
    public var references: TermSet
    /// Actions a list of parties takes together (abstained, voted, vetoed): a side named as one
    /// item of such a list in a later sentence still ties ("Russia, China and Algeria abstained").
    public var listActions: TermSet
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
    /// How many sentences apart they may be when the later sentence refers back to the event.
    public var linkWindow: Int
    public var weights: TopicWeights
    /// The story is on topic when its best Yemen–Russia pair scores at least this.
    public var threshold: Double

    public init(yemen: TermSet, russia: TermSet, exclusions: TermSet, offTopicContexts: TermSet = TermSet([]),
                references: TermSet = TermSet([]), listActions: TermSet = TermSet([]), clauseMarkers: TermSet = StoryRules.defaultClauseMarkers, tags: [TagRule],
                names: TermSet = TermSet([]), actors: [String: Actor] = [:], sentenceWindow: Int = 1, linkWindow: Int = 3,
                weights: TopicWeights = TopicWeights(), threshold: Double = 2) {
        self.references = references
        self.listActions = listActions
        self.linkWindow = linkWindow
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

    /// Contrastive conjunctions and openings that start a separate matter, in English, Russian
    /// and Arabic.
    public static let defaultClauseMarkers = TermSet(
        ["while", "whereas", "meanwhile", "separately", "elsewhere", "\"in other news\"", "\"in a separate development\"",
         "тогда", "в то время как", "между тем", "тем временем", "\"кроме того\"", "\"в то же время\"", "отдельно",
         "بينما", "في حين", "فيما", "\"في تطور منفصل\"", "\"في سياق آخر\"", "\"في شأن آخر\"", "\"من جهة أخرى\"", "\"على صعيد آخر\""]
            .compactMap { try? Term(parsing: $0) })
}
