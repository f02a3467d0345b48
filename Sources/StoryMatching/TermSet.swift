/// Where a term matched: the token range it covered and the sentence unit it started in.
public struct TermHit: Sendable, Equatable {
    public var term: String
    public var range: Range<Int>
    public var unit: Int
    /// Why a topic hit does not count.
    public enum Ignored: String, Sendable, Equatable, CustomStringConvertible {
        case excluded = "inside an excluded phrase"
        /// One item of a list: it can still tie through a word in its own sentence that refers
        /// back to the event ("Russia, China and Algeria abstained").
        case listItem = "one item of a list"

        public var description: String { rawValue }
    }

    /// Why this hit does not count, or nil.
    public var ignored: Ignored?
    /// The term's alias group (`Term.group`).
    public var group: String?

    public init(term: String, range: Range<Int>, unit: Int, ignored: Ignored? = nil, group: String? = nil) {
        self.term = term
        self.range = range
        self.unit = unit
        self.ignored = ignored
        self.group = group
    }
}

/// A list of terms compiled for matching over token arrays: terms are indexed by their first
/// word (exact words, and stems by their first three letters), so a story is matched in time
/// proportional to its length, not to the number of terms.
public struct TermSet: Sendable {
    public let terms: [Term]
    /// First-word byte key -> terms.
    private let exact: KeyTable<[Int]>
    /// First-three-letters byte key of a stem -> terms.
    private let stems: KeyTable<[Int]>

    public init(_ terms: [Term]) {
        self.terms = terms
        var exact: [UInt64: [Int]] = [:]
        var stems: [UInt64: [Int]] = [:]
        for (index, term) in terms.enumerated() {
            guard let first = term.parts.first else { continue }
            if first.isStem {
                stems[first.key, default: []].append(index)
            } else {
                exact[first.key, default: []].append(index)
            }
        }
        self.exact = KeyTable(exact)
        self.stems = KeyTable(stems)
    }

    /// Parses each string as a term; the first bad one is reported.
    public init(parsing sources: [String]) throws(TermError) {
        var terms: [Term] = []
        for source in sources { terms.append(try Term(parsing: source)) }
        self.init(terms)
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Every place a term matches in `tokens`.
    public func hits(in tokens: [Token]) -> [TermHit] {
        indexedHits(in: tokens).map(\.1)
    }

    /// Every hit with the index of its term in `terms`.
    func indexedHits(in tokens: [Token]) -> [(Int, TermHit)] {
        var hits: [(Int, TermHit)] = []
        guard !terms.isEmpty else { return hits }
        var candidates: [Int] = []
        for start in tokens.indices {
            candidates.removeAll(keepingCapacity: true)
            let token = tokens[start]
            for form in token.forms { collect(form, of: token, into: &candidates) }
            guard !candidates.isEmpty else { continue }
            if candidates.count > 1 { Self.sortUnique(&candidates) }
            for index in candidates {
                let term = terms[index]
                let end = start + term.parts.count
                guard end <= tokens.count else { continue }
                var matched = true
                for (offset, part) in term.parts.enumerated() where !Term.matches(part, tokens[start + offset]) {
                    matched = false
                    break
                }
                if matched {
                    hits.append((index, TermHit(term: term.source, range: start..<end, unit: token.unit, group: term.group)))
                }
            }
        }
        return hits
    }

    /// Sorted, each index once (a term can be a candidate through several forms of a word).
    private static func sortUnique(_ candidates: inout [Int]) {
        candidates.sort()
        var kept = 1
        for index in 1..<candidates.count where candidates[index] != candidates[kept - 1] {
            candidates[kept] = candidates[index]
            kept += 1
        }
        candidates.removeLast(candidates.count - kept)
    }

    /// Terms whose first word could match `word` (verified by the caller).
    @inline(__always)
    private func collect(_ form: WordForm, of token: Token, into candidates: inout [Int]) {
        if let list = exact[form.key] { candidates.append(contentsOf: list) }
        // An English plural: "houthis" may be the term "houthi", "ships" the term "ship".
        let bytes = token.text(of: form).utf8
        if bytes.last == UInt8(ascii: "s"), bytes.count > 2 {
            if let list = exact[WordForm.hash(bytes.dropLast())] { candidates.append(contentsOf: list) }
            if bytes.dropLast().last == UInt8(ascii: "e"), let list = exact[WordForm.hash(bytes.dropLast(2))] {
                candidates.append(contentsOf: list)
            }
        }
        if !stems.isEmpty, let prefix = form.prefixKey, let list = stems[prefix] { candidates.append(contentsOf: list) }
    }
}
