import FeedParsing
import Testing

@Suite("Text that was encoded twice or in the wrong code page")
struct TextRepairTests {
    @Test("UTF-8 read as Latin-1 and encoded again is read as the UTF-8 it was")
    func doubleEncoded() throws {
        let feed = try parseFixture("double-encoded.xml")
        let first = try #require(feed.items.first)
        #expect(first.title == "été — déjà vu")
        #expect(first.summary == "…")  // &#226;&#128;&#166;
        let second = try #require(feed.items.last)
        // Real Latin text is left alone: é alone is not valid UTF-8 as bytes.
        #expect(second.title == "café «Été»")
        #expect(second.summary == "…")  // &acirc;&#128;&brvbar;
    }

    @Test("Windows-1252 punctuation in text declared Latin-1 becomes the characters it meant")
    func windowsPunctuation() throws {
        let feed = try parseFixture("windows-1252-punctuation.xml")
        #expect(feed.title == "“Windows” punctuation – declared Latin-1")
        let item = try #require(feed.items.first)
        #expect(item.title == "don’t … café")
        // 0x81 has no Windows-1252 character: it stays what it is.
        #expect(item.summary == "don’t… \u{0081}")
    }
}
