import FeedParsing
import Testing

@Suite("Relative links, made absolute while their base is known")
struct ContentLinkTests {
    @Test("Links in HTML summaries and content resolve against xml:base; absolute ones and text stay as written")
    func markupLinks() throws {
        let feed = try parseFixture("relative-links.xml", url: "https://doc.example/feeds/f.xml")
        let item = try #require(feed.items.first)
        #expect(item.summary == #"<a href="https://links.example/about" title="x=1">About</a> <img src='https://links.example/news/pic.jpg'> <a href="https://other.example/x">abs</a> <a href="mailto:desk@links.example">mail</a> <a href="https://links.example/news/#top">top</a> a href=plain"#)
        // Characters a URL must escape are kept as the publisher wrote them.
        #expect(item.content == #"<a href="https://links.example/news/café.html">café</a>"#)
    }

    @Test("Protocol-relative links take the base's scheme; HTML references in a link are kept as written")
    func referencesInLinks() throws {
        let feed = try parseFixture("relative-links.xml", url: "https://doc.example/feeds/f.xml")
        #expect(feed.items.last?.summary == #"<img src="https://cdn.links.example/a.jpg?x=1&#038;y=2"> <a href="https://links.example/news/page.html?a=1&#038;b=2">p</a> <a href="https://links.example/news/?page=2">next</a>"#)
    }

    @Test("The channel link and item links resolve too")
    func fieldLinks() throws {
        let feed = try parseFixture("relative-links.xml", url: "https://doc.example/feeds/f.xml")
        #expect(feed.link == "https://links.example/home")
        #expect(feed.items.first?.link == "https://links.example/news/2025/one.html")
    }
}
