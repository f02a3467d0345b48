/// Encoding names as feeds write them, made into a decoder we have.
///
/// glibc's iconv knows most names, but not every spelling feeds use: Python-style labels with `_`
/// (`windows_1251`, `ebcdic_cp_be`), Python's aliases (`cp_is`, `ibm039`), and Apple's code pages
/// under their Mac names (`macroman`, `maccentraleurope`, `maciceland`). Two of those (Mac Greek,
/// Mac Turkish) glibc has no table for at all: we carry them (`MacCodePage`).
enum EncodingLabel {
    enum Decoder: Equatable {
        /// A name `iconv_open` accepts.
        case iconv(String)
        case table(MacCodePage)
    }

    /// How to decode `label`: a known alias, else the label with `_` read as `-` when iconv does not
    /// know it as written (decided by the caller, which tries iconv with `iconvFallback`).
    static func decoder(for label: String) -> Decoder {
        let key = label.lowercased().replacingOccurrences(of: "_", with: "-")
        if let page = MacCodePage(label: key) { return .table(page) }
        if let alias = aliases[key] { return .iconv(alias) }
        return .iconv(label)
    }

    /// The label with `_` read as `-`, for iconv to try when it does not know `label` itself.
    static func iconvFallback(_ label: String) -> String? {
        label.contains("_") ? label.replacingOccurrences(of: "_", with: "-") : nil
    }

    /// Keys are lower case with `-` for `_`.
    private static let aliases: [String: String] = [
        "ibm039": "IBM037", "cp039": "IBM037",
        "cp-is": "CP861", "csibm861": "CP861",
        "macroman": "MACINTOSH", "mac-roman": "MACINTOSH",
        "maccentraleurope": "MAC-CENTRALEUROPE", "maclatin2": "MAC-CENTRALEUROPE", "mac-latin2": "MAC-CENTRALEUROPE",
        "maciceland": "MAC-IS", "mac-iceland": "MAC-IS",
        "maccyrillic": "MAC-CYRILLIC", "macukraine": "MAC-UK", "macukrainian": "MAC-UK",
    ]
}
