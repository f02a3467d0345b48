import Foundation

/// What identifies a story's event, in a form that survives how outlets rewrite it: the set of its
/// terms, each a 64-bit key.
///
/// Outlets rewrite a story rather than copy it: a new headline, reordered sentences, other words.
/// What survives is names, numbers, places, the action and the date. So the terms are:
/// - **names** (`Kind.name`): every spelling of a configured alias (Abdul-Salam, Abdulsalam,
///   عبد السلام) is one term, the alias itself;
/// - **numbers** (`Kind.number`): digits with their thousands joined and a following
///   "thousand"/"million" applied, so "54,000", "54 000" and "54 thousand" are one term;
/// - **words**: content words, stopwords dropped, lightly stemmed per language
///   (`ContentWords.stemKey`);
/// - words that only say which side a story is on (`Kind.marker`: the topic rule's Yemen and
///   Russia terms that are not a named actor) are kept but flagged, since every compared story
///   has them.
///
/// Weights are not stored: they come from `TermStatistics` when stories are compared, so they
/// follow what the daemon reads.
public struct StoryTerms: Sendable, Equatable {
    public struct Kind: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let marker = Kind(rawValue: 1)
        public static let name = Kind(rawValue: 2)
        public static let number = Kind(rawValue: 4)
        /// The term stands in the title.
        public static let title = Kind(rawValue: 8)
        /// The term stands in the lead (or, for a seed, anywhere after the title).
        public static let lead = Kind(rawValue: 16)
        /// A name of an actor (an alias with a side) of Yemen's side, or of Russia's.
        public static let yemenActor = Kind(rawValue: 32)
        public static let russiaActor = Kind(rawValue: 64)
    }

    /// Sorted, unique.
    public private(set) var keys: [UInt64]
    /// Parallel to `keys`.
    public private(set) var kinds: [Kind]

    public init(keys: [UInt64], kinds: [Kind]) {
        precondition(keys.count == kinds.count, "one kind per key")
        self.keys = keys
        self.kinds = kinds
    }

    public static let empty = StoryTerms(keys: [], kinds: [])

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The terms of `tokens` up to sentence `lastUnit` (0 is the title). `names` are the alias
    /// hits (their `group` names the alias); `markers` the topic-side hits that only say which side.
    /// `actors`: the side of each alias that is an actor, so its name terms say which side they are.
    /// `published`: the report's date, against which the days it names relatively ("on Tuesday",
    /// «вчера», «يوم الأحد») are read as the day and month they are (`WrittenNumbers.relativeDay`);
    /// these are not figures the report wrote, so they are not flagged as numbers.
    public init(tokens: [Token], through lastUnit: Int = .max, names: [TermHit], markers: [TermHit],
                actors: [String: TopicSide] = [:], published: Date? = nil) {
        var collected: [UInt64: Kind] = [:]
        collected.reserveCapacity(tokens.count)
        Self.forEachTerm(tokens, through: lastUnit, names: names, markers: markers, actors: actors) { key, kind, _ in
            collected[key, default: []].formUnion(kind)
        }
        if let published {
            for token in tokens where token.unit <= lastUnit {
                guard let relative = WrittenNumbers.relativeDay(token) else { continue }
                let (day, month) = WrittenNumbers.resolve(relative, published: published)
                let place: Kind = token.unit == 0 ? .title : .lead
                collected[Self.numberKey(Array(String(day).utf8)), default: []].formUnion(place)
                collected[Self.monthKey(month), default: []].formUnion(place)
            }
        }
        let sorted = collected.sorted { $0.key < $1.key }
        keys = sorted.map(\.key)
        kinds = sorted.map(\.value)
    }

    /// How each term of `tokens` reads in the text (its first occurrence), for explanations.
    public static func surfaces(_ tokens: [Token], names: [TermHit], markers: [TermHit]) -> [UInt64: String] {
        var surfaces: [UInt64: String] = [:]
        forEachTerm(tokens, through: .max, names: names, markers: markers, actors: [:]) { key, _, range in
            if surfaces[key] == nil { surfaces[key] = tokens[range].map(\.text).joined(separator: " ") }
        }
        return surfaces
    }

    /// Calls `body` with each term's key, kind (with where it stood) and token range, in text order.
    static func forEachTerm(_ tokens: [Token], through lastUnit: Int, names: [TermHit], markers: [TermHit],
                            actors: [String: TopicSide], _ body: (UInt64, Kind, Range<Int>) -> Void) {
        // Token index -> the name hit that covers it (-1: none); whether a topic marker covers it.
        var consumedBy = [Int](repeating: -1, count: tokens.count)
        var markerTokens = [Bool](repeating: false, count: tokens.count)
        for hit in markers { for position in hit.range where position < tokens.count { markerTokens[position] = true } }
        // Longest alias hits first, so "mohammed abdul salam" wins over "abdul salam".
        let longestFirst = names.enumerated().sorted { a, b in
            a.element.range.count != b.element.range.count ? a.element.range.count > b.element.range.count : a.offset < b.offset
        }
        for (index, hit) in longestFirst
        where hit.group != nil && hit.unit <= lastUnit && hit.range.upperBound <= tokens.count
            && !hit.range.contains(where: { consumedBy[$0] >= 0 }) {
            for position in hit.range { consumedBy[position] = index }
        }
        func place(_ unit: Int) -> Kind { unit == 0 ? .title : .lead }
        // Words are read in place through a buffer pointer (an array's element handed on is copied first).
        tokens.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < tokens.count {
                let unit = buffer[index].unit
                guard unit <= lastUnit else { break }
                if consumedBy[index] >= 0 {
                    let hitIndex = consumedBy[index]
                    let hit = names[hitIndex]
                    if hit.range.lowerBound == index {
                        var kind: Kind = [.name, place(hit.unit)]
                        if hit.range.allSatisfy({ markerTokens[$0] }) { kind.insert(.marker) }
                        switch hit.group.flatMap({ actors[$0] }) {
                        case .yemen: kind.insert(.yemenActor)
                        case .russia: kind.insert(.russiaActor)
                        case nil: break
                        }
                        body(nameKey(hit.group ?? hit.term), kind, hit.range)
                    }
                    index += 1
                    continue
                }
                // Months and numbers written as words are in the tables `mayName` looks up; other
                // numbers start with a digit. Most words are neither, and are not looked at further.
                let named = WrittenNumbers.mayName(buffer[index])
                if named, let (month, next) = WrittenNumbers.month(at: index, in: tokens) {
                    body(monthKey(month), place(unit), index..<next)
                    index = next
                    continue
                }
                if named || startsWithDigit(buffer[index]), let (digits, next) = number(at: index, in: tokens) {
                    body(numberKey(digits), [.number, place(unit)], index..<next)
                    index = next
                    continue
                }
                if let key = ContentWords.stemKey(buffer, at: index) {
                    body(key, markerTokens[index] ? [.marker, place(unit)] : place(unit), index..<index + 1)
                }
                index += 1
            }
        }
    }

    /// The actor names of each side (keys).
    public func actors(_ side: Kind) -> Set<UInt64> {
        Set(zip(keys, kinds).filter { $0.1.contains(side) }.map(\.0))
    }

    /// The keys of the numbers.
    public var numbers: Set<UInt64> {
        Set(zip(keys, kinds).filter { $0.1.contains(.number) }.map(\.0))
    }

    // MARK: Keys

    /// Keys are hashed in pieces (a marker, then the text), which is the hash of the joined text.
    public static func nameKey(_ group: String) -> UInt64 { TermKey.mix(WordForm.hash(group.utf8, continuing: WordForm.hash("@".utf8))) }
    static func numberKey(_ digits: [UInt8]) -> UInt64 { TermKey.mix(WordForm.hash(digits, continuing: WordForm.hash("#".utf8))) }
    /// A month, however it is named (`WrittenNumbers.month`).
    static func monthKey(_ month: Int) -> UInt64 { TermKey.mix(WordForm.hash(Array("%month".utf8) + Array(String(month).utf8))) }

    /// The word keys of free text (no aliases, no markers): for word lists such as the prior's.
    static func wordKeys(_ text: String) -> [UInt64] {
        StoryTerms(tokens: TextNormalizer.tokens(text, splitSentences: false), names: [], markers: []).keys
    }

    // MARK: Numbers

    /// The number starting at token `index` as ASCII digits, and the index after it: thousands
    /// groups joined ("54,000", "54 000"), a number written as words read as one
    /// (`WrittenNumbers.cardinal`: «пять», «ثلاثة»), a following thousand/million word applied.
    static func number(at index: Int, in tokens: [Token]) -> (digits: [UInt8], next: Int)? {
        var digits: [UInt8]
        var next = index + 1
        var grouped = false
        if let written = asciiDigits(tokens[index].text) {
            digits = written
            // Thousands groups follow a lead group of one to three digits.
            grouped = digits.count <= 3
        } else if let (value, end) = WrittenNumbers.cardinal(at: index, in: tokens) {
            digits = Array(String(value).utf8)
            next = end
        } else {
            return nil
        }
        while grouped, next < tokens.count, tokens[next].unit == tokens[index].unit, digits.count <= 12,
              let group = asciiDigits(tokens[next].text), group.count == 3,
              thousandsSeparators.contains(tokens[next].punctuationBefore) {
            digits += group
            next += 1
        }
        if next < tokens.count, tokens[next].unit == tokens[index].unit, let zeros = multipliers[tokens[next].text] {
            digits += [UInt8](repeating: UInt8(ascii: "0"), count: zeros)
            next += 1
        }
        while digits.count > 1, digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        return (digits, next)
    }

    /// Whether the token's first byte may start a digit `asciiDigits` reads (ASCII, or the lead
    /// byte of an Arabic-Indic or Persian one).
    @inline(__always)
    static func startsWithDigit(_ token: Token) -> Bool {
        guard let first = token.text.utf8.first else { return false }
        return (0x30...0x39).contains(first) || first == 0xD9 || first == 0xDB
    }

    /// Digits of a token made only of digits (ASCII, Arabic-Indic or Persian), as ASCII.
    static func asciiDigits(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: out.append(UInt8(scalar.value))
            case 0x0660...0x0669: out.append(UInt8(scalar.value - 0x0660 + 0x30))
            case 0x06F0...0x06F9: out.append(UInt8(scalar.value - 0x06F0 + 0x30))
            default: return nil
            }
        }
        return out.isEmpty ? nil : out
    }

    /// What may stand between thousands groups: a comma, a space (nil), no-break spaces, the
    /// Arabic thousands separator.
    static let thousandsSeparators: Set<Unicode.Scalar?> = [nil, ",", "\u{00A0}", "\u{202F}", "\u{066C}"]

    /// Normalized words that multiply the number before them, with the zeros they add.
    static let multipliers: [String: Int] = [
        "thousand": 3, "тыс": 3, "тысяч": 3, "тысячи": 3, "тысяча": 3, "الف": 3, "الاف": 3,
        "million": 6, "млн": 6, "миллион": 6, "миллиона": 6, "миллионов": 6, "مليون": 6, "ملايين": 6,
        "billion": 9, "млрд": 9, "миллиард": 9, "миллиарда": 9, "миллиардов": 9, "مليار": 9,
    ]
}

// MARK: Storage

extension StoryTerms {
    /// Storage form: per term its key (8 bytes, little-endian) and kind (1 byte).
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(keys.count * 9)
        for (key, kind) in zip(keys, kinds) {
            withUnsafeBytes(of: key.littleEndian) { out.append(contentsOf: $0) }
            out.append(kind.rawValue)
        }
        return out
    }

    /// Reads the storage form back. A damaged value (keys out of order) gives no terms, which
    /// matches nothing: the story may then alert again, which is better than hiding one.
    public init(bytes: [UInt8]) {
        self.init(storage: bytes, stride: 9)
    }

    /// Reads the key lists stored before terms had kinds (8 bytes a key, content words of the
    /// whole story), as lead terms.
    public init(legacyFingerprint bytes: [UInt8]) {
        self.init(storage: bytes, stride: 8)
    }

    private init(storage bytes: [UInt8], stride: Int) {
        var keys: [UInt64] = []
        var kinds: [Kind] = []
        keys.reserveCapacity(bytes.count / stride)
        var index = 0
        while index + stride <= bytes.count {
            var key: UInt64 = 0
            for k in 0..<8 { key |= UInt64(bytes[index + k]) << (8 * k) }
            keys.append(key)
            kinds.append(stride > 8 ? Kind(rawValue: bytes[index + 8]) : .lead)
            index += stride
        }
        for i in keys.indices.dropFirst() where keys[i - 1] >= keys[i] {
            self.init(keys: [], kinds: [])
            return
        }
        self.init(keys: keys, kinds: kinds)
    }
}
