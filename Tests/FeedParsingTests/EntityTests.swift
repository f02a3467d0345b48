import FeedParsing
import Testing

@Suite("HTML references in feeds that never declare them")
struct EntityTests {
    @Test("Every HTML name is read, HTML 4's and HTML5's alike, in titles and escaped summaries")
    func htmlNames() throws {
        let feed = try parseFixture("entity-html-names.xml")
        #expect(feed.title == "Café αβ … — Ω")
        #expect(feed.warnings.isEmpty)
        let item = try #require(feed.items.first)
        // HTML5's values: &lang; is U+27E8 (HTML 4 had U+2329), &NotEqualTilde; is two scalars.
        #expect(item.title == "x \u{2242}\u{0338} y \u{27E8}a\u{27E9} ∴ Š")
        #expect(item.summary == "<p>&laquo;quoted&raquo;</p> ½")
        #expect(item.plainSummary == "«quoted» ½")
    }

    @Test("Typographic spaces stay as written inside a title, not at its ends; ASCII whitespace folds")
    func typographicSpaces() throws {
        let feed = try parseFixture("entity-typographic-spaces.xml")
        #expect(feed.title == "testing \u{00A0} entity")
        #expect(feed.items.first?.title == "10\u{00A0}km, 5\u{2009}%, a\u{2003}b, folded runs")
        // As feedparser strips them: none at either end.
        #expect(feed.items.last?.title == "Kept inside,\u{00A0}not at the ends")
    }

    @Test("References inside attribute values are decoded (links, enclosures, Atom terms)")
    func attributeReferences() throws {
        let feed = try parseFixture("entity-in-attribute.xml")
        #expect(feed.link == "http://domain.example/?a=1&b=2")
        let entry = try #require(feed.items.first)
        #expect(entry.link == "http://domain.example/e?x=1&y=2&z=été")
        #expect(entry.enclosures == [Enclosure(url: "http://domain.example/a.mp3?s=1&t=2", type: "audio/mpeg", length: 10)])
        #expect(entry.categories == ["Q&A"])
    }

    @Test("A legacy name without its ';' and '&#X' are read as HTML reads them; '&lang=' in a link is not a name")
    func misspeltReferences() throws {
        let feed = try parseFixture("entity-misspelt.xml")
        #expect(feed.link == "https://misspelt.example/?page=1&lang=en&copy=2")
        #expect(feed.items.first?.title == "© 2025 AB AT&T &notaname; x")
        #expect(feed.warnings.first?.contains("read as text or as the reference it misspelt") == true)
    }

    @Test("Character references 128-159 are the Windows-1252 characters, as in HTML", arguments: [
        ("&#146;", "\u{2019}"), ("&#x93;&#x94;", "\u{201C}\u{201D}"), ("&#150;", "\u{2013}"), ("&#129;", "\u{0081}"),
        ("&#0;", "\u{FFFD}"), ("&#x110000;", "\u{FFFD}"), ("&#X41;", "A"),
    ])
    func numericReferences(_ reference: String, _ text: String) {
        #expect(HTMLText.plainText("a\(reference)b") == "a\(text)b")
    }
}

@Suite("Hostile markup costs linear time")
struct HostileMarkupTests {
    @Test("Markup that never ends is text, found without rescanning from every '<'", arguments: [
        String(repeating: "<a title=\"x ", count: 20_000),
        String(repeating: "<![CDATA[ x ", count: 20_000) + ">",
        String(repeating: "<!x ", count: 20_000),
    ])
    func unendingMarkup(_ html: String) {
        let started = ContinuousClock.now
        _ = HTMLText.plainText(html)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("Many link attributes outside any tag are looked at once each")
    func manyLinkAttributes() throws {
        let description = String(repeating: " href=x", count: 100_000)
        let document = "<rss version=\"2.0\"><channel><title>t</title><item><title>i</title><description>\(description)</description></item></channel></rss>"
        let started = ContinuousClock.now
        let feed = try FeedParser().parse(Array(document.utf8), url: "https://hostile.example/")
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(feed.items.first?.summary?.hasPrefix("href=x") == true)
    }
}
