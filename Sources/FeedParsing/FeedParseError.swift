/// Why a document yielded no feed at all. Damage the parser could recover from is reported in
/// `Feed.warnings` instead, so a partly broken feed still delivers its items.
public enum FeedParseError: Error, Equatable, CustomStringConvertible {
    /// The document is larger than the configured cap; it was not parsed.
    case tooLarge(bytes: Int, limit: Int)
    /// The body is empty or whitespace only.
    case empty
    /// Well-formed enough to read, but the root element is not RSS, RDF or Atom (an HTML error
    /// page served in place of a feed, for example).
    case notAFeed(root: String)
    /// No element could be read at all.
    case notXML(detail: String)
    /// The document is JSON but not a readable JSON Feed (malformed, nested too deep, or
    /// without a JSON Feed version).
    case invalidJSON(detail: String)

    public var description: String {
        switch self {
        case let .tooLarge(bytes, limit):
            return "document is \(bytes) bytes, over the \(limit)-byte limit; not parsed"
        case .empty:
            return "the response body is empty"
        case let .notAFeed(root) where root.lowercased() == "html":
            return "not a feed: the server sent an HTML page (root element <html>), not RSS or Atom; check the feed URL"
        case let .notAFeed(root):
            return "not a feed: root element <\(root)> is not RSS, RDF or Atom"
        case let .notXML(detail):
            return "not a feed: no XML could be read (\(detail))"
        case let .invalidJSON(detail):
            return "not a JSON Feed: \(detail)"
        }
    }
}
