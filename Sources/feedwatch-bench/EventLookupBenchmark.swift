import Foundation
import StoryMatching

/// Event lookup against a history of N stored reports: the index (`EventIndex.nearest`) next to
/// an exact scan of every stored report (`EventIndex.ranked`), in the same run, over the same
/// reports and queries. Reports are 15-40 terms from a Zipf-like vocabulary, dated over a year,
/// in three languages; half the queries are rewrites of a stored report (half its terms kept,
/// new ones added, dated within two days), half are new. Term weights come from document
/// frequencies over the stored reports themselves, as the daemon's statistics would.
struct EventLookupBenchmark {
    let stories: Int
    let queries: Int
    let rules: IdentityRules

    static let vocabulary = 300_000
    static let year: TimeInterval = 365 * 86_400
    static let start = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01

    func run() {
        print("\n== event lookup against \(stories) stored reports (\(queries) queries)")
        var rng = SplitMix(state: UInt64(stories))
        func word() -> UInt64 {
            let u = Double.random(in: 0..<1, using: &rng)
            return UInt64(min(Self.vocabulary - 1, Int(pow(Double(Self.vocabulary), u)) - 1)) &* 0x9E37_79B9_7F4A_7C15
        }
        func report() -> StoryTerms {
            var keys = Set<UInt64>()
            let size = Int.random(in: 15...40, using: &rng)
            while keys.count < size { keys.insert(word()) }
            let sorted = keys.sorted()
            return StoryTerms(keys: sorted, kinds: sorted.map { _ in Bool.random(using: &rng) ? .lead : [.title, .lead] })
        }
        var generated: [(StoryTerms, Date, StoryLanguage)] = []
        var statistics = TermStatistics(prior: .empty)
        for _ in 0..<stories {
            let terms = report()
            statistics.add(document: terms.keys)
            let date = Self.start.addingTimeInterval(Double.random(in: 0..<Self.year, using: &rng))
            generated.append((terms, date, StoryLanguage.allCases.randomElement(using: &rng) ?? .en))
        }
        generated.sort { $0.1 < $1.1 }
        let before = residentMB()
        var index = EventIndex(weighting: TermWeighting(statistics: statistics))
        let build = seconds {
            for (id, story) in generated.enumerated() { index.insert(id: Int64(id), terms: story.0, date: story.1, language: story.2) }
        }
        let memory = residentMB() - before

        var lookups: [(StoryTerms, Date, StoryLanguage, Int64?)] = []
        for q in 0..<queries {
            if q % 2 == 0 {
                let id = Int.random(in: 0..<generated.count, using: &rng)
                let (terms, date, language) = generated[id]
                var keys = Set(terms.keys.shuffled(using: &rng).prefix(terms.count / 2 + 2))
                for _ in 0..<terms.count / 3 { keys.insert(word()) }
                let sorted = keys.sorted()
                lookups.append((StoryTerms(keys: sorted, kinds: sorted.map { _ in .lead }),
                                date.addingTimeInterval(Double.random(in: -2...2, using: &rng) * 86_400), language, Int64(id)))
            } else {
                lookups.append((report(), Self.start.addingTimeInterval(Double.random(in: 0..<Self.year, using: &rng)),
                                StoryLanguage.allCases.randomElement(using: &rng) ?? .en, nil))
            }
        }
        var found = 0, falseMatches = 0
        var answers: [Int64?] = []
        let indexed = seconds {
            for (terms, date, language, expected) in lookups {
                let match = index.nearest(to: terms, date: date, language: language, rules: rules)
                answers.append(match?.id)
                if let expected { if match?.id == expected { found += 1 } } else if match != nil { falseMatches += 1 }
            }
        }
        // The reference: score every stored report exactly and apply the same rule to the best.
        let scanned = min(lookups.count, 200)
        var agree = 0
        let scan = seconds {
            for (position, (terms, date, language, _)) in lookups.prefix(scanned).enumerated() {
                let best = index.ranked(terms, date: date, language: language, limit: stories)
                    .compactMap { hit in rules.threshold(secondsApart: hit.secondsApart).map { (hit, hit.score / $0) } }
                    .filter { $0.1 >= 1 }.max { $0.1 < $1.1 }
                if best?.0.id == answers[position] { agree += 1 }
            }
        }
        let perLookup = indexed / Double(lookups.count) * 1000
        let perScan = scan / Double(scanned) * 1000
        print(String(format: "  built in %.1f s; index memory %.0f MB (%.0f bytes per report)", build, memory, memory * 1_048_576 / Double(stories)))
        print(String(format: "  feedwatch EventIndex: %8.3f ms per item; rewrites found %d/%d, false matches %d/%d",
                     perLookup, found, queries / 2 + queries % 2, falseMatches, queries / 2))
        print(String(format: "  reference, exact scan: %7.1f ms per item (%d queries); same answer as the index on %d/%d",
                     perScan, scanned, agree, scanned))
        print(String(format: "  speed-up over the exact scan: %.0fx  (targets: < 1 ms at 100,000 reports, < 5 ms at 1,000,000)", perScan / perLookup))
    }
}
