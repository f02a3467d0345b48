import FeedParsing
import Foundation
import Testing
import TestSupport

private func parse(_ name: String, url: String? = nil, contentType: String? = nil) throws -> Feed {
    let file = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return try FeedParser().parse([UInt8](try Data(contentsOf: file)), url: url, contentType: contentType)
}

@Suite("Formats and where feeds put things")
struct FormatTests {
    @Test("Formats are recognised from the root element and its namespace", arguments: [
        ("rss090.rdf", FeedFormat.rss09x, "First 0.90 item"),
        ("noversion.xml", .rss20, "Still RSS"),
        ("atom-nons.xml", .atom10, "Bare entry"),
        ("namespaced-rss.xml", .rss20, "Inside a private namespace"),
        ("wrapped.xhtml", .atom10, "Wrapped entry"),
    ])
    func formats(_ file: String, _ format: FeedFormat, _ firstTitle: String) throws {
        let feed = try parse(file)
        #expect(feed.format == format)
        #expect(feed.items.first?.title == firstTitle)
    }

    @Test("A feed wrapped in another document says so")
    func wrappedWarning() throws {
        #expect(try parse("wrapped.xhtml").warnings.contains { $0.contains("wrapped in a <html> document") })
    }

    @Test("Media RSS, iTunes, atom:link in RSS and xml:base")
    func extensions() throws {
        let feed = try parse("extensions.xml", url: "https://x.example/feed.xml")
        #expect(feed.author == "Desk Podcast")
        let media = try #require(feed.items.first)
        #expect(media.link == "https://x.example/news/media-item.html")  // atom:link, resolved against xml:base
        #expect(media.summary == "Described by Media RSS")
        #expect(media.categories == ["World", "Yemen"])
        #expect(media.enclosures == [
            Enclosure(url: "https://x.example/news/video.mp4", type: "video/mp4", length: 1000),
            Enclosure(url: "https://cdn.example/audio.mp3", type: "audio/mpeg"),
            Enclosure(url: "https://x.example/news/thumb.jpg", type: "image"),
        ])
        let podcast = try #require(feed.items.last)
        #expect(podcast.link == "https://other.example/base/episode/1")  // <link> beats atom:link; the item's own xml:base
        #expect(podcast.summary == "Summary from iTunes")
        #expect(podcast.author == "Host Name")
    }
}

@Suite("JSON Feed")
struct JSONFeedTests {
    @Test("JSON Feed 1.1 maps onto the same model as RSS and Atom")
    func version11() throws {
        let feed = try parse("jsonfeed-1.1.json", url: "https://mirror.example/x.json")
        #expect(feed.format == .json11)
        #expect(feed.title == "Gulf & Russia Desk")
        #expect(feed.link == "https://desk.example/")
        #expect(feed.subtitle == "Daily notes on the Red Sea")
        #expect(feed.language == "en")
        #expect(feed.author == "Desk Editors")
        #expect(feed.items.count == 3)
        #expect(feed.warnings == ["1 item(s) were not JSON objects and were skipped"])
        #expect(feed.notes == ["unreadable dates were left empty: \"sometime in March\""])

        let first = feed.items[0]
        #expect(first.id == "https://desk.example/2025/03/talks")
        #expect(first.title == "Houthi delegation holds talks in Moscow")
        // Relative links resolve against feed_url, not the address the document was fetched from.
        #expect(first.link == "https://desk.example/2025/03/talks")
        #expect(first.content == "<p>Officials met on <b>Tuesday</b> &amp; agreed to talk again.</p>")
        #expect(first.summary == "Talks in Moscow")
        #expect(first.published.map(FeedDate.iso8601) == "2025-03-04T07:00:00Z")
        #expect(first.updated.map(FeedDate.iso8601) == "2025-03-04T12:30:00Z")
        #expect(first.author == "A. Writer")
        #expect(first.categories == ["Yemen", "Russia"])
        #expect(first.enclosures == [Enclosure(url: "https://desk.example/media/clip.mp4", type: "video/mp4", length: 1_048_576)])

        let second = feed.items[1]
        #expect(second.id == "42")
        #expect(second.title == nil)
        #expect(second.link == "https://elsewhere.example/story")
        #expect(second.content == "Plain text body")
        #expect(second.published == nil)
        #expect(second.author == "Desk Editors")  // items without authors have the feed's

        #expect(feed.items[2].title == nil)  // a title of the wrong type is skipped, the item kept
        #expect(feed.items[2].content == "<p>Body only</p>")
    }

    @Test("JSON Feed 1.0 and its single author")
    func version10() throws {
        let feed = try parse("jsonfeed-1.0.json")
        #expect(feed.format == .json10)
        #expect(feed.author == "Old Author")
        #expect(feed.items.map(\.title) == ["First"])
        #expect(feed.items.first?.author == "Old Author")
    }

    @Test("Numeric ids, 0 and 1 included, become strings; a boolean id is no id")
    func numericIDs() throws {
        let json = #"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":0,"title":"a"},{"id":1,"title":"b"},{"id":true,"title":"c"},{"id":42,"title":"d"}]}"#
        let feed = try FeedParser().parse(Array(json.utf8))
        #expect(feed.items.map(\.id) == ["0", "1", nil, "42"])
    }

    @Test("Unusable JSON fails with a clear error", arguments: [
        ("{\"title\": \"x\", \"items\": []}", "is not a JSON Feed"),
        ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", "Unexpected end of file"),
        ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [\(String(repeating: "[", count: 100))]}", "nested deeper than 64 levels"),
    ])
    func unusable(_ json: String, _ detail: String) throws {
        do {
            _ = try FeedParser().parse(Array(json.utf8))
            Issue.record("parsed \(json)")
        } catch {
            #expect(error.description.hasPrefix("not a JSON Feed: "))
            #expect(error.description.contains(detail))
        }
    }

    @Test("Limits hold for JSON Feed too: items, field length, invalid UTF-8")
    func limits() throws {
        let items = (0..<5).map { "{\"id\": \"\($0)\", \"title\": \"Title \($0) \(String(repeating: "é", count: 40))\"}" }
        var bytes = Array("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Bad \u{FFFD}\", \"items\": [\(items.joined(separator: ","))]}".utf8)
        // An invalid byte in place of the title's replacement character.
        let replacement = Array("\u{FFFD}".utf8)
        let at = try #require(bytes.indices.first { Array(bytes[$0..<min($0 + 3, bytes.count)]) == replacement })
        bytes.replaceSubrange(at..<(at + 3), with: [0xFF])
        let parser = FeedParser(limits: ParserLimits(maxDocumentBytes: 1 << 20, maxItems: 3, maxFieldBytes: 20, maxDepth: 10))
        let feed = try parser.parse(bytes)
        #expect(feed.title == "Bad \u{FFFD}")
        #expect(feed.items.count == 3)
        #expect(feed.items[0].title == "Title 0 éééééé")  // 20 bytes at most, cut between characters
        #expect(feed.warnings == [
            "bytes invalid in UTF-8 were replaced with U+FFFD",
            "feed has more than 3 items; the rest were ignored",
            "a field was longer than 20 bytes and was cut",
        ])
    }
}

@Suite("Encodings")
struct EncodingTests {
    @Test("Declared single-byte encodings, UTF-16 with and without BOM", arguments: [
        ("koi8r.xml", "Москва и Йемен"),
        ("cp1256.xml", "روسيا واليمن"),
        ("cp1251.xml", "Россия и Йемен: переговоры"),
        ("utf16-bom.atom", "Entry \u{2014} one"),
        ("utf16le-nobom.xml", "Café"),
    ])
    func decoded(_ file: String, _ title: String) throws {
        let feed = try parse(file)
        #expect(feed.items.first?.title == title)
    }

    @Test("The HTTP charset applies when the document declares no encoding")
    func httpCharset() throws {
        #expect(try parse("http-charset.xml", contentType: "text/xml; charset=windows-1251").items.first?.title == "Привет")
        // A declaration in the document wins over the header.
        #expect(try parse("cp1251.xml", contentType: "text/xml; charset=utf-8").items.first?.title == "Россия и Йемен: переговоры")
    }

    @Test("Bytes invalid for the declared encoding are replaced, with a warning; the feed survives")
    func invalidBytes() throws {
        let feed = try parse("cp1251-invalid.xml")
        #expect(feed.items.first?.title == "Ok АБ \u{FFFD} end")
        #expect(feed.warnings.contains { $0.contains("invalid in the declared encoding windows-1251") })
    }

    @Test("The fuzzer's crash inputs parse cleanly", arguments: ["fuzz-crash-huge-year.xml", "fuzz-crash-zone-overflow.xml"])
    func fuzzCrashes(_ file: String) throws {
        let bytes = [UInt8](try Data(contentsOf: try #require(Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Fixtures"))))
        for contentType in [nil, "text/xml; charset=windows-1251", "application/rss+xml; charset=utf-16", "text/xml; charset=bogus"] {
            _ = try? FeedParser().parse(bytes, url: "https://fuzz.example/a/feed.xml", contentType: contentType)
        }
    }

    @Test("A lone surrogate in UTF-16 is replaced and the item survives (found by fuzzing)")
    func badUTF16() throws {
        let feed = try parse("utf16-bad-surrogate.xml")
        #expect(feed.items.first?.title == "A\u{FFFD}B")
        #expect(feed.warnings.contains { $0.contains("invalid in UTF-16LE") })
    }

    @Test("Junk before the prolog is skipped with a warning")
    func junk() throws {
        let feed = try parse("junk-prolog.xml")
        #expect(feed.items.first?.title == "After junk")
        #expect(feed.warnings.contains { $0.contains("junk before the XML") })
    }

    @Test("Mislabelled and unlabelled bytes are read as what they are", arguments: [
        // UTF-8 bytes declared Latin-1.
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\u{E9} \u{0420}</title></item></channel></rss>", "Café Р", "bytes are UTF-8"),
        // An encoding name nobody knows.
        ("<?xml version=\"1.0\" encoding=\"x-nonsense\"?><rss><channel><item><title>Plain</title></item></channel></rss>", "Plain", "unknown declared encoding"),
    ])
    func mislabelled(_ xml: String, _ title: String, _ warning: String) throws {
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.items.first?.title == title)
        #expect(feed.warnings.contains { $0.contains(warning) })
    }

    @Test("Undeclared single-byte text is guessed from the feed's language and letters")
    func guessed() throws {
        /// The text in `encoding`, through iconv(1).
        func bytes(_ text: String, _ encoding: String) throws -> [UInt8] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
            process.arguments = ["-f", "UTF-8", "-t", encoding]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return [UInt8](data)
        }
        let russian = "<rss><channel><language>ru</language><item><title>Москва и Йемен договорились</title></item></channel></rss>"
        #expect(try FeedParser().parse(try bytes(russian, "KOI8-R")).items.first?.title == "Москва и Йемен договорились")
        #expect(try FeedParser().parse(try bytes(russian, "WINDOWS-1251")).items.first?.title == "Москва и Йемен договорились")
        let french = "<rss><channel><item><title>Réunion à Genève</title></item></channel></rss>"
        #expect(try FeedParser().parse(try bytes(french, "ISO-8859-1")).items.first?.title == "Réunion à Genève")
        // With no language named, the letters decide: Arabic and Hebrew share their byte range
        // with Cyrillic, and must not be read as Russian.
        let undeclared = [
            ("WINDOWS-1256", "وفد الحوثيين يلتقي وزير الخارجية الروسي في موسكو", "وبحث الجانبان الملاحة في البحر الأحمر وإمدادات القمح إلى الموانئ اليمنية."),
            ("WINDOWS-1255", "משלחת החות'ים נפגשה עם שר החוץ הרוסי במוסקבה", "הצדדים דנו בשיט בים האדום ובאספקת חיטה לנמלי תימן."),
            ("WINDOWS-1251", "Делегация хуситов встретилась с министром иностранных дел России", "Стороны обсудили судоходство в Красном море и поставки пшеницы в порты Йемена."),
            ("KOI8-R", "Делегация хуситов встретилась с министром иностранных дел России", "Стороны обсудили судоходство в Красном море и поставки пшеницы в порты Йемена."),
        ]
        for (encoding, title, body) in undeclared {
            let xml = "<rss><channel><item><title>\(title)</title><description>\(body)</description></item></channel></rss>"
            let feed = try FeedParser().parse(try bytes(xml, encoding))
            #expect(feed.items.first?.title == title, "\(encoding)")
            #expect(feed.warnings.contains { $0.hasSuffix("read as \(encoding)") }, "\(encoding)")
        }
        // The declaration's encoding is found however it is spaced and quoted.
        for declaration in ["<?xml version=\"1.0\" encoding='koi8-r'?>", "<?xml version=\"1.0\"\n  encoding\n =\t\"KOI8-R\" standalone=\"yes\"?>"] {
            let feed = try FeedParser().parse(try bytes(declaration + russian, "KOI8-R"))
            #expect(feed.items.first?.title == "Москва и Йемен договорились")
            #expect(feed.warnings.isEmpty)
        }
    }
}

/// Real third-party feeds, when ../shared/corpus is present (never copied into the repository).
private let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")

@Suite("The shared corpus of real feeds")
struct CorpusTests {
    @Test("Every file parses or fails cleanly, quickly; every well-formed file with items yields items")
    func everyFile() throws {
        guard sharedFolderAvailable(corpus.appendingPathComponent("MANIFEST.tsv")) else { return }
        let manifest = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        let rows = manifest.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count >= 250)
        var parsed = 0
        for row in rows where row.count > 5 {
            let file = row[0], wellFormed = row[4] == "yes", expectedItems = Int(row[5]) ?? 0
            let bytes = [UInt8]((try? Data(contentsOf: corpus.appendingPathComponent("feeds/\(file)"))) ?? Data())
            let started = Date()
            let feed = try? FeedParser().parse(bytes, url: "https://corpus.example/\(file)")
            #expect(Date().timeIntervalSince(started) < 5, "\(file) took too long")
            if wellFormed && expectedItems > 0 {
                #expect((feed?.items.count ?? 0) > 0, "\(file) is well-formed with \(expectedItems) items but yielded none")
            }
            if feed != nil { parsed += 1 }
        }
        #expect(parsed >= rows.count - 5)
    }
}
