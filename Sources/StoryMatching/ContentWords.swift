import Foundation

/// The words that carry a story's content, in a form that survives inflection: function words
/// are dropped, English plurals and endings folded (and British spellings to American), Russian
/// words cut to a 5-letter stem (light stemming by truncation, effective for Russian's
/// suffix-heavy inflection), Arabic words taken without clitics and common suffixes.
/// Works on UTF-8 bytes and returns the stem's hash directly: this runs for every word of
/// every item.
enum ContentWords {
    /// The hash of the token's content stem, or nil for a function word or a single letter.
    static func stemKey(_ token: Token) -> UInt64? {
        withUnsafePointer(to: token) { stemKey(UnsafeBufferPointer(start: $0, count: 1), at: 0) }
    }

    /// The stem key of `tokens[index]`, read in place (`Token.withBytes`): this runs for every word.
    static func stemKey(_ tokens: UnsafeBufferPointer<Token>, at index: Int) -> UInt64? {
        let full = tokens[index].forms.first
        if stopwordKeys.contains(full.key) { return nil }
        // A word without its clitics is a stopword only when at least three letters are left
        // (الله without ال is not له).
        let byteCount = tokens[index].text.utf8.count
        for form in 1..<tokens[index].forms.count {
            let reading = tokens[index].forms[form]
            if byteCount - Int(reading.start) >= 6 && stopwordKeys.contains(reading.key) { return nil }
        }
        let bare = Int(tokens[index].forms.last.start)
        return Token.withBytes(of: tokens[index].text) { stemKey(bytes: UnsafeBufferPointer(rebasing: $0[bare...]), fullKey: full.key) }
    }

    private static func stemKey(bytes: UnsafeBufferPointer<UInt8>, fullKey: UInt64) -> UInt64? {
        guard let first = bytes.first else { return nil }
        switch first {
        case 0xD0, 0xD1, 0xD2, 0xD3:  // Cyrillic: two bytes a letter
            guard bytes.count >= 4 else { return nil }
            return TermKey.mix(WordForm.hash(bytes[..<russianStemEnd(bytes)]))
        case 0xD8, 0xD9, 0xDA, 0xDB:  // Arabic
            guard bytes.count >= 4 else { return nil }
            return TermKey.mix(WordForm.hash(bytes[..<arabicStemEnd(bytes)]))
        default:
            guard bytes.count >= 2 else { return nil }
            if first >= 0x30 && first <= 0x39 { return TermKey.mix(fullKey) }
            return TermKey.mix(englishStemKey(bytes))
        }
    }

    /// Light Russian stemming: the longest inflectional ending (case, number, gender, tense) is
    /// removed, keeping at least three letters, and the rest cut to five letters, so "удары",
    /// "ударов" and "удар" meet, "переговоры" meets "переговорах", and a verb meets its noun
    /// ("нанесли" and "нанесение", "заявил" and "заявление"). Five letters rather than six: on
    /// real coverage it joined 3 more of 68 same-event Russian pairs and 2 more of the
    /// same-actor different-event pairs (replayed as a stream, F1 0.84 -> 0.86).
    ///
    /// A stem left ending in the possessive suffix -ов/-ев loses it too: surnames and possessive
    /// adjectives decline on top of it (Ушаков, Ушакова, Ушаковым; Медведев, Медведеву), and their
    /// nominative already loses -ов as if it were a genitive plural ending, so without this step
    /// "Ушаков" and "Ушакова" would be two words. Nouns agree with it as well ("портовому"
    /// meets "порт", "готова" meets "готов").
    ///
    /// Returns where the stem ends in `word`.
    static func russianStemEnd(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        var end = word.count
        if let ending = russianEndingTable.firstEnding(of: word, before: end, keeping: 6) { end -= ending }
        if end - 4 >= 6, word.hasSuffix(possessiveOv, before: end) || word.hasSuffix(possessiveEv, before: end) { end -= 4 }
        return min(end, 10)
    }

    static let possessiveOv = Array("ов".utf8), possessiveEv = Array("ев".utf8)

    /// Longest first.
    static let russianEndings: [[UInt8]] = """
        иями ями ами ией иям ием иях ими ыми его ого ему ому ешь ишь ила ыла ило ыло или ыли ать ять \
        ить еть ует уют ает ают яет яют ост ость ов ев ие ье еи ии ей ой ий ый ям ем ам ом ах ях ию \
        ью ия ья ее ие ые ое их ых ую юю ая яя ил ыл ал ял ла ли ло ит ят ет ют ть им ым а е и й о у ы ь ю я
        """.split(separator: " ").map { Array($0.trimmingCharacters(in: .whitespacesAndNewlines).utf8) }
        .filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    static let russianEndingTable = EndingTable(russianEndings)

    /// Light Arabic stemming (after the clitic prefixes are gone): the common plural, dual,
    /// feminine, nisba and pronoun suffixes, keeping at least three letters.
    static func arabicStemEnd(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        var end = word.count
        for suffix in arabicSuffixes where end - suffix.count >= 6 && word.hasSuffix(suffix, before: end) {
            end -= suffix.count
            break
        }
        if end > 6, word.hasSuffix(ya, before: end) || word.hasSuffix(ha, before: end) { end -= 2 }
        return end
    }

    static let arabicSuffixes: [[UInt8]] = ["يين", "يون", "يه", "ات", "ون", "ين", "ان", "ها", "هم", "تين"].map { Array($0.utf8) }
    static let ya = Array("ي".utf8), ha = Array("ه".utf8)

    /// Light English stemming: British spellings folded to American, then plural, -ed, -ing and
    /// -ly endings removed, so "defence programmes militarised" meets "defense program militarized".
    static func englishStemKey(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if word.count > 5 {
            for (british, american) in britishEndings where word.hasSuffix(british, before: word.count) {
                var folded = Array(word.prefix(word.count - british.count))
                folded += american
                return folded.withUnsafeBufferPointer { englishSuffixFolded($0) }
            }
        }
        return englishSuffixFolded(word)
    }

    /// The hash of `word` with its plural, -ed, -ing or -ly ending folded.
    private static func englishSuffixFolded(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        for (suffix, replacement) in englishSuffixes where word.count - suffix.count >= 3 && word.hasSuffix(suffix, before: word.count) {
            if suffix == s, word.hasSuffix(ss, before: word.count) || word.hasSuffix(us, before: word.count)
                || word.hasSuffix(isEnding, before: word.count) { break }
            return WordForm.hash(replacement, continuing: WordForm.hash(word[..<(word.count - suffix.count)]))
        }
        return WordForm.hash(word)
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

    /// Keys of the stopwords as the normalizer folds them (and, for Arabic, without clitics).
    static let stopwordKeys: KeyTable<Bool> = {
        var keys = Set<UInt64>()
        for word in stopwords.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            for token in TextNormalizer.tokens(String(word), splitSentences: false) {
                keys.insert(token.forms[0].key)
            }
        }
        return KeyTable(keys)
    }()

    /// Function words: pronouns, articles, prepositions, conjunctions, auxiliaries and particles,
    /// which say nothing about which story a text tells.
    static let stopwords = """
        the a an of to in on and for with at by from as is was were be been being has have had having \
        that this these those it its their theirs his her hers him them they he she we us our you your \
        i me my mine after over into about said says say will would shall should can could may might \
        must than but or not no nor who whom whose which what while during between there here other \
        some such also are up out new two more most very just only then than too so if because since \
        until unless though although whether both each either neither any all few many much own same \
        against through before under above below off again further once where when why how do does did \
        doing done being get got its itself themselves himself herself ourselves yourself s t \
        и в во не что на с со по к ко из за от о об обо для до а но как это его ее её их при же было был \
        была были также после между который которые которая которое которого которой которых которым уже \
        ли или у он она оно они мы вы я ты меня мне мной нас нам нами вас вам вами него нее неё ему ей \
        ним ней них им ими этот эта это эти этого этой этому этим этом этих тот та то те того той тому \
        тем том тех весь вся всё все всего всей всех всем свой своя свое своё свои своего своей своих \
        своим своими сам сама само сами самом самой так такой такая такие также тоже чтобы только ещё еще \
        когда где куда откуда кто чем чего чему нет да бы ни ну вот вон там тут здесь сейчас теперь \
        будет будут будем быть есть может могут можно нужно надо очень более менее самый кроме через \
        под над перед без против около среди вокруг после пока если хотя потому поэтому однако ведь \
        лишь даже именно либо пусть ли же бы раз уж \
        في من الي إلى الى علي على عن مع ان أن إن او أو ما لا لم لن هذا هذه ذلك تلك هؤلاء أولئك التي الذي \
        الذين اللذين اللتين اللواتي كان كانت كانوا يكون تكون قد بين بعد قبل حيث كما اليوم وقال قال \
        هو هي هم هن هما نحن انا أنا انت أنت انتم أنتم له لها لهم لنا لك كل بعض غير حتى عند عندما منذ اذا \
        إذا ثم أم بل لكن لكنه ايضا أيضا فقط خلال ضد نحو لدى عبر امام أمام تحت فوق دون سوى مثل عليه عليها \
        عليهم فيه فيها فيهم منه منها منهم به بها بهم إليه اليه إليها اليها التى الذى وهو وهي وكان ولا \
        وقد ان انه أنه إنه انها أنها إنها وان وأن وإن يجب
        """
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether the bytes before `end` end with `suffix` (this runs for every word).
    @inline(__always)
    func hasSuffix(_ suffix: [UInt8], before end: Int) -> Bool {
        guard end >= suffix.count else { return false }
        var i = end - suffix.count
        for byte in suffix {
            if self[i] != byte { return false }
            i += 1
        }
        return true
    }
}
