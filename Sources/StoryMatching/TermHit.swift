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
