/// Whose a side-bound tag term is: the Yemeni government's minister or Russia's. Outlets name an
/// official's country beside the title ("Yemen's prime minister", "Russian Deputy Foreign
/// Minister Mikhail Bogdanov", "وزير الخارجية الروسي"), or name only the other party of the
/// meeting ("the oil minister met with the Russian ambassador"), or repeat a word already placed
/// ("Russia's Foreign Ministry said ..., a ministry spokeswoman told reporters").
enum TermSides {
    /// How many words may stand between a term and the country term that places it.
    static let window = 5

    /// The side of each of `hits` (in text order), nil where its sentence names no side:
    /// - the nearest topic term on the hit's side of "with", within `window` words;
    /// - else the side an earlier hit of the same term was placed on within `window`;
    /// - else the nearest topic term on its side of "with" at any distance;
    /// - else the side opposite the party across "with".
    static func sides(of hits: [TermHit], yemen: [TermHit], russia: [TermHit], tokens: [Token]) -> [TopicSide?] {
        var placed: [(term: String, side: TopicSide)] = []
        return hits.map { hit in
            let (near, across) = nearest(to: hit, yemen: yemen, russia: russia, tokens: tokens)
            if let near, near.distance <= window {
                if !placed.contains(where: { $0.term == hit.term }) { placed.append((hit.term, near.side)) }
                return near.side
            }
            if let earlier = placed.first(where: { $0.term == hit.term }) { return earlier.side }
            if let near { return near.side }
            return across.map { $0.side == .yemen ? .russia : .yemen }
        }
    }

    /// The nearest topic term (outside an excluded phrase) in the hit's sentence on its side of "with", and the
    /// party across it.
    static func nearest(to hit: TermHit, yemen: [TermHit], russia: [TermHit], tokens: [Token])
        -> (near: (distance: Int, side: TopicSide)?, across: (distance: Int, side: TopicSide)?) {
        var near: (distance: Int, side: TopicSide)?
        var after: (distance: Int, side: TopicSide)?
        var before: (start: Int, side: TopicSide)?
        func consider(_ others: [TermHit], _ side: TopicSide) {
            // A list item still says whose the word beside it is ("ومحافظ عدن": Aden's governor);
            // an excluded phrase ("Russian roulette") names nobody.
            for other in others where other.ignored != .excluded && other.unit == hit.unit {
                let follows = other.range.lowerBound >= hit.range.upperBound
                let gap = follows ? hit.range.upperBound..<other.range.lowerBound
                    : min(other.range.upperBound, hit.range.lowerBound)..<hit.range.lowerBound
                if !gap.contains(where: { isWith(tokens[$0]) }) {
                    if gap.count < (near?.distance ?? Int.max) { near = (gap.count, side) }
                } else if follows {
                    if gap.count < (after?.distance ?? Int.max) { after = (gap.count, side) }
                } else if other.range.lowerBound < (before?.start ?? Int.max) {
                    before = (other.range.lowerBound, side)
                }
            }
        }
        consider(yemen, .yemen)
        consider(russia, .russia)
        // Across "with" the other party is the one it introduces, or, for a term after "with",
        // the sentence's subject (its first topic term), not a place named in between.
        let across = after.map { (distance: $0.distance, side: $0.side) } ?? before.map { (distance: hit.range.lowerBound - $0.start, side: $0.side) }
        return (near, across)
    }

    private static func isWith(_ token: Token) -> Bool {
        let key = token.forms.first.key
        return key == withKeys.0 || key == withKeys.1 || key == withKeys.2 || key == withKeys.3
    }

    /// "with" in the three languages (с, со: Russian), as word keys.
    private static let withKeys = (WordForm.hash("with".utf8), WordForm.hash("مع".utf8), WordForm.hash("с".utf8),
                                   WordForm.hash("со".utf8))
}
