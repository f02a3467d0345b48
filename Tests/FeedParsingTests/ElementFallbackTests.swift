import FeedParsing
import Testing

@Suite("Elements that stand in when a feed's own are missing")
struct ElementFallbackTests {
    @Test("Dublin Core title and description stand in; DCMI terms give the dates")
    func dublinCore() throws {
        let feed = try parseFixture("dc-fallbacks.xml")
        #expect(feed.title == "Dublin Core Desk")
        #expect(feed.subtitle == "Titles and descriptions from Dublin Core")
        #expect(isoDate(feed.updated) == "2025-03-06T08:00:00Z")  // dcterms:modified
        let first = try #require(feed.items.first)
        #expect(first.title == "Talks in Moscow")
        #expect(first.summary == "<p>A delegation arrived.</p>")
        #expect(first.author == "Ivan Petrov")  // dc:author, as feeds write it
        #expect(isoDate(first.published) == "2025-03-05T07:00:00Z")  // dcterms:issued
        #expect(isoDate(first.updated) == "2025-03-05T12:30:00Z")  // dcterms:modified
        let second = try #require(feed.items.last)
        #expect(second.title == "Own title wins")
        #expect(second.summary == "Own description wins")
        #expect(isoDate(second.published) == "2025-03-04T09:00:00Z")  // dcterms:created
    }

    @Test("iTunes: channel subtitle or summary, item author and summary, nested categories, any namespace case")
    func itunes() throws {
        let feed = try parseFixture("itunes-podcast.xml")
        #expect(feed.subtitle == "Weekly shipping talk")
        #expect(feed.author == "Pod Desk")
        let episode = try #require(feed.items.first)
        #expect(episode.author == "Jane Roe")
        #expect(episode.summary == "Ports and grain")
        #expect(episode.categories == ["News", "Politics"])
        #expect(try parseFixture("itunes-summary-only.xml").subtitle == "The show, summarised")
    }

    @Test("media:title stands in for a missing title, also inside media:group")
    func mediaTitle() throws {
        let feed = try parseFixture("media-title.xml")
        #expect(feed.items.map(\.title) == ["Clip from the port", "Grouped clip"])
    }

    @Test("XHTML body and the old fullitem are the content")
    func bodies() throws {
        let feed = try parseFixture("xhtml-body.xml")
        #expect(feed.items.map(\.content) == ["<p>Full <b>text</b> &amp; more &lt;here&gt;</p>", "<p>Escaped body</p>"])
    }

    @Test("An RSS summary beside a description: the first is the summary, the second the content")
    func rssSummary() throws {
        let items = try parseFixture("rss-summary-element.xml").items
        #expect(items.map(\.summary) == ["The description", "The summary", "Only a summary"])
        #expect(items.map(\.content) == ["The summary", "The description", nil])
    }

    @Test("Language tags with '_' are written with '-'")
    func languageTags() throws {
        #expect(try parseFixture("language-underscore.atom").language == "en-US")
        #expect(try parseFixture("upper-case-elements.xml").language == "en-GB")
    }

    @Test("RSS element names are read in any letter case")
    func letterCase() throws {
        let feed = try parseFixture("upper-case-elements.xml")
        #expect(feed.title == "Mixed case")
        #expect(feed.link == "https://case.example/")
        let item = try #require(feed.items.first)
        #expect(item.title == "Upper-case item")
        #expect(isoDate(item.published) == "2025-03-05T10:00:00Z")
    }
}
