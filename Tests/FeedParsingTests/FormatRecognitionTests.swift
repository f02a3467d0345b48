import FeedParsing
import Testing

@Suite("Old and odd formats recognised by their root")
struct FormatRecognitionTests {
    @Test("RSS 0.90 by its namespace on the root, with no channel or item to show it")
    func rss090() throws {
        #expect(try parseFixture("rss090-root.rdf").format == .rss09x)
    }

    @Test("Atom 0.3 in Atom's old namespaces, and in any namespace with version=\"0.3\"", arguments: [
        ("atom-old-namespace.xml", "Echo entry"),
        ("atom-upper-namespace.xml", "Shouted entry"),
    ])
    func oldAtom(_ file: String, _ entryTitle: String) throws {
        let feed = try parseFixture(file)
        #expect(feed.format == .atom03)
        #expect(feed.items.first?.title == entryTitle)
    }

    @Test("Netscape's CDF: CHANNEL and ITEM with HREF and LASTMOD, ABSTRACT as the description")
    func cdf() throws {
        let feed = try parseFixture("cdf.xml")
        #expect(feed.format == .cdf)
        #expect(feed.title == "Channel Definition Format")
        #expect(feed.link == "https://cdf.example/")
        #expect(feed.subtitle == "Netscape's push channels")
        #expect(isoDate(feed.updated) == "2004-04-07T04:05:43Z")
        let item = try #require(feed.items.first)
        #expect(item.title == "First push")
        #expect(item.link == "https://cdf.example/1")
        #expect(item.summary == "Pushed to the desktop")
        #expect(isoDate(item.updated) == "2004-04-07T01:00:00Z")
    }
}
