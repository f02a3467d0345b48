/// The language a story is written in, told by its script: Arabic letters mean Arabic, Cyrillic
/// Russian, Latin English. The product reads these three; a story in another Latin-script language
/// is filed under `en`, which only matters for keeping re-reports apart by language.
///
/// Duplicates are looked for within one language: a first report in Arabic or Russian of a story
/// already seen in English is news to a monitor.
public enum StoryLanguage: String, Sendable, CaseIterable, Codable {
    case en, ar, ru

    /// The script with the most letters in `text` (English when there are none).
    public static func detect(_ text: String) -> StoryLanguage {
        var latin = 0, arabic = 0, cyrillic = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: arabic += 1
            case 0x0400...0x04FF: cyrillic += 1
            default: continue
            }
        }
        if arabic > latin && arabic >= cyrillic { return .ar }
        if cyrillic > latin { return .ru }
        return .en
    }
}
