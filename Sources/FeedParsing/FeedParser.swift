import CLibXML2
import Foundation

/// Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 documents from memory with libxml2's SAX2 push parser,
/// and JSON Feed 1.0/1.1 documents (recognised by their first byte) with `JSONFeedReader`.
///
/// Streaming keeps memory flat however large the feed is, and the parser is configured for
/// untrusted input: `XML_PARSE_NONET` (no network), `XML_PARSE_RECOVER` (a damaged feed still yields
/// its items), never `NOENT`/`DTDLOAD`/`HUGE`, and no entity declarations are registered at all, so
/// external entities and entity-expansion bombs have nothing to expand.
public struct FeedParser: Sendable {
    public var limits: ParserLimits

    public init(limits: ParserLimits = .default) {
        self.limits = limits
    }

    /// Parses one document. `url` is the document's address, used to resolve relative links;
    /// `contentType` is the HTTP Content-Type, whose charset applies when the document declares
    /// no encoding of its own.
    public func parse(_ bytes: [UInt8], url: String? = nil, contentType: String? = nil) throws(FeedParseError) -> Feed {
        guard bytes.count <= limits.maxDocumentBytes else {
            throw .tooLarge(bytes: bytes.count, limit: limits.maxDocumentBytes)
        }
        guard bytes.contains(where: { !isASCIISpace($0) }) else {
            throw .empty
        }
        if JSONFeedReader.looksLikeJSON(bytes) {
            return try JSONFeedReader.read(bytes, url: url, limits: limits)
        }
        LibXML2.initializeOnce()
        let prepared = DocumentEncoding.prepare(bytes, httpCharset: contentType.flatMap(Self.charset))
        var builder = FeedBuilder(limits: limits, documentURL: url)
        builder.parse(prepared.bytes, ignoreDeclaredEncoding: prepared.convertedToUTF8)
        // libxml2's recovery drops a stray `&` from the text ("AT&T" would read "ATT"): read a
        // damaged document once more with those written as `&amp;`, and keep that reading unless
        // it somehow recovered fewer items.
        if builder.sawXMLErrors, let repaired = StrayAmpersands.escaped(prepared.bytes) {
            let second = FeedBuilder(limits: limits, documentURL: url)
            second.repairedAmpersands = repaired.count
            second.parse(repaired.bytes, ignoreDeclaredEncoding: prepared.convertedToUTF8)
            if second.itemCount >= builder.itemCount { builder = second }
        }
        var feed = try builder.result()
        feed.warnings.insert(contentsOf: prepared.warnings, at: 0)
        return feed
    }

    /// The `charset` parameter of a Content-Type value.
    static func charset(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "charset" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return nil
    }

    /// Parses a document held in `Data`.
    public func parse(_ data: Data, url: String? = nil) throws(FeedParseError) -> Feed {
        try parse([UInt8](data), url: url)
    }
}

extension FeedParser {
    /// The libxml2 this process parses with, for `feedwatch --version` and bug reports.
    public static var libxml2Version: String { LibXML2.version }
}

enum LibXML2 {
    /// `xmlInitParser` must run once before parsers are used from several threads; a static `let`
    /// gives us a thread-safe one-time initialisation without global mutable state.
    private static let initialized: Bool = {
        xmlInitParser()
        fw_xml_silence_generic_errors()
        return true
    }()

    static func initializeOnce() { _ = initialized }

    /// The run-time library's dotted version ("2.9.14"), which may differ from the headers built
    /// against.
    static var version: String {
        initializeOnce()
        guard let raw = fw_xml_parser_version(), let number = Int(String(cString: raw)) else { return "unknown" }
        return "\(number / 10000).\(number / 100 % 100).\(number % 100)"
    }

    /// The parser options we allow. Each omission is deliberate: see `FeedParser`.
    static let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
    /// For documents already converted to UTF-8: the prolog's encoding no longer applies.
    static let convertedOptions = options | Int32(bitPattern: XML_PARSE_IGNORE_ENC.rawValue)
}
