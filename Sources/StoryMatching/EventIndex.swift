import Foundation

/// The reports the daemon has judged (alerted or joined to an event), indexed so a new report is
/// compared with every one that could be the same event, and only with those.
///
/// - **Exact candidates.** Every term of every stored report has a posting list. A query follows
///   its terms from the most to the least informative and stops when the terms left could not,
///   even all shared, lift a report to the threshold (the cosine is at most the share of the
///   query's weight a report shares). So every report that can reach the threshold is found,
///   without following the lists of common words.
/// - **Time.** Posting lists are kept in date order, and only the reports within the window of the
///   query's date are read (`IdentityRules`: the further apart, the more alike they must be;
///   beyond the window, the same actors meeting again are news).
/// - **Language.** Only reports in the query's language are compared.
///
/// Weights come from a `TermWeighting` and are refreshed with `reweigh` when the statistics move.
/// No text is held: a report costs about nine bytes per term.
public struct EventIndex: Sendable {
    public struct Match: Sendable, Equatable {
        /// The caller's id for the stored report.
        public var id: Int64
        public var score: Double
        /// The query's date minus the stored report's, in seconds.
        public var secondsApart: Double
        /// The similarity the two needed at that distance (nil beyond the window).
        public var needed: Double?
    }

    /// A posting holds the report's slot in its low bits and the term's `StoryTerms.Kind` (7 bits)
    /// above them.
    private static let slotBits: UInt32 = 25
    private static let slotMask: UInt32 = (1 << slotBits) - 1

    // Per stored report.
    private var ids: [Int64] = []
    /// Seconds since 1970.
    private var seconds: [Int64] = []
    private var languages: [StoryLanguage] = []
    private var termStarts: [Int] = [0]
    private var termIDs: [UInt32] = []
    private var termKinds: [StoryTerms.Kind] = []
    private var norms: [Double] = []
    // Per distinct term.
    private var dictionary: [UInt64: UInt32] = [:]
    private var keys: [UInt64] = []
    private var idfs: [Double] = []
    /// Report slot (low bits) and the term's kind in that report (high bits), in date order.
    private var postings: [[UInt32]] = []
    private var scratch: [Double] = []
    public private(set) var weighting: TermWeighting

    public init(weighting: TermWeighting) {
        self.weighting = weighting
    }

    public var count: Int { ids.count }

    /// New statistics: every term's weight and every report's norm are recomputed.
    public mutating func reweigh(_ weighting: TermWeighting) {
        self.weighting = weighting
        refreshWeights()
    }

    /// A committed poll's counts join the statistics (in place: the table is not copied).
    public mutating func addStatistics(_ batch: TermBatch) {
        weighting.statistics.add(batch)
        refreshWeights()
    }

    private mutating func refreshWeights() {
        for index in keys.indices { idfs[index] = weighting.statistics.idf(keys[index]) }
        for slot in ids.indices { norms[slot] = norm(slot: slot) }
    }

    /// Adds a report under the caller's `id`.
    public mutating func insert(id: Int64, terms: StoryTerms, date: Date, language: StoryLanguage) {
        let slot = UInt32(ids.count)
        precondition(slot < Self.slotMask, "EventIndex holds at most 2^25 reports")
        let second = Self.second(date)
        var entries: [(UInt32, StoryTerms.Kind)] = []
        entries.reserveCapacity(terms.count)
        for (key, kind) in zip(terms.keys, terms.kinds) {
            let termID: UInt32
            if let known = dictionary[key] {
                termID = known
            } else {
                termID = UInt32(keys.count)
                dictionary[key] = termID
                keys.append(key)
                idfs.append(weighting.statistics.idf(key))
                postings.append([])
            }
            entries.append((termID, kind))
            let posting = slot | UInt32(kind.rawValue) << Self.slotBits
            // Keep the list in date order; reports mostly arrive in it.
            if let last = postings[Int(termID)].last, seconds[Int(last & Self.slotMask)] > second {
                let at = firstPosting(postings[Int(termID)], notBefore: second + 1)
                postings[Int(termID)].insert(posting, at: at)
            } else {
                postings[Int(termID)].append(posting)
            }
        }
        entries.sort { $0.0 < $1.0 }
        ids.append(id)
        seconds.append(second)
        languages.append(language)
        termIDs.append(contentsOf: entries.map(\.0))
        termKinds.append(contentsOf: entries.map(\.1))
        termStarts.append(termIDs.count)
        norms.append(norm(slot: Int(slot)))
        scratch.append(0)
    }

    /// The stored report most like `terms` that is the same event under `rules` (the one that
    /// passes its threshold by the widest margin), or nil.
    public mutating func nearest(to terms: StoryTerms, date: Date, language: StoryLanguage, rules: IdentityRules) -> Match? {
        let query = Query(terms: terms, index: self)
        guard query.norm > 0 else { return nil }
        let second = Self.second(date)
        let span = Int64(rules.window.rounded(.down))
        return search(query, language: language, seconds: (second &- span)...(second &+ span), date: date, rules: rules)
    }

    /// Every stored report of `language` scored against `terms`, best first, by a full scan (for
    /// explanations and for checking the index).
    public func ranked(_ terms: StoryTerms, date: Date, language: StoryLanguage, limit: Int) -> [Match] {
        let query = Query(terms: terms, index: self)
        guard query.norm > 0 else { return [] }
        var all: [Match] = []
        for slot in ids.indices where languages[slot] == language {
            let score = verify(query, slot: slot)
            if score > 0 { all.append(match(slot, score, date: date, rules: nil)) }
        }
        all.sort { $0.score > $1.score }
        return Array(all.prefix(limit))
    }

    /// A stored report's terms, for explanations.
    public func terms(ofSlotWith id: Int64) -> StoryTerms? {
        guard let slot = ids.firstIndex(of: id) else { return nil }
        let range = termStarts[slot]..<termStarts[slot + 1]
        let pairs = range.map { (keys[Int(termIDs[$0])], termKinds[$0]) }.sorted { $0.0 < $1.0 }
        return StoryTerms(keys: pairs.map(\.0), kinds: pairs.map(\.1))
    }

    // MARK: Search

    /// The query's terms that the index knows, most informative first, with their weights.
    private struct Query {
        var termIDs: [UInt32] = []
        var weights: [Double] = []
        /// Sum of squared weights from position i to the end.
        var remaining: [Double] = []
        /// (term id, weight) sorted by term id, for verification.
        var byID: [(UInt32, Double)] = []
        var norm: Double = 0
        /// The query's actor names of each side.
        var yemenActors: Set<UInt64> = []
        var russiaActors: Set<UInt64> = []

        init(terms: StoryTerms, index: EventIndex) {
            yemenActors = terms.actors(.yemenActor)
            russiaActors = terms.actors(.russiaActor)
            var squares = 0.0
            var known: [(UInt32, Double)] = []
            for (key, kind) in zip(terms.keys, terms.kinds) {
                let weight = index.weighting.weight(key, kind)
                squares += weight * weight
                if let id = index.dictionary[key] { known.append((id, weight)) }
            }
            norm = squares.squareRoot()
            byID = known.sorted { $0.0 < $1.0 }
            known.sort { $0.1 > $1.1 }
            termIDs = known.map(\.0)
            weights = known.map(\.1)
            remaining = Array(repeating: 0, count: known.count + 1)
            for i in stride(from: known.count - 1, through: 0, by: -1) { remaining[i] = remaining[i + 1] + weights[i] * weights[i] }
        }
    }

    private mutating func search(_ query: Query, language: StoryLanguage, seconds range: ClosedRange<Int64>,
                                 date: Date, rules: IdentityRules) -> Match? {
        // Candidates are found at the lowest threshold (no time apart); each is then held to the
        // threshold of its own distance.
        let threshold = rules.similarity
        var touched: [Int] = []
        var followed = 0
        for (position, termID) in query.termIDs.enumerated() {
            // Reports sharing only the terms from here on cannot reach the threshold.
            if query.remaining[position].squareRoot() < threshold * query.norm { break }
            followed = position + 1
            let list = postings[Int(termID)]
            let bounds = firstPosting(list, notBefore: range.lowerBound)..<firstPosting(list, notBefore: range.upperBound &+ 1)
            let weight = query.weights[position] * idfs[Int(termID)]
            for posting in list[bounds] {
                let slot = Int(posting & Self.slotMask)
                guard languages[slot] == language else { continue }
                if scratch[slot] == 0 { touched.append(slot) }
                scratch[slot] += weight * weighting.factor(StoryTerms.Kind(rawValue: UInt8(posting >> Self.slotBits)))
            }
        }
        let unfollowed = query.remaining[followed].squareRoot()
        var best: (match: Match, margin: Double)?
        for slot in touched {
            let partial = scratch[slot]
            scratch[slot] = 0
            // What the unfollowed terms could still add, at most.
            let bound = norms[slot] > 0 ? partial / (query.norm * norms[slot]) + unfollowed / query.norm : 0
            guard bound >= threshold else { continue }
            var score = verify(query, slot: slot)
            score = min(1, score * actorFactor(query, slot: slot, rules: rules))
            let found = match(slot, score, date: date, rules: rules)
            guard let needed = found.needed, found.score >= needed else { continue }
            if found.score / needed > (best?.margin ?? 0) { best = (found, found.score / needed) }
        }
        return best?.match
    }

    /// The exact cosine between the query and one stored report.
    private func verify(_ query: Query, slot: Int) -> Double {
        guard norms[slot] > 0 else { return 0 }
        var dot = 0.0
        var i = 0, j = termStarts[slot]
        let end = termStarts[slot + 1]
        while i < query.byID.count, j < end {
            let a = query.byID[i].0, b = termIDs[j]
            if a < b { i += 1 } else if b < a { j += 1 } else {
                dot += query.byID[i].1 * idfs[Int(b)] * weighting.factor(termKinds[j])
                i += 1; j += 1
            }
        }
        return min(1, dot / (query.norm * norms[slot]))
    }

    /// `IdentityRules.actorFactor` between the query and a stored report.
    private func actorFactor(_ query: Query, slot: Int, rules: IdentityRules) -> Double {
        guard !query.yemenActors.isEmpty || !query.russiaActors.isEmpty else { return 1 }
        var yemen = Set<UInt64>(), russia = Set<UInt64>()
        for j in termStarts[slot]..<termStarts[slot + 1] {
            if termKinds[j].contains(.yemenActor) { yemen.insert(keys[Int(termIDs[j])]) }
            if termKinds[j].contains(.russiaActor) { russia.insert(keys[Int(termIDs[j])]) }
        }
        return rules.actorFactor(yemen: query.yemenActors, russia: query.russiaActors, otherYemen: yemen, otherRussia: russia)
    }

    private func norm(slot: Int) -> Double {
        var squares = 0.0
        for j in termStarts[slot]..<termStarts[slot + 1] {
            let weight = idfs[Int(termIDs[j])] * weighting.factor(termKinds[j])
            squares += weight * weight
        }
        return squares.squareRoot()
    }

    private func match(_ slot: Int, _ score: Double, date: Date, rules: IdentityRules?) -> Match {
        let apart = Double(Self.second(date) - seconds[slot])
        return Match(id: ids[slot], score: score, secondsApart: apart, needed: rules?.threshold(secondsApart: apart))
    }

    /// The first position in a date-ordered list whose report is at or after `second`.
    private func firstPosting(_ list: [UInt32], notBefore second: Int64) -> Int {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if seconds[Int(list[mid] & Self.slotMask)] < second { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Whole seconds since 1970, clamped to ±10^12 (about 30,000 years), so no date, however
    /// damaged, overflows the arithmetic on them.
    static func second(_ date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else { return 0 }
        return Int64(min(max(seconds, -1e12), 1e12).rounded(.down))
    }
}
