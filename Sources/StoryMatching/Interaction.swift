/// How a Yemen-side hit and a Russia-side hit are tied in a story, and how much the tie counts
/// towards the story being about Yemen–Russia relations (`TopicWeights`).
///
/// - In one clause of one sentence (`sameClause`): the title counts most, a lead sentence less.
/// - In two sentences of the headline and lead (`linked`): only when the later one refers back to
///   the event ("Russia abstained" after a vote, "the Russian captain" after a ship, "the
///   delegation"): a `topic.references` term in it. Russia's part in a Security Council story or
///   the Russian crew of an attacked ship is often in the lead's second or third sentence.
/// - Otherwise two sentences side by side (`adjacent`), or one side in the title and the other in
///   the lead (`titleAndLead`), count for less: headline and lead often name two separate drivers.
///
/// A sentence that names an off-topic context (market prices, sports results, airline schedules,
/// menus ...) carries no tie, and a sentence opening with a contrast ("Separately, ...",
/// "Meanwhile, ...") does not refer back.
public struct Interaction: Sendable, Equatable, CustomStringConvertible {
    public enum Tie: String, Sendable {
        case sameClause = "the same clause"
        case linked = "a later sentence that refers back"
        case adjacent = "adjacent sentences"
        case titleAndLead = "the title and the lead"
    }

    public var yemen: TermHit
    public var russia: TermHit
    public var tie: Tie
    public var score: Double
    /// The word that refers back to the event (`linked` only).
    public var reference: TermHit?
    /// Later lead sentences that open by referring back to the event ("The meeting came days
    /// after ..."): they tell what the event is about, so tags count there too.
    public var followUps: [Int] = []
    /// The sentences of every tie that reaches the threshold on its own (this one's among them):
    /// each says what the story is about, so tags count there too.
    public var alsoTied: [Int] = []

    /// The sentences (0 is the title) that carry the tie: tags need evidence here or in the title.
    public var units: Set<Int> {
        var units: Set<Int> = [yemen.unit, russia.unit]
        if let reference { units.insert(reference.unit) }
        units.formUnion(followUps)
        units.formUnion(alsoTied)
        return units
    }

    /// The sentences whose words count for a tag (of scope `subject`): the title, the lede, and
    /// the sentences that carry the tie (`units`), when there is one.
    public static func subjectUnits(of interaction: Interaction?) -> Set<Int> {
        var units: Set<Int> = [0, 1]
        if let interaction { units.formUnion(interaction.units) }
        return units
    }

    public var description: String {
        var text = "\(yemen.term) (sentence \(yemen.unit)) and \(russia.term) (sentence \(russia.unit)) in \(tie.rawValue)"
        if let reference { text += " (\(reference.term))" }
        return text + ", scoring \(score)"
    }
}

/// Finds the strongest tie between the two sides (pure: tokens and hits in, a tie out).
struct InteractionFinder {
    let weights: TopicWeights
    let sentenceWindow: Int
    let linkWindow: Int
    let structure: SentenceStructure
    /// Where the body starts in the tokens (body ties only count within one clause).
    let bodyStart: Int
    /// Hits naming an off-topic context (their sentences tie nothing). The lists here are a few
    /// hits long, so they are searched rather than hashed.
    let contexts: [TermHit]
    /// `topic.references` hits (the first in a sentence is the one reported).
    let references: [TermHit]
    /// `topic.list_actions` hits.
    let listActions: [TermHit]
    /// Sentences that open with a contrast marker.
    let contrastOpenings: [Int]

    init(rules: StoryRules, tokens: [Token], structure: SentenceStructure, bodyStart: Int,
         contexts: [TermHit], references: [TermHit], listActions: [TermHit], markers: [TermHit]) {
        weights = rules.weights
        sentenceWindow = rules.sentenceWindow
        linkWindow = rules.linkWindow
        self.structure = structure
        self.bodyStart = bodyStart
        self.contexts = contexts
        self.references = references
        self.listActions = listActions
        var openings: [Int] = []
        for marker in markers {
            let start = marker.range.lowerBound
            if start == 0 || tokens[start - 1].unit != tokens[start].unit { openings.append(marker.unit) }
        }
        contrastOpenings = openings
    }

    /// How near its sentence's start a reference must be for the sentence to be about the event
    /// as a whole ("The meeting came days after ...", "ويأتي اللقاء بعد ...").
    static let openingWords = 3

    /// Lead sentences after the tie, within `linkWindow`, that open by referring back to the event:
    /// what they add (the arms deal the talks followed, the crew of the ship) is the story's
    /// subject too. A sentence opening with a contrast does not refer back.
    func followUps(of interaction: Interaction, tokens: [Token]) -> [Int] {
        let last = max(interaction.yemen.unit, interaction.russia.unit, interaction.reference?.unit ?? 0)
        var units: [Int] = []
        for hit in references where hit.unit > last && hit.unit <= last + linkWindow && hit.range.lowerBound < bodyStart
            && !contrastOpenings.contains(hit.unit) && !units.contains(hit.unit) {
            var opening = hit.range.lowerBound
            var words = 0
            while words < Self.openingWords, opening > 0, tokens[opening - 1].unit == hit.unit { opening -= 1; words += 1 }
            if words < Self.openingWords { units.append(hit.unit) }
        }
        return units
    }

    private func namesContext(_ unit: Int) -> Bool { contexts.contains { $0.unit == unit } }
    private func reference(in unit: Int) -> TermHit? { references.first { $0.unit == unit } }

    /// The best tie among the counted hits, or nil when no pair ties at all. A hit that is one
    /// item of a list ties only as the later sentence of a link whose sentence names an action
    /// the list took together: the members of a list that "abstained" acted in the vote.
    /// Sentences of every tie that reaches `threshold` on its own (a clause of one sentence, or a
    /// later sentence that refers back) are kept in `alsoTied`: a lead whose third sentence has
    /// Russia's envoy say the text ignores strikes on Yemen's ports ties there too.
    func strongest(yemen: [TermHit], russia: [TermHit], threshold: Double) -> Interaction? {
        func usable(_ hit: TermHit) -> Bool {
            hit.ignored == nil || (hit.ignored == .listItem && listActions.contains { $0.unit == hit.unit } && reference(in: hit.unit) != nil)
        }
        var best: Interaction?
        var tied: [Int] = []
        for y in yemen where usable(y) {
            for r in russia where usable(r) {
                guard let tie = tie(y, r) else { continue }
                // A clause that ties the sides, or a later sentence that ties back to the event by
                // a reference, says what the story is about; side-by-side sentences do not.
                if tie.score >= threshold, y.range.lowerBound < bodyStart, r.range.lowerBound < bodyStart {
                    for unit in [y.unit, r.unit] where !tied.contains(unit) { tied.append(unit) }
                }
                if tie.score > (best?.score ?? 0) { best = tie }
            }
        }
        best?.alsoTied = tied
        return best
    }

    private func tie(_ y: TermHit, _ r: TermHit) -> Interaction? {
        let inBody = y.range.lowerBound >= bodyStart || r.range.lowerBound >= bodyStart
        guard !namesContext(y.unit), !namesContext(r.unit) else { return nil }
        // A list item ties only from a later sentence than the other hit's, and not to another list item.
        switch (y.ignored == .listItem, r.ignored == .listItem) {
        case (true, true): return nil
        case (true, false): guard y.unit > r.unit else { return nil }
        case (false, true): guard r.unit > y.unit else { return nil }
        case (false, false): break
        }
        if y.unit == r.unit {
            guard structure.clause(of: y.range.lowerBound) == structure.clause(of: r.range.lowerBound) else { return nil }
            let score = inBody ? weights.body : y.unit == 0 ? weights.title : weights.lead
            return Interaction(yemen: y, russia: r, tie: .sameClause, score: score)
        }
        guard !inBody else { return nil }
        let later = max(y.unit, r.unit)
        let apart = abs(y.unit - r.unit)
        if apart <= linkWindow, !contrastOpenings.contains(later), let reference = reference(in: later) {
            return Interaction(yemen: y, russia: r, tie: .linked, score: weights.linked, reference: reference)
        }
        // Apart from a reference back to the event, a list item ties nothing.
        guard y.ignored != .listItem, r.ignored != .listItem else { return nil }
        if min(y.unit, r.unit) == 0 {
            return apart <= sentenceWindow ? Interaction(yemen: y, russia: r, tie: .titleAndLead, score: weights.titleLead) : nil
        }
        guard apart <= sentenceWindow, !contrastOpenings.contains(later) else { return nil }
        return Interaction(yemen: y, russia: r, tie: .adjacent, score: weights.adjacent)
    }
}
