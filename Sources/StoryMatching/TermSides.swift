/// Whose a side-bound tag term is: the Yemeni government's minister or Russia's. Outlets name an
/// official's country beside the title ("Yemen's prime minister", "Russian Deputy Foreign
/// Minister Mikhail Bogdanov", "وزير الخارجية الروسي"), or name only the other party of the
/// meeting ("the oil minister met with the Russian ambassador"), or repeat a word already placed
/// in the sentence ("Russia's Foreign Ministry said ..., a ministry spokeswoman told reporters").
/// A headline is terse: a title word with no country beside it, or naming the source at the
/// title's end ("Russia welcomes Yemen truce — Foreign Ministry"), takes the side its lead gives
/// it when the lead names one country beside every mention of it.
struct TermSides {
    /// How many words may stand between a term and the country term that places it.
    static let window = 5
    /// How many words may stand between a term and a country term that names its country
    /// outright ("Russian embassy", "embassy of Russia", «посольство России»), with no
    /// punctuation between them ("…to Aden, the ministry said" names no ministry's country).
    static let attached = 1

    let yemen: [TermHit]
    let russia: [TermHit]
    /// withsBefore[i]: how many "with" words (`withKeys`) stand before token i, so whether a gap
    /// holds one is one subtraction.
    private let withsBefore: [Int]
    /// kindAt[i]: what token i says, when it is one of the words read here: a posting ("ambassador
    /// to Yemen", «представитель при ООН», «سفير روسيا لدى اليمن»: the country right after it is
    /// the host, not theirs) or a verb of saying (a source named at the title's end: "…, new
    /// ambassador says").
    private let kindAt: [WordKind?]
    /// Where the title ends.
    private let titleEnd: Int
    /// punctuationsBefore[i]: how many of the tokens before i have punctuation before them in
    /// their sentence, so whether a gap holds any is one subtraction.
    private let punctuationsBefore: [Int]

    /// Reads the words before `end` (the body, when read, places nothing: tags count the title and lead).
    init(tokens: [Token], end: Int, yemen: [TermHit], russia: [TermHit]) {
        self.yemen = yemen
        self.russia = russia
        // One lookup per word for both kinds, the table read once (not per word through its lazy global).
        let kinds = Self.wordKinds
        var counts = [Int](repeating: 0, count: tokens.count + 1)
        var kindAt = [WordKind?](repeating: nil, count: tokens.count)
        var punctuations = [Int](repeating: 0, count: tokens.count + 1)
        tokens.withUnsafeBufferPointer { tokens in
            for index in 0..<min(end, tokens.count) {
                let kind = kinds[tokens[index].forms.first.key]
                counts[index + 1] = counts[index] + (kind == .with ? 1 : 0)
                kindAt[index] = kind
                punctuations[index + 1] = punctuations[index] + (tokens[index].punctuationBefore == nil ? 0 : 1)
            }
        }
        withsBefore = counts
        self.kindAt = kindAt
        punctuationsBefore = punctuations
        titleEnd = tokens.firstIndex { $0.unit > 0 } ?? tokens.count
    }

    /// The side of each of `hits` (in text order), nil where its sentence names no side:
    /// - the nearest topic term on the hit's side of "with", within `window` words with no
    ///   punctuation between them;
    /// - else the side an earlier mention of the same term in the title or lead had from a country
    ///   right beside it (`Near.joined`): the word comes back meaning the same body;
    /// - else the nearest topic term on the hit's side of "with", within `window` words;
    /// - else the side the latest earlier hit of the same term in the same sentence was placed on;
    /// - else the nearest topic term on its side of "with" at any distance;
    /// - else the side opposite the party across "with".
    /// A term that names both sides ("Yemen and Russia") is at distance 0 from both: Yemen wins
    /// the tie, since such a phrase is a side-bound tag's only when it names the Yemeni party.
    /// A title hit with no country beside it, or naming the source at the title's end, then takes
    /// its lead's side (`leadSides`).
    func sides(of hits: [TermHit]) -> [TopicSide?] {
        var memory = Mentions()
        var sides: [TopicSide?] = []
        var beside: [Bool] = []  // placed by a country term within the window
        for hit in hits {
            let (near, across) = nearest(to: hit)
            beside.append(near.map { $0.distance <= Self.window } ?? false)
            sides.append(memory.side(of: hit, near: near, across: across))
        }
        let lead = Self.leadSides(hits, sides: sides, beside: beside)
        for index in hits.indices where hits[index].unit == 0 && (!beside[index] || namesSource(hits[index])) {
            if let side = lead[hits[index].term] { sides[index] = side }
        }
        return sides
    }

    /// What earlier hits said about each term, for the hits after them.
    private struct Mentions {
        /// Per term, the side and sentence of its latest hit placed by a country within the window.
        var placed: [String: (unit: Int, side: TopicSide)] = [:]
        /// Per term, the side of its latest hit with its country right beside it (`Near.joined`).
        var named: [String: TopicSide] = [:]

        /// The side of `hit`, by the rules of `sides(of:)`, remembering it for later hits.
        mutating func side(of hit: TermHit, near: Near?, across: TopicSide?) -> TopicSide? {
            if let near, near.distance <= TermSides.window, near.unbroken || named[hit.term] == nil {
                if near.joined { named[hit.term] = near.side }
                placed[hit.term] = (hit.unit, near.side)
                return near.side
            }
            // "Russia's Emergencies Ministry sends aid … to Aden, the ministry's press service
            // said": a word named once with its country keeps it when it comes back without one.
            if let side = named[hit.term] { return side }
            if let earlier = placed[hit.term], earlier.unit == hit.unit { return earlier.side }
            return near?.side ?? across.map { $0 == .yemen ? .russia : .yemen }
        }
    }

    /// Whether a title hit names the story's source at the title's end: "— Foreign Ministry",
    /// "…, new ambassador says".
    private func namesSource(_ hit: TermHit) -> Bool {
        let end = hit.range.upperBound
        return end == titleEnd || (end + 1 == titleEnd && kindAt[end] == .says)
    }

    /// Per term, the one side the lead gives it, when a country term stands beside every lead
    /// mention of it and all name the same side.
    private static func leadSides(_ hits: [TermHit], sides: [TopicSide?], beside: [Bool]) -> [String: TopicSide] {
        var result: [String: TopicSide?] = [:]  // nil value: mentions disagree or one is not placed beside
        for index in hits.indices where hits[index].unit > 0 {
            let side = beside[index] ? sides[index] : nil
            if let seen = result[hits[index].term] {
                if seen != side { result[hits[index].term] = .some(nil) }
            } else {
                result[hits[index].term] = .some(side)  // kept even when nil (assigning nil would remove the key)
            }
        }
        return result.compactMapValues { $0 }
    }

    /// The nearest topic term (outside an excluded phrase) in the hit's sentence on its side of
    /// "with", and the side of the party across it.
    func nearest(to hit: TermHit) -> (near: Near?, across: TopicSide?) {
        var near: Near?
        var after: (distance: Int, side: TopicSide)?
        var before: (start: Int, side: TopicSide)?
        func consider(_ others: [TermHit], _ side: TopicSide) {
            // A list item still says whose the word beside it is ("ومحافظ عدن": Aden's governor);
            // an excluded phrase ("Russian roulette") names nobody.
            for other in others where other.ignored != .excluded && other.unit == hit.unit {
                let follows = other.range.lowerBound >= hit.range.upperBound
                // `follows` keeps the index in range: upperBound <= other.lowerBound < count.
                if follows, other.range.lowerBound == hit.range.upperBound + 1, kindAt[hit.range.upperBound] == .posting { continue }
                let gap = follows ? hit.range.upperBound..<other.range.lowerBound
                    : min(other.range.upperBound, hit.range.lowerBound)..<hit.range.lowerBound
                if withsBefore[gap.upperBound] == withsBefore[gap.lowerBound] {
                    // Strictly nearer: on a tie the Yemen side, considered first, keeps it.
                    if gap.count < (near?.distance ?? Int.max) {
                        // Punctuation before any word from the gap's first to the word after it.
                        let unbroken = punctuationsBefore[gap.upperBound + 1] == punctuationsBefore[gap.lowerBound]
                        let overlapping = !follows && other.range.upperBound > hit.range.lowerBound
                        near = Near(distance: gap.count, side: side, unbroken: unbroken || overlapping,
                                    joined: overlapping || (unbroken && gap.count <= Self.attached))
                    }
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
        return (near, after?.side ?? before?.side)
    }

    /// The nearest country term to a side-bound term, and how it stands to it.
    struct Near {
        /// Words between them.
        var distance: Int
        var side: TopicSide
        /// No punctuation between them: one clause, not "…to Aden, the ministry said".
        var unbroken: Bool
        /// At most `attached` words and no punctuation between them, or a country term that
        /// contains the term ("Yemen and Russia"): the country names the term outright.
        var joined: Bool
    }

    /// The words `TermSides` reads between a term and a country term.
    private enum WordKind: Sendable {
        case with, posting, says
    }

    private static let wordKinds: KeyTable<WordKind> = {
        var kinds: [UInt64: WordKind] = [:]
        for key in withKeys { kinds[key] = .with }
        for key in postingKeys { kinds[key] = .posting }
        for key in keys("says said заявил заявили сообщил сообщили يقول قال") { kinds[key] = .says }
        return KeyTable(kinds)
    }()

    /// Prepositions of a posting, right after an official's title, as word keys: only those that
    /// say "posted to" («в», "in" and «في» also say where a government sits: "the government in Aden").
    private static let postingKeys = keys("to при لدى إلى")

    /// The keys of the words of `text` as story text is normalized («التقى» is read «التقي»).
    private static func keys(_ text: String) -> Set<UInt64> { Set(TextNormalizer.words(text).map { WordForm.hash($0.utf8) }) }

    /// Words that stand between the two parties of a meeting: "with" in the three languages (с, со:
    /// Russian) and the verbs of meeting ("Interior Minister Haydan met Russia's ambassador": the
    /// minister is not Russia's), as word keys.
    private static let withKeys = keys("with met meets receives received hosts hosted مع التقى يلتقي استقبل يستقبل "
        + "с со встретился встречается принял принимает")
}
