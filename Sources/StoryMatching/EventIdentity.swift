import Foundation

/// When two reports are the same real-world event (config `dedup:`).
///
/// Outlets rewrite a story within days, and the further apart two reports are, the more alike
/// they must be: a report matches an earlier one when the IDF-weighted cosine of their
/// headline-and-lead terms reaches `similarity`, plus `similarityPerDay` for each day between
/// them, within `window`. Further apart they are different events: the same actors at a new
/// meeting weeks later are news.
///
/// A seed article is long and a report short, so a report matches a seed when `seedSimilarity` of
/// its weight is found in the seed's whole text. A seed that carries its date is an event of that
/// day: outside the window only a near copy matches it (`copySimilarity` of the report's word
/// pairs found in the seed).
public struct IdentityRules: Sendable, Equatable {
    public var similarity: Double
    public var similarityPerDay: Double
    public var seedSimilarity: Double
    public var copySimilarity: Double
    /// Seconds.
    public var window: TimeInterval
    /// How many lead sentences (after the title) identify a stream report.
    public var leadSentences: Int
    /// How much of their similarity two stream reports keep when they name different actors of
    /// one side and none in common on it (`actorFactor`): the same Russian envoy meeting al-Alimi
    /// and meeting Abdul-Salam are two occasions. Two that name the same actor on both sides are
    /// divided by it instead.
    public var otherActorsFactor: Double

    public init(similarity: Double = 0.2, similarityPerDay: Double = 0.04, seedSimilarity: Double = 0.55,
                copySimilarity: Double = 0.5, window: TimeInterval = 4 * 86_400, leadSentences: Int = 3,
                otherActorsFactor: Double = 0.7) {
        self.otherActorsFactor = otherActorsFactor
        self.similarity = similarity
        self.similarityPerDay = similarityPerDay
        self.seedSimilarity = seedSimilarity
        self.copySimilarity = copySimilarity
        self.window = window
        self.leadSentences = leadSentences
    }

    /// The similarity two stream reports need when published `seconds` apart (nil: too far apart).
    public func threshold(secondsApart seconds: TimeInterval) -> Double? {
        let apart = abs(seconds)
        guard apart <= window else { return nil }
        return similarity + similarityPerDay * apart / 86_400
    }
}

extension IdentityRules {
    /// What two stream reports' actors do to their similarity (the score is multiplied by it, and
    /// kept at most 1). Different actors of one side and none in common on it: two occasions
    /// (`otherActorsFactor`). The same actor on both sides (Bogdanov and Abdul-Salam in both):
    /// the same occasion retold, since a rewrite keeps the names when it drops the agenda
    /// (`1 / otherActorsFactor`). Otherwise 1. Used by the index, `match --explain` and the tools alike.
    public func actorFactor(_ story: StoryTerms, _ other: StoryTerms) -> Double {
        actorFactor(yemen: story.actors(.yemenActor), russia: story.actors(.russiaActor),
                    otherYemen: other.actors(.yemenActor), otherRussia: other.actors(.russiaActor))
    }

    /// `actorFactor` over the actor names (keys) of each side of the two reports.
    public func actorFactor(yemen: Set<UInt64>, russia: Set<UInt64>, otherYemen: Set<UInt64>, otherRussia: Set<UInt64>) -> Double {
        func differ(_ mine: Set<UInt64>, _ theirs: Set<UInt64>) -> Bool { !mine.isEmpty && !theirs.isEmpty && mine.isDisjoint(with: theirs) }
        if differ(yemen, otherYemen) || differ(russia, otherRussia) { return otherActorsFactor }
        if !yemen.isDisjoint(with: otherYemen), !russia.isDisjoint(with: otherRussia) { return 1 / otherActorsFactor }
        return 1
    }
}

/// A report being judged: its identity terms, when it appeared and in which language.
public struct StoryIdentity: Sendable {
    /// Title and lead (up to `IdentityRules.leadSentences`).
    public var terms: StoryTerms
    /// The word pairs of everything the report says, for recognising a near copy of a seed.
    public var pairs: WordPairs
    /// Its publication date, else when it was first seen.
    public var date: Date
    public var language: StoryLanguage

    public init(terms: StoryTerms, pairs: WordPairs = WordPairs(keys: []), date: Date, language: StoryLanguage) {
        self.terms = terms
        self.pairs = pairs
        self.date = date
        self.language = language
    }

    /// How much of a report's body its word pairs read (see `StoryClassifier.identity(of:)`).
    public static let pairedCharacters = 4_000
}

/// A seed article as identity compares it: its whole text, and its date when the file gives one.
public struct SeedIdentity: Sendable {
    /// The file name, reported as `duplicate_of`.
    public var name: String
    public var terms: StoryTerms
    public var pairs: WordPairs
    /// Nil when the article carries no date: it is then compared at any distance.
    public var date: Date?
    public var language: StoryLanguage

    public init(name: String, terms: StoryTerms, pairs: WordPairs = WordPairs(keys: []), date: Date?, language: StoryLanguage) {
        self.name = name
        self.terms = terms
        self.pairs = pairs
        self.date = date
        self.language = language
    }

    /// How much of `story` this seed holds, and whether that makes it the seed's event: within
    /// the window (or for an undated seed) the share of its title-and-lead weight the seed holds,
    /// at `seedSimilarity`; otherwise the share of its word pairs, at `copySimilarity`, with every
    /// figure of its title and lead found in the seed.
    public func judge(_ story: StoryIdentity, rules: IdentityRules, weighting: TermWeighting)
        -> (score: Double, withinWindow: Bool, isSame: Bool)? {
        guard story.language == language, !terms.isEmpty else { return nil }
        let within = date.map { abs(story.date.timeIntervalSince($0)) <= rules.window } ?? true
        if within {
            let score = EventSimilarity.score(story.terms, terms, .containment, weighting: weighting)
            return (score, true, score >= rules.seedSimilarity)
        }
        // A copy keeps the figures; a template filled with new ones ("docked with 45,000 tonnes"
        // months later) is a new event.
        let score = story.pairs.containment(in: pairs)
        return (score, false, score >= rules.copySimilarity && story.terms.numbers.isSubset(of: terms.numbers))
    }
}
