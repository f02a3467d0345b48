import Foundation

/// Tells the single-byte encodings of undeclared non-Latin text apart by what the bytes would
/// read as. Windows-1251, KOI8-R, Windows-1256 and Windows-1255 all put their letters in the
/// same 0xC0-0xFF range, so byte ranges alone mistake Arabic or Hebrew for Russian; decoded under
/// the right table, though, the text has its language's letter frequencies, and under a wrong
/// one it reads as rare letters, capitals, or unassigned bytes.
enum SingleByteGuess {
    /// A candidate: an encoding, what its bytes 0x80-0xFF mean (nil: unassigned), and the letter
    /// frequencies (per cent) of the language it carries.
    struct Candidate {
        var encoding: String
        var table: [Unicode.Scalar?]
        var letters: [Unicode.Scalar: Double]

        init?(encoding: String, letters: [Unicode.Scalar: Double]) {
            guard let table = SingleByteGuess.decodingTable(encoding) else { return nil }
            self.encoding = encoding
            self.table = table
            self.letters = letters
        }
    }

    /// Russian, in both of its common encodings (most frequent letters of running text).
    private static let russian: [Unicode.Scalar: Double] = [
        "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
        "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
        "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
        "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
    ]
    private static let arabic: [Unicode.Scalar: Double] = [
        "ا": 12.5, "ل": 11.0, "ي": 6.5, "م": 6.0, "و": 5.7, "ن": 5.5, "ه": 3.5, "ر": 4.2, "ب": 3.8,
        "ت": 3.8, "ع": 3.0, "ة": 2.9, "ف": 2.6, "د": 2.5, "س": 2.3, "ك": 2.1, "ق": 2.0, "ح": 1.9,
        "أ": 2.5, "ى": 1.0, "ج": 1.2, "إ": 0.8, "ش": 1.0, "ص": 0.9, "ط": 0.8, "خ": 0.6, "ز": 0.5,
        "ث": 0.5, "ض": 0.5, "ذ": 0.5, "غ": 0.4, "ظ": 0.2, "ء": 0.3, "ئ": 0.3, "ؤ": 0.1, "آ": 0.1,
        "،": 0.8, "ـ": 0.1,
    ]
    private static let hebrew: [Unicode.Scalar: Double] = [
        "י": 11.1, "ו": 10.4, "ה": 8.7, "ל": 7.4, "א": 6.3, "ר": 5.6, "ת": 5.3, "ב": 4.7, "מ": 4.5,
        "ש": 4.3, "ם": 3.4, "נ": 2.9, "ע": 2.7, "ד": 2.6, "ק": 2.0, "כ": 2.0, "ח": 2.0, "פ": 1.3,
        "ן": 1.1, "ס": 1.0, "ג": 1.0, "צ": 0.9, "ז": 0.8, "ט": 0.8, "ך": 0.6, "ף": 0.3, "ץ": 0.2,
    ]

    /// Built once (a static `let` is initialised thread-safely), then only read.
    static let candidates: [Candidate] = [
        Candidate(encoding: "WINDOWS-1251", letters: russian),
        Candidate(encoding: "KOI8-R", letters: russian),
        Candidate(encoding: "WINDOWS-1256", letters: arabic),
        Candidate(encoding: "WINDOWS-1255", letters: hebrew),
    ].compactMap { $0 }

    /// The candidate under which the document's high bytes read most like its language, by
    /// log-likelihood of the decoded letters. Capitals count as their lower-case letter, at a
    /// twentieth of its weight (running text is mostly lower case); punctuation and symbols as
    /// rare; unassigned bytes as very rare.
    static func best(for bytes: [UInt8], among encodings: Set<String>? = nil) -> String {
        var histogram = [Int](repeating: 0, count: 128)
        for byte in bytes where byte >= 0x80 { histogram[Int(byte) - 0x80] += 1 }
        var bestEncoding = "WINDOWS-1251"
        var bestScore = -Double.infinity
        for candidate in candidates where encodings?.contains(candidate.encoding) ?? true {
            var score = 0.0
            for (offset, count) in histogram.enumerated() where count > 0 {
                score += Double(count) * log(weight(of: candidate.table[offset], in: candidate.letters))
            }
            if score > bestScore {
                bestScore = score
                bestEncoding = candidate.encoding
            }
        }
        return bestEncoding
    }

    private static func weight(of scalar: Unicode.Scalar?, in letters: [Unicode.Scalar: Double]) -> Double {
        guard let scalar, scalar != "\u{FFFD}" else { return 0.0001 }
        if let frequency = letters[scalar] { return frequency }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let first = lower.first, first != scalar, let frequency = letters[first] {
            return frequency / 20
        }
        // Typographic quotes, dashes, the no-break space: plausible in any language, but rare.
        return scalar.properties.isAlphabetic ? 0.001 : 0.05
    }

    /// What each byte 0x80-0xFF means in `encoding` (nil for a byte it leaves unassigned).
    fileprivate static func decodingTable(_ encoding: String) -> [Unicode.Scalar?]? {
        // Each byte on its own: an unassigned one comes back as U+FFFD and cannot shift the rest.
        var table: [Unicode.Scalar?] = []
        let bytes = (UInt8(0x80)...UInt8(0xFF)).flatMap { [$0, UInt8(ascii: " ")] }
        guard let decoded = DocumentEncoding.transcode(bytes, from: encoding) else {
            return nil
        }
        for piece in String(decoding: decoded.bytes, as: UTF8.self).unicodeScalars.split(separator: " ", omittingEmptySubsequences: false).prefix(128) {
            table.append(piece.count == 1 ? piece.first : nil)
        }
        guard table.count == 128 else { return nil }
        return table
    }
}
