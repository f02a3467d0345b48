import Foundation

/// How informative each term is, learned from what the daemon itself reads.
///
/// Every new item a poll sees, on topic or not, adds one to the document frequency of each of its
/// terms (`StoryTerms.keys`). The state store ages the counts daily with a half-life and bounds
/// the table (`SQLiteStore.ageTerms`), so the weights follow this week's news: a name that
/// suddenly fills every feed stops telling stories apart, and a new name is rare and tells a lot.
/// Counts are doubles, as stored, so a statistics read back from the store weighs terms exactly
/// as the daemon that wrote it did.
///
/// A fresh install is not blind: `TermPrior` holds document frequencies measured once on public
/// feed text, blended in as if it were `priorDocuments` documents. As the daemon reads more, its
/// own counts outweigh the prior; the prior never goes away, so a quiet week cannot make common
/// words look rare.
public struct TermStatistics: Sendable {
    /// Decayed number of documents counted.
    public private(set) var documents: Double
    /// Decayed number of documents each term appeared in.
    public private(set) var frequencies: [UInt64: Double]
    public let prior: TermPrior
    /// How many documents the prior stands for in the blend.
    public let priorDocuments: Double

    public init(documents: Double = 0, frequencies: [UInt64: Double] = [:], prior: TermPrior = .builtIn,
                priorDocuments: Double = 2_000) {
        self.documents = documents
        self.frequencies = frequencies
        self.prior = prior
        self.priorDocuments = min(priorDocuments, prior.documents)
    }

    /// The inverse document frequency of a term: `ln((N + 1) / (df + 1)) + 1`, over the blend of
    /// the daemon's counts and the prior. A term never seen weighs the most (`unseenIDF`).
    public func idf(_ key: UInt64) -> Double {
        let scale = prior.documents > 0 ? priorDocuments / prior.documents : 0
        let df = (frequencies[key] ?? 0) + Double(prior.frequencies[key] ?? 0) * scale
        return idf(documentFrequency: df)
    }

    /// The weight of a term no document has had: the most any term weighs.
    public var unseenIDF: Double { idf(documentFrequency: 0) }

    private func idf(documentFrequency df: Double) -> Double {
        log((documents + priorDocuments + 1) / (df + 1)) + 1
    }

    /// Counts one document's distinct terms.
    public mutating func add(document keys: [UInt64]) {
        documents += 1
        for key in keys { frequencies[key, default: 0] += 1 }
    }

    /// Adds a batch counted elsewhere (a poll's new items).
    public mutating func add(_ batch: TermBatch) {
        documents += batch.documents
        frequencies.merge(batch.frequencies, uniquingKeysWith: +)
    }
}

/// One poll's term counts, merged into `TermStatistics` and the store once the poll commits.
public struct TermBatch: Sendable {
    public private(set) var documents: Double = 0
    public private(set) var frequencies: [UInt64: Double] = [:]

    public init() {}

    public mutating func add(document keys: [UInt64]) {
        documents += 1
        for key in keys { frequencies[key, default: 0] += 1 }
    }

    public var isEmpty: Bool { documents == 0 }
}
