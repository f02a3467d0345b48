/// What makes a story relevant, as configured: the two sides of the topic rule, the phrases that
/// cancel a hit (idioms and look-alikes), and the tag vocabularies.
public struct StoryRules: Sendable {
    /// Words that put Yemen (its state, the Houthis, its places and people) in a story.
    public var yemen: TermSet
    /// Words that put Russia (its state, officials, ships, companies, weapons) in a story.
    public var russia: TermSet
    /// Phrases whose match cancels any topic or tag hit inside it ("Russian roulette", "Moscow, Idaho").
    public var exclusions: TermSet
    /// Tag name -> its vocabulary, in the order tags are reported.
    public var tags: [(name: String, terms: TermSet)]
    /// How many sentences apart a Yemen hit and a Russia hit may be and still interact
    /// (0: same sentence; 1: adjacent; the title counts as the sentence before the lead).
    public var sentenceWindow: Int

    public init(yemen: TermSet, russia: TermSet, exclusions: TermSet,
                tags: [(name: String, terms: TermSet)], sentenceWindow: Int = 1) {
        self.yemen = yemen
        self.russia = russia
        self.exclusions = exclusions
        self.tags = tags
        self.sentenceWindow = sentenceWindow
    }
}
