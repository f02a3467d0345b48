import StoryMatching
import Testing

/// The tokenizer reads text in one pass over its bytes and folds letters as it goes; these pin
/// what the slower, word-at-a-time normalizer it replaced produced, where the one pass has its
/// own code: apostrophe runs, words that need NFKC, abbreviations, Arabic readings, stems.
@Suite("Tokenizer")
struct TokenizerTests {
    @Test("A run of apostrophes inside a word is one apostrophe; one after a word is not part of it", arguments: [
        ("Sana’’a Sana''a Sana`a", ["sanaa", "sanaa", "sanaa"]),
        ("O'Neil’s boys’ club", ["oneil", "boys", "club"]),
        ("’Aden '' Russia’s", ["aden", "russia"]),
    ])
    func apostrophes(_ text: String, _ expected: [String]) {
        #expect(TextNormalizer.words(text) == expected)
    }

    @Test("A word that needs NFKC is read whole, with its apostrophes and case")
    func compatibilityWords() {
        #expect(TextNormalizer.words("ＲＵＳＳＩＡ’s ﬁnal’s Moscow") == ["russia", "final", "moscow"])
    }

    @Test("A full stop after an abbreviation or an initial does not end the sentence")
    func abbreviations() {
        let tokens = TextNormalizer.tokens("Col. Gen. Ivanov met Dr. Smith and J. Doe in the U.S. today. Next", firstUnit: 1)
        #expect(tokens.map(\.unit) == [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2])
        #expect(TextNormalizer.tokens("Ушаков, г. Москва. Дальше", firstUnit: 1).map(\.unit) == [1, 1, 1, 2])
    }

    @Test("An Arabic word keeps every reading without its clitics, shortest prefix first")
    func arabicReadings() throws {
        let token = try #require(TextNormalizer.tokens("وباليمن").first)
        #expect(token.variants == ["وباليمن", "باليمن", "اليمن", "يمن"])
        #expect(try #require(TextNormalizer.tokens("موسكو").first).variants == ["موسكو"])
        #expect(try #require(TextNormalizer.tokens("Moscow").first).variants.isEmpty)
    }

    @Test("Inflected Russian words share one identity term; other words keep theirs", arguments: [
        ("удары ударов удар", 1), ("Ушаков Ушакова Ушаковым", 1), ("переговоры переговорах", 1), ("удары переговоры", 2),
    ])
    func russianStems(_ text: String, _ terms: Int) {
        #expect(StoryTerms(tokens: TextNormalizer.tokens(text), names: [], markers: []).count == terms)
    }
}
