/// Where a term matched: the token range it covered and the sentence unit it started in.
public struct TermHit: Sendable, Equatable {
    public var term: String
    public var range: Range<Int>
    public var unit: Int
    /// Why this hit does not count (inside an excluded phrase, one item of a list), or nil.
    public var ignored: String?
}

/// A list of terms compiled for matching over token arrays.
public struct TermSet: Sendable {
    public let terms: [Term]

    public init(_ terms: [Term]) {
        self.terms = terms
    }

    /// Parses each string as a term; the first bad one is reported with its index.
    public init(parsing sources: [String]) throws(TermError) {
        var terms: [Term] = []
        for source in sources { terms.append(try Term(parsing: source)) }
        self.init(terms)
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Every place a term matches in `tokens`.
    public func hits(in tokens: [Token]) -> [TermHit] {
        var hits: [TermHit] = []
        guard !terms.isEmpty else { return hits }
        for start in tokens.indices {
            for term in terms {
                let end = start + term.parts.count
                guard end <= tokens.count else { continue }
                var matched = true
                for (offset, part) in term.parts.enumerated() where !Term.matches(part, tokens[start + offset]) {
                    matched = false
                    break
                }
                if matched {
                    hits.append(TermHit(term: term.source, range: start..<end, unit: tokens[start].unit, ignored: nil))
                }
            }
        }
        return hits
    }
}
