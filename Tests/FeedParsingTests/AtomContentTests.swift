import FeedParsing
import Testing

@Suite("Atom text constructs and content by their type")
struct AtomContentTests {
    @Test("type=\"xhtml\": the wrapping div is not content (RFC 4287 4.1.3.3), escaped text stays escaped")
    func xhtml() throws {
        let feed = try parseFixture("atom-content-types.atom")
        #expect(feed.title == "Content types")
        let entry = try #require(feed.items.first)
        #expect(entry.content == "History of the &lt;blink&gt; tag, <em>briefly</em>")
        // Only the one wrapper goes: divs inside it are content.
        #expect(feed.items[1].content == "<div>One</div><div>Two</div>")
        // Two divs side by side wrap nothing: both stay.
        #expect(feed.items[2].content == "<div>One</div><div>Two</div>")
    }

    @Test("HTML a publisher wrapped in an XHTML div is the HTML")
    func htmlInDiv() throws {
        #expect(try parseFixture("atom-content-types.atom").subtitle == "Escaped <i>markup</i> in a div")
    }

    @Test("SVG keeps its namespace and xlink:href its prefix, declared where used")
    func foreignMarkup() throws {
        let entry = try parseFixture("atom-content-types.atom").items[3]
        #expect(entry.content == #"<svg xmlns="http://www.w3.org/2000/svg" width="30"><a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://svg.example/"><circle r="5"></circle></a></svg>"#)
    }

    @Test("A type that is neither text nor XML is base64; XML types keep their markup")
    func base64AndXML() throws {
        let feed = try parseFixture("atom-content-types.atom")
        #expect(feed.items[4].content == "<p>Base64 <b>body</b></p>")
        #expect(feed.items[5].content == #"<data xmlns="http://www.w3.org/2005/Atom"><value>42</value></data>"#)
    }

    @Test("Atom 0.3: mode=\"base64\" is decoded, mode=\"xml\" keeps its div, published wins over issued")
    func atom03() throws {
        let entry = try #require(try parseFixture("atom03-content.atom").items.first)
        #expect(entry.title == "Base64 title")
        #expect(entry.summary == "<p>Summary</p>")
        #expect(entry.content == "<div>Kept <b>div</b></div>")
        #expect(isoDate(entry.published) == "2025-03-02T10:00:00Z")
    }
}
