import CLibXML2
import FeedParsing
import Foundation

/// Writes the benchmark corpus: 2,000 realistic feeds (RSS 2.0 with CDATA and entities, Atom,
/// RDF; 10-40 items of 300-1,500-byte HTML descriptions, categories, authors, dates) and one
/// 5 MB, 5,000-item RSS feed. Deterministic, so every run measures the same bytes.
enum ParsingCorpus {
    static func write(to folder: String, feeds: Int) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var rng = SplitMix(state: 7)
        var paths: [String] = []
        let words = ["Yemen", "Russia", "Houthi", "talks", "Moscow", "Red Sea", "shipping", "minister", "delegation",
                     "wheat", "port", "Aden", "Sanaa", "security", "council", "government", "cooperation", "statement",
                     "officials", "said", "the", "of", "and", "to", "in", "on", "with", "for", "after", "new"]
        func sentence(_ count: Int) -> String {
            (0..<count).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }.joined(separator: " ")
        }
        func description(_ bytes: Int) -> String {
            var html = ""
            while html.utf8.count < bytes { html += "<p>\(sentence(12)) &amp; \(sentence(6)) &#8212; <a href=\"https://e.example/x\">\(sentence(3))</a>.</p>" }
            return html
        }
        func date(_ n: Int) -> String { "Mon, \(String(format: "%02d", n % 28 + 1)) Mar 2025 \(String(format: "%02d", n % 24)):00:00 +0000" }
        for f in 0..<feeds {
            let count = Int.random(in: 10...40, using: &rng)
            var xml: String
            switch f % 4 {
            case 0, 1:
                xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Feed \(f) &amp; co</title><link>https://f\(f).example/</link><description>\(sentence(8))</description>"
                for i in 0..<count {
                    xml += "<item><title><![CDATA[\(sentence(9))]]></title><link>https://f\(f).example/\(i)?utm_source=rss</link><guid isPermaLink=\"false\">f\(f)-\(i)</guid><pubDate>\(date(i))</pubDate><dc:creator>Author \(i % 7)</dc:creator><category>World</category><category>\(words[i % words.count])</category><description><![CDATA[\(description(Int.random(in: 300...1500, using: &rng)))]]></description></item>"
                }
                xml += "</channel></rss>"
            case 2:
                xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom \(f)</title><link href=\"https://a\(f).example/\"/><updated>2025-03-05T00:00:00Z</updated><id>tag:a\(f)</id>"
                for i in 0..<count {
                    let escaped = description(Int.random(in: 300...1500, using: &rng)).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    xml += "<entry><title type=\"html\">\(sentence(9))</title><link rel=\"alternate\" href=\"/posts/\(i)\"/><id>tag:a\(f):\(i)</id><published>2025-03-0\(i % 9 + 1)T10:00:00Z</published><updated>2025-03-0\(i % 9 + 1)T11:00:00+03:00</updated><author><name>Writer</name><email>w@a.example</email></author><category term=\"news\"/><summary type=\"html\">\(escaped)</summary></entry>"
                }
                xml += "</feed>"
            default:
                xml = "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel rdf:about=\"https://r\(f).example/\"><title>RDF \(f)</title><link>https://r\(f).example/</link><description>x</description></channel>"
                for i in 0..<count {
                    let escaped = description(Int.random(in: 300...1500, using: &rng)).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    xml += "<item rdf:about=\"https://r\(f).example/\(i)\"><title>\(sentence(9))</title><link>https://r\(f).example/\(i)</link><dc:date>2025-03-04T2\(i % 4):00:00+03:00</dc:date><description>\(escaped)</description></item>"
                }
                xml += "</rdf:RDF>"
            }
            let path = folder + "/feed\(f).xml"
            try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        // The big one: 5,000 items, about 5 MB.
        var big = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Big</title><link>https://big.example/</link><description>big</description>"
        for i in 0..<5000 {
            big += "<item><title>\(sentence(10))</title><link>https://big.example/\(i)</link><guid>https://big.example/\(i)</guid><pubDate>\(date(i))</pubDate><description>\(description(850).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</description></item>"
        }
        big += "</channel></rss>"
        let path = folder + "/big.xml"
        try Data(big.utf8).write(to: URL(fileURLWithPath: path))
        paths.append(path)
        return paths
    }
}

/// The ceiling: libxml2's SAX2 push parser with the same options, doing nothing but counting
/// item and entry start tags.
enum BareSAX2 {
    final class Counter { var items = 0 }

    static func countItems(_ bytes: [UInt8]) -> Int {
        let counter = Counter()
        var sax = xmlSAXHandler()
        sax.initialized = fw_xml_sax2_magic()
        sax.startElementNs = { ctx, localname, _, _, _, _, _, _, _ in
            guard let ctx, let localname else { return }
            // "item" or "entry"
            let first = localname.pointee
            if (first == UInt8(ascii: "i") && strcmp(localname, "item") == 0) || (first == UInt8(ascii: "e") && strcmp(localname, "entry") == 0) {
                Unmanaged<Counter>.fromOpaque(ctx).takeUnretainedValue().items += 1
            }
        }
        sax.serror = { _, _ in }
        let me = Unmanaged.passUnretained(counter).toOpaque()
        bytes.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress, let ctxt = xmlCreatePushParserCtxt(&sax, me, base, 4, nil) else { return }
                xmlCtxtUseOptions(ctxt, Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue))
                _ = xmlParseChunk(ctxt, base + 4, Int32(chars.count - 4), 1)
                if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
                xmlFreeParserCtxt(ctxt)
            }
        }
        return counter.items
    }
}

func parsing() throws {
    let folder = NSTemporaryDirectory() + "feedwatch-bench-parse"
    let feedCount = option("--feeds", 2000)
    let paths = try ParsingCorpus.write(to: folder, feeds: feedCount)
    let documents = try paths.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0))) }
    let megabytes = Double(documents.reduce(0) { $0 + $1.count }) / 1_048_576
    print("== parse \(paths.count) documents (\(feedCount) feeds + one 5,000-item feed), \(String(format: "%.1f", megabytes)) MB, one core")

    let parser = FeedParser()
    var rounds = 3
    if let requested = Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "") { rounds = requested }
    var items = 0, ceilingItems = 0
    var best = Double.infinity, bestCeiling = Double.infinity
    let before = residentMB()
    for _ in 0..<rounds {
        bestCeiling = min(bestCeiling, seconds { ceilingItems = documents.reduce(0) { $0 + BareSAX2.countItems($1) } })
        best = min(best, seconds {
            items = 0
            for document in documents { items += (try? parser.parse(document))?.items.count ?? 0 }
        })
    }
    let peak = residentMB()
    precondition(items == ceilingItems, "feedwatch read \(items) items, the SAX2 walk counted \(ceilingItems)")
    print(String(format: "  feedwatch FeedParser:     %7.1f MB/s  %9.0f items/s  (%d items; resident memory %.0f MB, +%.0f MB while parsing)",
                 megabytes / best, Double(items) / best, items, peak, max(0, peak - before)))
    print(String(format: "  ceiling, bare SAX2 walk:  %7.1f MB/s  %9.0f items/s", megabytes / bestCeiling, Double(ceilingItems) / bestCeiling))
    print(String(format: "  feedwatch / ceiling: %.0f%%  (target >= 45%%)", 100 * bestCeiling / best))
    print("CORPUS \(folder) \(String(format: "%.3f", megabytes)) \(String(format: "%.6f", best)) \(items)")
}
