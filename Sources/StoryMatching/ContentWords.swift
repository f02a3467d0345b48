/// The words that carry a story's content, in a form that survives inflection: function words
/// are dropped, English plurals folded, Russian words cut to a 5-letter stem (light stemming by
/// truncation, effective for Russian's suffix-heavy inflection), Arabic words taken without
/// clitics and cut to 5 letters.
enum ContentWords {
    static func stem(_ token: Token) -> String? {
        var word = token.text
        if !token.variants.isEmpty, let bare = token.variants.last { word = bare }
        if stopwords.contains(word) || stopwords.contains(token.text) { return nil }
        guard word.count >= 2, let first = word.unicodeScalars.first else { return nil }
        switch first.value {
        case 0x0400...0x04FF:
            return word.count > 5 ? String(word.prefix(5)) : word
        case 0x0600...0x06FF:
            return arabicStem(word)
        default:
            if first.properties.numericType != nil { return word }
            return englishStem(word)
        }
    }

    /// Light Arabic stemming (after the clitic prefixes are gone): the common plural, dual,
    /// feminine, nisba and pronoun suffixes, keeping at least three letters.
    static func arabicStem(_ word: String) -> String {
        var letters = Array(word.unicodeScalars)
        for suffix in arabicSuffixes {
            let tail = Array(suffix.unicodeScalars)
            if letters.count - tail.count >= 3, Array(letters.suffix(tail.count)) == tail {
                letters.removeLast(tail.count)
                break
            }
        }
        if letters.count > 3, let last = letters.last, last == "\u{064A}" || last == "\u{0647}" { letters.removeLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: letters)
        return String(view)
    }

    static let arabicSuffixes = ["يين", "يون", "يه", "ات", "ون", "ين", "ان", "ها", "هم", "تين"]

    /// Light English stemming: British spellings folded to American, then plural, -ed, -ing and
    /// -ly endings removed, so "defence programmes militarised" meets "defense program militarized".
    static func englishStem(_ input: String) -> String {
        var word = input
        if word.count > 5 {
            for (british, american) in britishEndings where word.hasSuffix(british) {
                word = String(word.dropLast(british.count)) + american
                break
            }
        }
        for suffix in ["ings", "ing", "edly", "ed", "ies", "es", "s", "ly"] where word.count - suffix.count >= 3 && word.hasSuffix(suffix) {
            if suffix == "s", word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { break }
            word = String(word.dropLast(suffix.count))
            if suffix == "ies" { word += "y" }
            break
        }
        return word
    }

    static let britishEndings: [(String, String)] = [
        ("isation", "ization"), ("isations", "izations"), ("ised", "ized"), ("ising", "izing"), ("ise", "ize"),
        ("ences", "enses"), ("ence", "ense"), ("mmes", "ms"), ("mme", "m"), ("tres", "ters"), ("tre", "ter"),
        ("ours", "ors"), ("our", "or"), ("ogue", "og"),
    ]

    static let stopwords: Set<String> = [
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
