import Foundation
import StoryMatching
import Testing

/// Rules with a few aliases, as the config gives them (every spelling of a name is one term).
private func identityRules() throws -> StoryRules {
    func alias(_ group: String, _ sources: [String]) throws -> [Term] {
        try sources.map { source in
            var term = try Term(parsing: source)
            term.group = group
            return term
        }
    }
    let houthis = try alias("houthis", ["houthi", "huthi", "\"ansar allah\"", "ansarallah", "حوثي*", "хусит*"])
    let abdulSalam = try alias("abdul_salam", ["\"abdul salam\"", "abdulsalam", "\"abdel salam\"", "\"عبد السلام\"", "\"абдель салям\""])
    return StoryRules(
        yemen: TermSet(try TermSet(parsing: ["yemen", "yemeni", "اليمن", "йемен*"]).terms + houthis + abdulSalam),
        russia: try TermSet(parsing: ["russia", "russian", "moscow", "روسي*", "росси*"]),
        exclusions: TermSet([]), tags: [],
        names: TermSet(houthis + abdulSalam),
        actors: ["abdul_salam": Actor(name: "abdul_salam", side: .yemen)])
}

private func terms(_ title: String, _ lead: String = "", rules: StoryRules) -> StoryTerms {
    StoryClassifier(rules: rules).scan(StoryText(title: title, lead: lead)).allTerms()
}

private let day: TimeInterval = 86_400
private let march = Date(timeIntervalSince1970: 1_741_000_000)

@Suite("Story identity terms")
struct StoryTermsTests {
    @Test("Numbers written with separators or words are one term")
    func numbers() throws {
        let rules = try identityRules()
        let forms = ["54,000 tonnes", "54 000 tonnes", "54 thousand tonnes", "٥٤ ألف طن", "54 тыс. тонн"]
        let keys = forms.map { text in Array(terms(text, rules: rules).numbers) }
        #expect(Set(keys).count == 1 && keys[0].count == 1)
        #expect(terms("Resolution 2722", rules: rules) != terms("Resolution 2216", rules: rules))
    }

    @Test("A Russian surname is one word in every case, its nominative included")
    func russianSurnameCases() throws {
        let rules = try identityRules()
        // -ов/-ев surnames decline on top of the suffix; the nominative must meet the other cases.
        let forms = ["Ушаков", "Ушакова", "Ушакову", "Ушаковым", "Ушакове"]
        #expect(Set(forms.map { terms($0, rules: rules).keys }).count == 1)
        #expect(Set(["Медведев", "Медведева", "Медведевым"].map { terms($0, rules: rules).keys }).count == 1)
        #expect(terms("Ушаков", rules: rules) != terms("Ушинский", rules: rules))
    }

    @Test("Numbers written as words are the number", arguments: [
        ("пять взрывов", "5 взрывов"), ("трёх тысяч военнопленных", "3000 военнопленных"),
        ("ثلاثة آلاف أسير", "3000 أسير"), ("وخمسة عشر قتيلا", "15 قتيلا"),
    ])
    func numberWords(_ written: String, _ figures: String) throws {
        let rules = try identityRules()
        #expect(terms(written, rules: rules) == terms(figures, rules: rules))
        #expect(!terms(written, rules: rules).numbers.isEmpty)
    }

    @Test("Words that only look like numbers stay words: «لست» is not six, «الاثنين» is Monday")
    func numberLookAlikes() throws {
        let rules = try identityRules()
        #expect(terms("لست متأكدا", rules: rules).numbers.isEmpty)
        #expect(terms("يوم الاثنين", rules: rules).numbers.isEmpty)
    }

    @Test("A month is one term in every calendar, case and abbreviation", arguments: [
        ("16 يوليو", "16 تموز"), ("19 نوفمبر", "19 تشرين الثاني"), ("3 كانون الثاني", "3 يناير"),
        ("16 сентября", "16 сентябре"), ("Sept. 16", "September 16"), ("May 6", "6 May"),
    ])
    func months(_ one: String, _ other: String) throws {
        let rules = try identityRules()
        #expect(terms(one, rules: rules) == terms(other, rules: rules))
    }

    @Test("An everyday word that can name a month names one only beside a figure")
    func monthLookAlikes() throws {
        let rules = try identityRules()
        #expect(terms("talks may resume", rules: rules) == terms("talks might resume", rules: rules))
        #expect(terms("talks resume May 6", rules: rules) != terms("talks resume 6", rules: rules))
        #expect(terms("عمل مارس الضغط", rules: rules) != terms("عمل 3 الضغط", rules: rules))
    }

    @Test("A weekday or «вчера» is read against the publication date as the day it names")
    func relativeDays() throws {
        let rules = try identityRules()
        let classifier = StoryClassifier(rules: rules)
        // Wednesday 17 September 2025, 09:00 UTC.
        let published = Date(timeIntervalSince1970: 1_758_099_600)
        func dated(_ text: String, _ date: Date?) -> Set<UInt64> {
            Set(classifier.scan(StoryText(title: text, lead: "")).terms(leadSentences: 3, published: date).keys)
        }
        let explicit = dated("Удар по порту 16 сентября", nil)
        #expect(explicit.isSubset(of: dated("Удар по порту во вторник", published)))
        #expect(explicit.isSubset(of: dated("Удар по порту вчера", published)))
        #expect(!explicit.isSubset(of: dated("Удар по порту в понедельник", published)))
        #expect(dated("غارة على الميناء 16 سبتمبر", nil).isSubset(of: dated("غارة على الميناء يوم الثلاثاء", published)))
        // Without a date nothing is resolved, and the resolved day is not a figure the report wrote.
        #expect(!explicit.isSubset(of: dated("Удар по порту во вторник", nil)))
        #expect(classifier.scan(StoryText(title: "Удар во вторник", lead: "")).terms(leadSentences: 3, published: published).numbers.isEmpty)
    }

    @Test("Every spelling of an alias is one name term, flagged as a name")
    func aliasSpellings() throws {
        let rules = try identityRules()
        let a = terms("Abdul-Salam meets Russian envoy", rules: rules)
        let b = terms("Abdulsalam meets Russian envoy", rules: rules)
        let c = terms("Abdel Salam meets Russian envoy", rules: rules)
        #expect(a == b && b == c)
        #expect(a.kinds.contains { $0.contains(.name) && !$0.contains(.marker) })
    }

    @Test("Side-only words are markers; the title and lead are told apart")
    func markersAndPlaces() throws {
        let rules = try identityRules()
        let story = terms("Houthi envoy in Moscow", "The envoy discussed grain.", rules: rules)
        let marked = story.kinds.filter { $0.contains(.marker) }
        #expect(marked.count == 2)  // houthi (an alias but not an actor) and moscow
        #expect(story.kinds.contains { $0.contains(.title) && $0.contains(.lead) })  // envoy: both
        #expect(story.kinds.contains { $0 == [.lead] })  // grain: lead only
    }

    @Test("Terms survive storage byte for byte; damaged bytes give no terms")
    func storage() throws {
        let story = terms("Russian wheat ship docks at Hodeidah", "The 54,000-tonne cargo arrived on Monday.", rules: try identityRules())
        #expect(StoryTerms(bytes: story.bytes) == story)
        #expect(StoryTerms(bytes: [1, 2, 3]).isEmpty)
        #expect(StoryTerms(bytes: story.bytes.reversed()).isEmpty)
    }
}

@Suite("Event similarity and the event index")
struct EventIndexTests {
    static let weighting = TermWeighting(statistics: TermStatistics(prior: .empty))

    static func random(_ count: Int, vocabulary: Int, _ rng: inout SeededGenerator) -> StoryTerms {
        var keys = Set<UInt64>()
        while keys.count < count { keys.insert(UInt64(Int.random(in: 0..<vocabulary, using: &rng)) &* 0x9E37_79B9_7F4A_7C15 | 1) }
        let sorted = keys.sorted()
        return StoryTerms(keys: sorted, kinds: sorted.map { _ in .lead })
    }

    @Test("The index finds exactly what a full scan finds, for rewrites and for new stories")
    func exactCandidates() {
        var rng = SeededGenerator(seed: 7)
        var statistics = TermStatistics(prior: .empty)
        var stored: [(StoryTerms, Date, StoryLanguage)] = []
        for n in 0..<3_000 {
            let story = Self.random(Int.random(in: 10...30, using: &rng), vocabulary: 5_000, &rng)
            statistics.add(document: story.keys)
            stored.append((story, march.addingTimeInterval(Double(n) * 600), StoryLanguage.allCases[n % 3]))
        }
        var index = EventIndex(weighting: TermWeighting(statistics: statistics))
        for (id, story) in stored.enumerated() { index.insert(id: Int64(id), terms: story.0, date: story.1, language: story.2) }
        let rules = IdentityRules()
        var rewrites = 0
        for q in 0..<300 {
            let base = stored[Int.random(in: 0..<stored.count, using: &rng)]
            var keys = Set(base.0.keys.shuffled(using: &rng).prefix(base.0.count * (q % 2 == 0 ? 3 : 1) / 4))
            keys.formUnion(Self.random(8, vocabulary: 5_000, &rng).keys)
            let query = StoryTerms(keys: keys.sorted(), kinds: keys.map { _ in .lead })
            let date = base.1.addingTimeInterval(Double(q % 7 - 3) * day)
            let fast = index.nearest(to: query, date: date, language: base.2, rules: rules)
            let scan = index.ranked(query, date: date, language: base.2, limit: 3_000)
                .compactMap { hit in rules.threshold(secondsApart: hit.secondsApart).map { (hit, hit.score / $0) } }
                .filter { $0.1 >= 1 }.max { $0.1 < $1.1 }
            #expect(fast?.id == scan?.0.id, "query \(q): index \(String(describing: fast)), scan \(String(describing: scan))")
            if fast != nil { rewrites += 1 }
        }
        #expect(rewrites > 50)  // the test exercises matches, not only misses
    }

    @Test("A rewrite matches within the window, more easily the closer it is; weeks later nothing does")
    func window() {
        var rng = SeededGenerator(seed: 3)
        let story = Self.random(20, vocabulary: 100_000, &rng)
        var index = EventIndex(weighting: Self.weighting)
        index.insert(id: 1, terms: story, date: march, language: .en)
        let rewrite = StoryTerms(keys: Array(story.keys.prefix(14)) + [UInt64.max - 1, UInt64.max],
                                 kinds: Array(repeating: .lead, count: 16))
        var rules = IdentityRules()
        func find(_ terms: StoryTerms, after days: Double, _ language: StoryLanguage = .en) -> EventIndex.Match? {
            index.nearest(to: terms, date: march.addingTimeInterval(days * day), language: language, rules: rules)
        }
        #expect(find(rewrite, after: 2)?.id == 1)
        #expect(find(rewrite, after: -2)?.id == 1)
        #expect(find(rewrite, after: 21) == nil)
        #expect(find(story, after: 21) == nil)
        #expect(find(story, after: 1, .ar) == nil)
        // The rewrite's similarity (about 0.8) passes at 0.5 on the same day, not at 0.5 + 2 × 0.2.
        rules.similarity = 0.5
        rules.similarityPerDay = 0.2
        #expect(find(rewrite, after: 0.1)?.id == 1)
        #expect(find(rewrite, after: 2) == nil)
    }

    @Test("Common words weigh less than rare ones")
    func idf() {
        var statistics = TermStatistics(prior: .empty)
        for n in 0..<1_000 { statistics.add(document: n % 2 == 0 ? [1, 2] : [1]) }
        statistics.add(document: [3])
        #expect(statistics.idf(1) < statistics.idf(2))
        #expect(statistics.idf(2) < statistics.idf(3))
        #expect(statistics.idf(3) < statistics.idf(4))
    }
}

@Suite("Seed articles as events")
struct SeedIdentityTests {
    @Test("A seed's date is read from its first lines only")
    func articleDate() {
        let date = ArticleDate.leading(in: "Headline\n\nFriday 26 January 2024 - 22:47\n\nOn January 25, the ministry said ...")
        #expect(date.map { ISO8601DateFormatter().string(from: $0) } == "2024-01-26T12:00:00Z")
        #expect(ArticleDate.leading(in: "Заголовок\n26 января 2024 года\nТекст") != nil)
        #expect(ArticleDate.leading(in: "Date: 2024-01-26\nHeadline") != nil)
        #expect(ArticleDate.leading(in: "Headline\n\nNews\n\nThe talks were held in late July.") == nil)
    }

    @Test("A dated seed matches rewrites of its days, and near copies at any time")
    func datedSeed() throws {
        let rules = try identityRules()
        let classifier = StoryClassifier(rules: rules)
        let seedText = "Houthi delegation in Moscow\n\nRussia hosted a delegation of Ansar Allah led by Abdul-Salam for talks on the Red Sea crisis and prisoner exchanges."
        let seedScan = classifier.scan(StoryText(plainText: seedText))
        let seedTerms = seedScan.allTerms()
        let seedPairs = WordPairs(tokens: seedScan.tokens)
        let seed = SeedIdentity(name: "s.txt", terms: seedTerms, pairs: seedPairs, date: march, language: .en)
        let identity = IdentityRules()
        let weighting = TermWeighting(statistics: TermStatistics(prior: .empty))
        let rewrite = StoryIdentity(terms: terms("Abdulsalam holds Red Sea talks in Moscow", "Prisoner exchanges were also discussed.", rules: rules),
                                    date: march.addingTimeInterval(day), language: .en)
        #expect(seed.judge(rewrite, rules: identity, weighting: weighting)?.isSame == true)
        var later = rewrite
        later.date = march.addingTimeInterval(150 * day)
        #expect(seed.judge(later, rules: identity, weighting: weighting)?.isSame == false)
        let copy = classifier.identity(of: StoryText(plainText: seedText), rules: identity, date: later.date)
        #expect(seed.judge(copy, rules: identity, weighting: weighting)?.isSame == true)
        // The same sentences filled with new figures are a new event, not a copy.
        let template = seedText.replacingOccurrences(of: "prisoner exchanges", with: "the release of 42 prisoners")
        let filled = classifier.identity(of: StoryText(plainText: template), rules: identity, date: later.date)
        #expect(filled.pairs.containment(in: seed.pairs) >= identity.copySimilarity)
        #expect(seed.judge(filled, rules: identity, weighting: weighting)?.isSame == false)
        var undated = seed
        undated.date = nil
        #expect(undated.judge(later, rules: identity, weighting: weighting)?.isSame == true)
    }
}

/// A deterministic generator for tests that draw random stories.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("What actors do to the similarity of two reports")
struct ActorFactorTests {
    let rules = IdentityRules(otherActorsFactor: 0.7)

    @Test("Other actors of one side lower it, the same actors on both sides raise it, anything else leaves it", arguments: [
        // (this report's Yemen and Russia actors, the other's, factor)
        ([1], [10], [2], [10], 0.7),          // another Yemeni actor with the same Russian one: two occasions
        ([1], [10], [1], [11], 0.7),          // the same Yemeni actor with another Russian one
        ([1], [10], [1], [10], 1 / 0.7),      // both the same: one occasion retold
        ([1, 2], [10], [2], [10, 11], 1 / 0.7),
        ([1], [10], [1], [], 1.0),            // one side named by one report only
        ([], [10], [], [10], 1.0),            // one side only
        ([], [], [], [], 1.0),
    ] as [([UInt64], [UInt64], [UInt64], [UInt64], Double)])
    func factor(_ yemen: [UInt64], _ russia: [UInt64], _ otherYemen: [UInt64], _ otherRussia: [UInt64], _ expected: Double) {
        let factor = rules.actorFactor(yemen: Set(yemen), russia: Set(russia), otherYemen: Set(otherYemen), otherRussia: Set(otherRussia))
        #expect(abs(factor - expected) < 1e-9)
    }
}
