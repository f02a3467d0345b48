/// Several term lists matched in one pass over a story's tokens: each token is looked up once in
/// a combined index, instead of once per list.
struct TermMatcher: Sendable {
    private let combined: TermSet
    /// For each term of `combined`, the list it came from.
    private let owners: [Int]
    let listCount: Int

    init(_ lists: [TermSet]) {
        var terms: [Term] = []
        var owners: [Int] = []
        for (index, list) in lists.enumerated() {
            terms += list.terms
            owners += Array(repeating: index, count: list.terms.count)
        }
        combined = TermSet(terms)
        self.owners = owners
        listCount = lists.count
    }

    /// The hits of each list, in list order.
    func hits(in tokens: [Token]) -> [[TermHit]] {
        var result = Array(repeating: [TermHit](), count: listCount)
        combined.forEachHit(in: tokens) { termIndex, hit in
            let list = owners[termIndex]
            // Room for a few hits at once: most lists get none, the others a few.
            if result[list].isEmpty { result[list].reserveCapacity(4) }
            result[list].append(hit)
        }
        return result
    }
}
