import FeedParsing
import Testing

@Suite("Encodings libxml2 does not read, and labels iconv does not know as written")
struct EncodingLabelTests {
    @Test("EBCDIC documents are recognised by '<?xm' and read with the code page they declare", arguments: [
        ("ebcdic-cp037.xml", "Ørsted: «Zürich»", "Ações ¬ $?"),
        ("ebcdic-cp1140.xml", "IBM 1140 has the euro: 5 €", "Ølkast"),
        ("ebcdic-cp875.xml", "Ελληνικά νέα", "Αθήνα"),
    ])
    func ebcdic(_ file: String, _ title: String, _ itemTitle: String) throws {
        let feed = try parseFixture(file)
        #expect(feed.title == title)
        #expect(feed.items.first?.title == itemTitle)
        #expect(feed.link == "https://enc.example/")
        #expect(feed.warnings.isEmpty)
    }

    @Test("Mac code pages under their Mac names, aliases and '_' spellings", arguments: [
        ("mac-roman.xml", "Ärzte – “Mac Roman”", "Café"),  // macroman: iconv's MACINTOSH
        ("mac-greek.xml", "Äθήνα: νέα", "Ελλάδα"),  // no iconv table: ours
        ("mac-turkish.xml", "İstanbul ğ ş ı", "Çay"),  // no iconv table: ours
        ("cp861-alias.xml", "Þórður Ísland", "Çæ"),  // cp_is, Python's alias for cp861
        ("underscore-label.xml", "Новости Йемена", "Москва"),  // windows_1251
    ])
    func labels(_ file: String, _ title: String, _ itemTitle: String) throws {
        let feed = try parseFixture(file)
        #expect(feed.title == title)
        #expect(feed.items.first?.title == itemTitle)
        #expect(feed.warnings.isEmpty)
    }
}
