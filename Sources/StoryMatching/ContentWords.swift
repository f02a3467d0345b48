/// The words that carry a story's content, in a form that survives inflection: function words
/// are dropped, English plurals and endings folded (and British spellings to American), Russian
/// words cut to a 5-letter stem (light stemming by truncation, effective for Russian's
/// suffix-heavy inflection), Arabic words taken without clitics and common suffixes.
/// Works on UTF-8 bytes and returns the stem's hash directly: this runs for every word of
/// every item.
enum ContentWords {
    /// The hash of the token's content stem, or nil for a function word or a single letter.
    static func stemKey(_ token: Token) -> UInt64? {
        guard let full = token.forms.first, let bare = token.forms.last else { return nil }
        if stopwordKeys.contains(full.key) || stopwordKeys.contains(bare.key) { return nil }
        let bytes = Array(bare.text.utf8)
        guard let first = bytes.first else { return nil }
        switch first {
        case 0xD0, 0xD1, 0xD2, 0xD3:  // Cyrillic: two bytes a letter
            guard bytes.count >= 4 else { return nil }
            return Fingerprint.mix(WordForm.hash(bytes.prefix(10)))
        case 0xD8, 0xD9, 0xDA, 0xDB:  // Arabic
            guard bytes.count >= 4 else { return nil }
            return Fingerprint.mix(WordForm.hash(arabicStem(bytes)))
        default:
            guard bytes.count >= 2 else { return nil }
            if first >= 0x30 && first <= 0x39 { return Fingerprint.mix(full.key) }
            return Fingerprint.mix(WordForm.hash(englishStem(bytes)))
        }
    }

    /// Light Arabic stemming (after the clitic prefixes are gone): the common plural, dual,
    /// feminine, nisba and pronoun suffixes, keeping at least three letters.
    static func arabicStem(_ word: [UInt8]) -> ArraySlice<UInt8> {
        var end = word.count
        for suffix in arabicSuffixes where end - suffix.count >= 6 && word[..<end].hasSuffix(suffix) {
            end -= suffix.count
            break
        }
        if end > 6, word[..<end].hasSuffix(ya) || word[..<end].hasSuffix(ha) { end -= 2 }
        return word[..<end]
    }

    static let arabicSuffixes: [[UInt8]] = ["يين", "يون", "يه", "ات", "ون", "ين", "ان", "ها", "هم", "تين"].map { Array($0.utf8) }
    static let ya = Array("ي".utf8), ha = Array("ه".utf8)

    /// Light English stemming: British spellings folded to American, then plural, -ed, -ing and
    /// -ly endings removed, so "defence programmes militarised" meets "defense program militarized".
    static func englishStem(_ input: [UInt8]) -> [UInt8] {
        var word = input
        if word.count > 5 {
            for (british, american) in britishEndings where word.hasSuffix(british) {
                word.removeLast(british.count)
                word += american
                break
            }
        }
        for (suffix, replacement) in englishSuffixes where word.count - suffix.count >= 3 && word.hasSuffix(suffix) {
            if suffix == s, word.hasSuffix(ss) || word.hasSuffix(us) || word.hasSuffix(isEnding) { break }
            word.removeLast(suffix.count)
            word += replacement
            break
        }
        return word
    }

    static let s = Array("s".utf8), ss = Array("ss".utf8), us = Array("us".utf8), isEnding = Array("is".utf8)
    static let englishSuffixes: [([UInt8], [UInt8])] = [
        ("ings", ""), ("ing", ""), ("edly", ""), ("ed", ""), ("ies", "y"), ("es", ""), ("s", ""), ("ly", ""),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }
    static let britishEndings: [([UInt8], [UInt8])] = [
        ("isation", "ization"), ("isations", "izations"), ("ised", "ized"), ("ising", "izing"), ("ise", "ize"),
        ("ences", "enses"), ("ence", "ense"), ("mmes", "ms"), ("mme", "m"), ("tres", "ters"), ("tre", "ter"),
        ("ours", "ors"), ("our", "or"), ("ogue", "og"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    static let stopwordKeys: Set<UInt64> = Set(stopwords.map { WordForm.hash($0.utf8) })

    static let stopwords: [String] = [

        // English
        "the", "a", "an", "of", "to", "in", "on", "and", "for", "with", "at", "by", "from", "as", "is",
        "was", "were", "be", "been", "has", "have", "had", "that", "this", "it", "its", "their", "his",
        "her", "after", "over", "into", "about", "said", "says", "say", "will", "would", "than", "but",
        "or", "not", "no", "who", "which", "also", "are", "they", "he", "she", "we", "up", "out", "new",
        "two", "more", "what", "while", "during", "between", "there", "other", "some", "such", "them",
        // Russian
        "и", "в", "во", "не", "что", "на", "с", "со", "по", "к", "из", "за", "от", "о", "об", "для",
        "до", "а", "но", "как", "это", "его", "ее", "их", "при", "же", "было", "был", "была", "были",
        "также", "после", "между", "который", "которые", "которая", "уже", "ли", "или", "у",
        // Arabic (normalized forms)
        "في", "من", "الي", "الى", "علي", "على", "عن", "مع", "ان", "او", "ما", "لا", "هذا", "هذه",
        "التي", "الذي", "كان", "قد", "بين", "بعد", "ذلك", "تلك", "حيث", "كما", "اليوم", "وقال", "قال",
    ]
}

extension Collection where Element == UInt8 {
    func hasSuffix(_ suffix: [UInt8]) -> Bool {
        count >= suffix.count && self.suffix(suffix.count).elementsEqual(suffix)
    }
}
