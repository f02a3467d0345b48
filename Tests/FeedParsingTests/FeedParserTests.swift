import FeedParsing
import Foundation
import Testing

private func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return [UInt8](try Data(contentsOf: url))
}

private func iso(_ date: Date?) -> String? { date.map(FeedDate.iso8601) }

@Suite("Parsing feed documents with libxml2")
struct FeedParserTests {
    let parser = FeedParser()

    @Test("RSS 2.0: CDATA, entities, guid, dates, Dublin Core, categories, enclosures")
    func rss2() throws {
        let feed = try parser.parse(try fixture("rss2.xml"))
        #expect(feed.format == .rss20)
        #expect(feed.title == "Red Sea Desk & Wire")
        #expect(feed.link == "https://desk.example/")
        #expect(feed.subtitle == "Shipping news")
        #expect(feed.language == "en-gb")
        #expect(iso(feed.updated) == "2025-03-03T07:29:00Z")
        #expect(feed.author == "desk@desk.example (Desk)")
        #expect(feed.items.count == 2)
        #expect(feed.warnings.isEmpty)

        let first = feed.items[0]
        #expect(first.id == "desk-1")
        #expect(first.title == "Russian wheat docks at Hodeidah")
        #expect(first.link == "https://desk.example/a/1?utm_source=rss")
        #expect(iso(first.published) == "2025-03-03T04:29:00Z")
        #expect(first.summary == "<p>A bulk carrier &amp; its crew berthed.</p>")
        #expect(first.plainSummary == "A bulk carrier & its crew berthed.")
        #expect(first.content == "<p>Full body.</p>")
        #expect(first.author == "Jane Roe")
        #expect(first.categories == ["Shipping", "Yemen"])
        #expect(first.enclosures == [Enclosure(url: "https://desk.example/a/1.jpg", type: "image/jpeg", length: 12345)])

        let second = feed.items[1]
        #expect(second.title == "Fish & chips \u{2014} a <treat> A")
        // A permalink guid stands in for the missing <link>.
        #expect(second.link == "https://desk.example/a/2")
        #expect(iso(second.published) == "2025-03-02T10:00:00Z")
    }

    @Test("RSS 1.0 (RDF): items beside the channel, rdf:about as id, dc:date")
    func rdf() throws {
        let feed = try parser.parse(try fixture("rdf.rdf"))
        #expect(feed.format == .rss10)
        #expect(feed.title == "Северный курьер")
        #expect(feed.language == "ru")
        #expect(iso(feed.updated) == "2025-03-05T01:37:00Z")
        let item = try #require(feed.items.first)
        #expect(item.id == "https://kurier.example/news/1")
        #expect(item.title == "Богданов принял делегацию")
        #expect(item.link == "https://kurier.example/news/1")
        #expect(iso(item.published) == "2025-03-05T01:37:00Z")
        #expect(item.content == "<p>Текст.</p>")
        #expect(item.author == "Иван Петров")
        #expect(item.categories == ["Политика"])
    }

    @Test("Atom 1.0: html and xhtml text, alternate link resolved, author with email, enclosure link")
    func atom() throws {
        let feed = try parser.parse(try fixture("atom.atom"), url: "https://eurasia.example/feed.atom")
        #expect(feed.format == .atom10)
        #expect(feed.title == "Eurasia Desk")
        #expect(feed.subtitle == "Analysis")
        #expect(feed.link == "https://eurasia.example/")
        #expect(feed.language == "en")
        #expect(feed.author == "Desk Editors")
        let entry = try #require(feed.items.first)
        #expect(entry.id == "tag:eurasia.example,2025:1")
        #expect(entry.title == "Kremlin & Houthis: report")
        #expect(entry.link == "https://eurasia.example/2025/03/kremlin")
        #expect(iso(entry.published) == "2025-03-04T18:10:00Z")
        #expect(iso(entry.updated) == "2025-03-04T22:00:00Z")
        #expect(entry.summary == "<p>The Kremlin said <b>no</b>.</p>")
        #expect(entry.content == "<p>Body &amp; <a href=\"https://x.example/\">link</a></p>")  // the wrapping div is not content (RFC 4287 4.1.3.3)
        #expect(entry.author == "Anna Smith (anna@eurasia.example)")
        #expect(entry.categories == ["Russia"])
        #expect(entry.enclosures == [Enclosure(url: "https://eurasia.example/a.mp3", type: "audio/mpeg", length: 999)])
    }

    @Test("windows-1251 declared in the prolog is decoded, and HTML entities survive")
    func windows1251() throws {
        let feed = try parser.parse(try fixture("cp1251.xml"))
        #expect(feed.title == "Восток Вести")
        let item = try #require(feed.items.first)
        #expect(item.title == "Россия и Йемен: переговоры")
        #expect(item.summary == "Лид «новости» & текст")
        #expect(iso(item.published) == "2025-03-04T20:42:00Z")
    }

    @Test("A malformed feed still yields every recoverable item, with a warning")
    func recovery() throws {
        let feed = try parser.parse(try fixture("broken.xml"))
        #expect(feed.items.map(\.title) == ["First \u{00A0}story", "Second story", "Third story cut off"])
        #expect(feed.items.map(\.link) == ["https://b.example/1", "https://b.example/2", "https://b.example/3"])
        #expect(feed.warnings.count == 1)
        #expect(feed.warnings.first?.contains("not well-formed") == true)
        // The stray `&` are text, not lost.
        #expect(feed.title == "Broken & Co")
        #expect(feed.items[1].summary == "bare & ampersand")
    }

    @Test("A stray & is read as text; known entity names missing their ; are completed", arguments: [
        ("AT&T and R&D", "AT&T and R&D"),
        ("Q & A", "Q & A"),
        ("an &unknown; name", "an &unknown; name"),
        ("&copy 2025 &amp; &laquo;Desk&raquo;", "© 2025 & «Desk»"),
        ("&#1049;emen & &#x420;ussia", "Йemen & Рussia"),
        ("<![CDATA[kept & as is]]>", "kept & as is"),
        ("a <!-- & --> b & c", "a b & c"),
        ("ends with &", "ends with &"),
    ])
    func strayAmpersands(_ title: String, _ expected: String) throws {
        let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk</title><item><title>\(title)</title><link>https://d.example/?a=1&b=2</link></item><item><title>Second</title></item></channel></rss>"
        let feed = try parser.parse(Array(xml.utf8))
        #expect(feed.items.map(\.title) == [expected, "Second"])
        #expect(feed.items.first?.link == "https://d.example/?a=1&b=2")
        #expect(feed.warnings.count == 1)
        #expect(feed.warnings.first?.hasPrefix("feed is not well-formed XML") == true)
    }

    @Test("An HTML page is reported as not a feed")
    func htmlIsNotAFeed() throws {
        #expect(throws: FeedParseError.notAFeed(root: "html")) { try parser.parse(try fixture("html404.html")) }
        #expect(FeedParseError.notAFeed(root: "html").description.contains("HTML page"))
    }

    @Test("External entities are never loaded and entity bombs never expand")
    func hostileEntities() throws {
        let feed = try parser.parse(try fixture("xxe.xml"))
        let item = try #require(feed.items.first)
        // The references stay as the text they are: nothing is loaded, nothing expands.
        #expect(item.title == "Secret [&xxe;]")
        #expect(item.summary == "Bomb [&lol9;]")
    }

    @Test("Empty, non-XML and oversized documents fail with a clear error")
    func unusableDocuments() throws {
        #expect(throws: FeedParseError.empty) { try parser.parse(Array("  \n".utf8)) }
        #expect(throws: FeedParseError.self) { try parser.parse(Array("just some text".utf8)) }
        let small = FeedParser(limits: ParserLimits(maxDocumentBytes: 10, maxItems: 10, maxFieldBytes: 100, maxDepth: 10))
        #expect(throws: FeedParseError.tooLarge(bytes: 11, limit: 10)) { try small.parse(Array("<rss></rss>".utf8)) }
    }

    @Test("Item count and field length limits cut with a warning instead of failing")
    func limits() throws {
        var xml = "<rss version=\"2.0\"><channel>"
        for n in 0..<5 { xml += "<item><title>Item \(n) \(String(repeating: "x", count: 50))</title></item>" }
        xml += "</channel></rss>"
        let parser = FeedParser(limits: ParserLimits(maxDocumentBytes: 1 << 20, maxItems: 3, maxFieldBytes: 20, maxDepth: 10))
        let feed = try parser.parse(Array(xml.utf8))
        #expect(feed.items.count == 3)
        #expect(feed.items[0].title == "Item 0 xxxxxxxxxxxxx")
        #expect(feed.warnings.count == 2)
    }

    @Test("The field length limit also holds for markup kept inside a field", arguments: [
        // XHTML content, re-serialised tag by tag; unescaped HTML in an RSS description; escaped text.
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>T</title><content type=\"xhtml\"><div>\(String(repeating: "<b class=\"k\">x</b>", count: 200))</div></content></entry></feed>",
        "<rss version=\"2.0\"><channel><item><title>T</title><description>\(String(repeating: "<p>a</p>", count: 200))</description></item></channel></rss>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>T</title><content type=\"xhtml\">\(String(repeating: "a &lt; b ", count: 200))</content></entry></feed>",
    ])
    func fieldLimitCoversMarkup(_ xml: String) throws {
        let parser = FeedParser(limits: ParserLimits(maxDocumentBytes: 1 << 20, maxItems: 10, maxFieldBytes: 64, maxDepth: 10))
        let feed = try parser.parse(Array(xml.utf8))
        let item = try #require(feed.items.first)
        let body = try #require(item.content ?? item.summary)
        #expect(body.utf8.count <= 64)
        #expect(body.utf8.count >= 50)
        #expect(feed.warnings == ["a field was longer than 64 bytes and was cut"])
    }

    @Test("yandex:full-text is the body when there is no content:encoded")
    func yandexFullText() throws {
        let xml = "<rss version=\"2.0\" xmlns:yandex=\"http://news.yandex.ru\"><channel><item><title>T</title><description>Lead</description><yandex:full-text>Lead\n\nBody</yandex:full-text></item></channel></rss>"
        let item = try #require(try parser.parse(Array(xml.utf8)).items.first)
        #expect(item.content == "Lead\n\nBody")
    }

    @Test("An unreadable date is null and noted for debugging, never a crash")
    func unreadableDate() throws {
        let feed = try parser.parse(Array("<rss><channel><item><title>T</title><pubDate>next Tuesday-ish</pubDate></item></channel></rss>".utf8))
        #expect(feed.items.first?.published == nil)
        #expect(feed.warnings.isEmpty)
        #expect(feed.notes == ["unreadable dates were left empty: \"next Tuesday-ish\""])
    }

    @Test("An RSS <ttl> is read (minutes between polls the publisher asks for)")
    func ttl() throws {
        let feed = try parser.parse(Array("<rss version=\"2.0\"><channel><title>T</title><ttl> 60 </ttl><item><title>A</title></item></channel></rss>".utf8))
        #expect(feed.ttl == 60)
        #expect(feed.items.count == 1)
    }

    @Test("RSS 0.91 and Atom 0.3 are recognised")
    func olderFormats() throws {
        let rss091 = try parser.parse(Array("<rss version=\"0.91\"><channel><title>Old</title><item><title>A</title><link>http://o.example/a</link></item></channel></rss>".utf8))
        #expect(rss091.format == .rss09x)
        #expect(rss091.items.first?.link == "http://o.example/a")
        let atom03 = try parser.parse(Array("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Old</title><entry><title>E</title><link rel=\"alternate\" href=\"http://o.example/e\"/><issued>2004-01-02T03:04:05Z</issued><id>e1</id></entry></feed>".utf8))
        #expect(atom03.format == .atom03)
        #expect(atom03.items.first?.link == "http://o.example/e")
        #expect(iso(atom03.items.first?.published) == "2004-01-02T03:04:05Z")
    }
}

@Suite("Feed dates")
struct FeedDateTests {
    @Test("RFC 822 and its real-world variants", arguments: [
        ("Mon, 03 Mar 2025 07:29:00 GMT", "2025-03-03T07:29:00Z"),
        ("Tue, 04 Mar 2025 23:42:00 +0300", "2025-03-04T20:42:00Z"),
        ("Mon, 03 Mar 2025 07:29:00 -0500", "2025-03-03T12:29:00Z"),
        ("03 Mar 2025 07:29 EST", "2025-03-03T12:29:00Z"),
        ("Mon, 3 mar 25 07:29:00 PDT", "2025-03-03T14:29:00Z"),
        ("Monday,  03  Mar 2025 07:29:00 UT", "2025-03-03T07:29:00Z"),
        ("Mon, 03 Mar 2025 07:29:00 Z", "2025-03-03T07:29:00Z"),
        ("Mon, 03 Mar 2025", "2025-03-03T00:00:00Z"),
        // Case, zones written as GMT+h or +hh:mm, month before day, tabs and stray spaces.
        ("MON, 03 MAR 2025 07:29:00 EDT", "2025-03-03T11:29:00Z"),
        ("Mon, 03 Mar 2025 07:29:00 GMT+3", "2025-03-03T04:29:00Z"),
        ("Mon, 03 Mar 2025 07:29:00 utc-02:30", "2025-03-03T09:59:00Z"),
        ("Mon, 03 Mar 2025 07:29:00 +03:00", "2025-03-03T04:29:00Z"),
        ("Mar 03 2025 07:29:00 MSK", "2025-03-03T04:29:00Z"),
        ("  Mon,\t03 Mar 2025 07:29:00 CEST  ", "2025-03-03T05:29:00Z"),
    ])
    func rfc822(_ input: String, _ expected: String) {
        #expect(FeedDate.parse(input).map(FeedDate.iso8601) == expected)
    }

    @Test("RFC 3339 / ISO 8601 / W3CDTF variants", arguments: [
        ("2025-03-05T04:37:00+03:00", "2025-03-05T01:37:00Z"),
        ("2025-03-05T04:37:00.123456Z", "2025-03-05T04:37:00Z"),
        ("2025-03-05T04:37Z", "2025-03-05T04:37:00Z"),
        ("2025-03-05T04:37:00", "2025-03-05T04:37:00Z"),
        ("2025-03-05", "2025-03-05T00:00:00Z"),
        ("20250305T043700Z", "2025-03-05T04:37:00Z"),
    ])
    func iso8601(_ input: String, _ expected: String) {
        #expect(FeedDate.parse(input).map(FeedDate.iso8601) == expected)
    }

    @Test("Unreadable dates are nil, never a crash", arguments: [
        "", "yesterday", "32 Mar 2025", "2025-02-30", "Mon, 03 Foo 2025", "2025-13-01T00:00:00Z", "99:99",
        // Found by fuzzing: a year of twenty digits overflowed the calendar arithmetic.
        "Mon, 03 Mar 99999999999999999999 07:29:00 GMT", "Mon, 03 Mar 999999999 07:29:00 GMT", "0999-01-01",
        // Clocks with too many, too few or empty fields; zones that are not zones.
        "Mon, 03 Mar 2025 07:29:00:00 GMT", "Mon, 03 Mar 2025 07: GMT", "Mon, 03 Mar 2025 :29 GMT",
        "Mon, 03 Mar 2025 07:29:00 XYZ", "Mon, 03 Mar 2025 07:29:00 +03000", "Mon, 03 Mar 2025 07:29:00 GMT+",
        // Found by fuzzing: a zone offset of many digits overflowed before its length was checked.
        "Mon, 01 Jan 2024 10:00:00 +99999999999999999999999",
    ])
    func garbage(_ input: String) {
        #expect(FeedDate.parse(input) == nil)
    }
}

@Suite("Plain text from HTML")
struct HTMLTextTests {
    @Test("Tags are removed, entities decoded, whitespace folded, blocks separated")
    func plainText() {
        #expect(HTMLText.plainText("<p>One&nbsp;&amp; <b>two</b></p><p>Three&#8230; &#x41;</p>") == "One\u{00A0}& two Three… A")
        #expect(HTMLText.plainText("a <script>var x = '<p>';</script>b") == "a b")
        #expect(HTMLText.plainText("x < y and a <treat>") == "x < y and a <treat>")
        #expect(HTMLText.plainText("  spaced \n\t out  ") == "spaced out")
    }

    @Test("Comments, doctypes and CDATA hold no text; quoted attribute values may hold '>'", arguments: [
        ("sa<!-- x -->fe", "safe"),
        ("safe<!-- never closed", "safe"),
        ("<!DOCTYPE html><p>a</p>", "a"),
        ("<img src=\"x.jpg\" alt=\"cat<br />dog\">after", "after"),
        ("safe<applet code=\"x\"></applet> <blink>description</blink>", "safe description"),
        ("a <treat> & <more>", "a <treat> & <more>"),
    ])
    func markup(_ html: String, _ text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test("Text that is already plain passes unchanged; ASCII whitespace and line breaks fold, typographic spaces stay", arguments: [
        ("Houthis meet Russian envoy", "Houthis meet Russian envoy"),
        ("“Talks” in Moscow — a first", "“Talks” in Moscow — a first"),
        ("Хуситы и Россия", "Хуситы и Россия"),
        ("الحوثيون وروسيا", "الحوثيون وروسيا"),
        ("two  spaces", "two spaces"),
        ("em\u{2003}space", "em\u{2003}space"),
        ("ideographic\u{3000}space", "ideographic\u{3000}space"),
        ("no-break\u{00A0}space", "no-break\u{00A0}space"),
        ("next\u{0085}line", "next line"),
        ("line\u{2028}separator", "line separator"),
        ("\u{00A0}no-break at the ends\u{2009}", "no-break at the ends"),
        ("«Переговоры» © 2025", "«Переговоры» © 2025"),
        ("vertical\u{000B}tab", "vertical tab"),
        (" leading", "leading"),
        ("trailing ", "trailing"),
    ])
    func alreadyPlain(_ input: String, _ expected: String) {
        #expect(HTMLText.plainText(input) == expected)
    }
}

@Suite("OPML")
struct OPMLTests {
    @Test("Every outline with an xmlUrl, at any depth, once; title or text as the name")
    func feeds() throws {
        let opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
            <outline text="Group"><outline text="A" title="A &amp; B" xmlUrl="https://a.example/rss"/>
            <outline text="C" xmlUrl="https://c.example/atom"/></outline>
            <outline text="A again" xmlUrl="https://a.example/rss"/><outline text="No feed" htmlUrl="https://x.example/"/>
            </body></opml>
            """
        #expect(try OPMLReader.feeds(in: Array(opml.utf8)) == [
            OPMLFeed(title: "A & B", url: "https://a.example/rss"), OPMLFeed(title: "C", url: "https://c.example/atom"),
        ])
        #expect(throws: FeedParseError.notAFeed(root: "rss")) { try OPMLReader.feeds(in: Array("<rss></rss>".utf8)) }
    }
}
