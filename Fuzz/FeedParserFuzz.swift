// libFuzzer harness for the feed parser. scripts/fuzz.sh compiles it together with
// Sources/FeedParsing (one module) with -sanitize=fuzzer,address.

/// libFuzzer's entry point: any bytes, as a feed document (with one of a few Content-Type
/// charsets), must parse or fail cleanly, never crash, hang or leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = FeedParser(limits: ParserLimits(maxDocumentBytes: 1 << 20, maxItems: 500, maxFieldBytes: 1 << 16, maxDepth: 64))
    let charsets = [nil, "text/xml; charset=windows-1251", "application/rss+xml; charset=utf-16", "text/xml; charset=bogus"]
    if let feed = try? parser.parse(bytes, url: "https://fuzz.example/a/feed.xml", contentType: charsets[size % charsets.count]) {
        for item in feed.items {
            _ = item.plainSummary
            _ = item.plainContent
        }
    }
    _ = FeedDate.parse(String(decoding: bytes.prefix(64), as: UTF8.self))
    _ = HTMLText.plainText(String(decoding: bytes.prefix(4096), as: UTF8.self))
    return 0
}
