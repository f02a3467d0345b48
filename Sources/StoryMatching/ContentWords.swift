/// The words that carry a story's content, in a form that survives inflection: function words
/// are dropped, English plurals folded, Russian words cut to a 5-letter stem (light stemming by
/// truncation, effective for Russian's suffix-heavy inflection), Arabic words taken without
/// clitics and cut to 5 letters.
enum ContentWords {
    static func stem(_ token: Token) -> String? {
        var word = token.text
        if !token.variants.isEmpty, let bare = token.variants.last { word = bare }
        if stopwords.contains(word) || stopwords.contains(token.text) { return nil }
        let count = word.count
        guard count >= 2 else { return nil }
        guard let first = word.unicodeScalars.first else { return nil }
        switch first.value {
        case 0x0400...0x04FF, 0x0600...0x06FF:
            return count > 5 ? String(word.prefix(5)) : word
        default:
            if first.properties.numericType != nil { return word }
            if count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") { return String(word.dropLast()) }
            return word
        }
    }

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
