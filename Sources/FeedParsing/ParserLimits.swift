/// Bounds that keep a hostile or broken document from costing unbounded time or memory.
/// Every value is documented in the README; raising them is safe only for trusted feeds.
public struct ParserLimits: Sendable, Equatable {
    /// Documents above this many bytes are refused before parsing.
    public var maxDocumentBytes: Int
    /// Items beyond this count are ignored (with a warning).
    public var maxItems: Int
    /// A single field (title, summary, content...) is cut at this many bytes (with a warning).
    public var maxFieldBytes: Int
    /// Elements nested deeper than this stop the parse (with a warning); items read so far are kept.
    public var maxDepth: Int

    public init(maxDocumentBytes: Int, maxItems: Int, maxFieldBytes: Int, maxDepth: Int) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxItems = maxItems
        self.maxFieldBytes = maxFieldBytes
        self.maxDepth = maxDepth
    }

    /// 16 MiB documents, 10,000 items, 1 MiB per field, depth 64: far above any real news feed.
    public static let `default` = ParserLimits(
        maxDocumentBytes: 16 << 20, maxItems: 10_000, maxFieldBytes: 1 << 20, maxDepth: 64)
}
