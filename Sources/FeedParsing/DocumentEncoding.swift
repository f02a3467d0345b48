import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A document made ready for libxml2: UTF-8 (or left to libxml2 when a byte-order mark says what
/// it is), with anything repaired on the way reported as a warning.
struct PreparedDocument {
    var bytes: [UInt8]
    /// The bytes were converted to UTF-8 here: libxml2 must ignore the encoding the prolog declares.
    var convertedToUTF8: Bool
    var warnings: [String]
}

/// Decides how a feed's bytes are to be read, the way real feeds need it: the XML declaration's
/// encoding (or the HTTP charset when the document declares none), UTF-16 recognised without a
/// byte-order mark, bytes invalid for their encoding replaced rather than losing the feed, a
/// Latin-1 label on UTF-8 bytes corrected, unknown encoding names guessed, junk before the
/// prolog dropped. Every non-UTF-8 document is converted here (lossily, with glibc's iconv), so a
/// single bad byte can never stop libxml2 half way.
enum DocumentEncoding {
    static func prepare(_ input: [UInt8], httpCharset: String?) -> PreparedDocument {
        var bytes = input
        var warnings: [String] = []

        // Byte-order marks are unambiguous. Convert here too (not in libxml2, whose converter
        // stops the whole parse at the first bad byte): libxml2 only ever sees UTF-8.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(Array(bytes.dropFirst(3)), warnings: [], label: "UTF-8 (byte-order mark)", converted: true)
        }
        for (mark, encoding) in [([UInt8]([0xFF, 0xFE, 0, 0]), "UTF-32LE"), ([0, 0, 0xFE, 0xFF], "UTF-32BE"),
                                 ([0xFF, 0xFE], "UTF-16LE"), ([0xFE, 0xFF], "UTF-16BE")] where bytes.starts(with: mark) {
            let converted = transcode(Array(bytes.dropFirst(mark.count)), from: encoding) ?? ([], 0)
            if converted.replaced > 0 { warnings.append("\(converted.replaced) byte sequence(s) invalid in \(encoding) were replaced") }
            return PreparedDocument(bytes: converted.bytes, convertedToUTF8: true, warnings: warnings)
        }
        if let ebcdic = EBCDICDocument.prepare(bytes) { return ebcdic }
        // UTF-16 without a byte-order mark: "<" next to a zero byte.
        if bytes.count >= 4 {
            let utf16: String? = bytes[0] == 0x3C && bytes[1] == 0 ? "UTF-16LE" : bytes[0] == 0 && bytes[1] == 0x3C ? "UTF-16BE" : nil
            if let utf16, let converted = transcode(bytes, from: utf16) {
                if converted.replaced > 0 { warnings.append("\(converted.replaced) byte sequence(s) invalid in \(utf16) were replaced") }
                return PreparedDocument(bytes: converted.bytes, convertedToUTF8: true, warnings: warnings)
            }
        }
        // Junk before the prolog (a stray byte, a PHP notice) would stop the parse.
        if let start = bytes.firstIndex(of: UInt8(ascii: "<")), start > 0 {
            let junk = bytes[..<start]
            if !junk.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                warnings.append("\(start) byte(s) of junk before the XML were skipped")
            }
            bytes.removeFirst(start)
        }

        let declared = declaredEncoding(bytes)
        let name = (declared ?? httpCharset)?.lowercased().trimmingCharacters(in: .whitespaces)
        switch name {
        case nil, "utf-8", "utf8":
            return utf8(bytes, warnings: warnings, label: name ?? "UTF-8 (no encoding declared)")
        case "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252", "cp1252":
            // A classic mislabel: UTF-8 bytes declared as Latin-1. Valid multi-byte UTF-8 is
            // vanishingly unlikely in real Latin-1 text.
            if containsMultibyteUTF8(bytes), isValidUTF8(bytes) {
                warnings.append("the document declares \(declared ?? name ?? "") but its bytes are UTF-8; read as UTF-8")
                return PreparedDocument(bytes: bytes, convertedToUTF8: true, warnings: warnings)
            }
        default:
            break
        }
        guard let name else { return utf8(bytes, warnings: warnings, label: "UTF-8") }
        let source = declared == nil ? "HTTP charset \(name)" : "declared encoding \(name)"
        if let converted = transcode(bytes, from: name) {
            if converted.replaced > 0 {
                warnings.append("\(converted.replaced) byte(s) invalid in the \(source) were replaced")
            }
            return PreparedDocument(bytes: converted.bytes, convertedToUTF8: true, warnings: warnings)
        }
        // An encoding nobody knows: read UTF-8 if the bytes are, else Windows-1252.
        if isValidUTF8(bytes) {
            warnings.append("unknown \(source); read as UTF-8")
            return PreparedDocument(bytes: bytes, convertedToUTF8: true, warnings: warnings)
        }
        warnings.append("unknown \(source); read as Windows-1252")
        let converted = transcode(bytes, from: "WINDOWS-1252") ?? (bytes, 0)
        return PreparedDocument(bytes: converted.bytes, convertedToUTF8: true, warnings: warnings)
    }

    private static func utf8(_ bytes: [UInt8], warnings: [String], label: String, converted: Bool = false) -> PreparedDocument {
        guard !isValidUTF8(bytes) else { return PreparedDocument(bytes: bytes, convertedToUTF8: converted, warnings: warnings) }
        var warnings = warnings
        // Not a single well-formed multi-byte sequence: this is a single-byte encoding, not
        // damaged UTF-8.
        if !hasMultibyteUTF8Sequence(bytes) {
            let guess = guessSingleByteEncoding(bytes)
            if let converted = transcode(bytes, from: guess) {
                warnings.append("the bytes are not \(label); read as \(guess)")
                return PreparedDocument(bytes: converted.bytes, convertedToUTF8: true, warnings: warnings)
            }
        }
        let repaired = Array(String(decoding: bytes, as: UTF8.self).utf8)
        warnings.append("bytes invalid in \(label) were replaced with U+FFFD")
        return PreparedDocument(bytes: repaired, convertedToUTF8: true, warnings: warnings)
    }

    /// The `encoding` of an XML declaration at the start of an ASCII-compatible document.
    /// A byte scan of the declaration only: this runs once per document fetched.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: "<?xml".utf8) else { return nil }
        let head = bytes.prefix(300)
        let end = head.firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
        let declaration = head[..<end]
        let keyword = "encoding".utf8
        var index = declaration.startIndex
        while index + keyword.count <= declaration.endIndex {
            guard declaration[index..<(index + keyword.count)].elementsEqual(keyword) else {
                index += 1
                continue
            }
            var cursor = index + keyword.count
            while cursor < declaration.endIndex, isASCIISpace(declaration[cursor]) || declaration[cursor] == UInt8(ascii: "=") { cursor += 1 }
            guard cursor < declaration.endIndex, declaration[cursor] == UInt8(ascii: "\"") || declaration[cursor] == UInt8(ascii: "'") else { return nil }
            let quote = declaration[cursor]
            let valueStart = cursor + 1
            let valueEnd = declaration[valueStart...].firstIndex(of: quote) ?? declaration.endIndex
            return valueEnd > valueStart ? String(decoding: declaration[valueStart..<valueEnd], as: UTF8.self) : nil
        }
        return nil
    }

    /// Whether the bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            var i = 0
            let n = buffer.count
            while i < n {
                // ASCII 32 and then 8 bytes at a time: markup is mostly ASCII.
                while i + 32 <= n {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                    guard word & 0x8080_8080_8080_8080 == 0 else { break }
                    i += 32
                }
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                guard i < n else { break }
                let lead = buffer[i]
                if lead < 0x80 { i += 1; continue }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return false
                }
                guard i + length <= n, buffer[i + 1] >= low, buffer[i + 1] <= high else { return false }
                for k in 2..<length where buffer[i + k] & 0xC0 != 0x80 { return false }
                i += length
            }
            return true
        }
    }

    static func containsMultibyteUTF8(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 >= 0xC2 } }

    /// The likeliest single-byte encoding of an undeclared document. The feed's own language
    /// (`<language>` or `xml:lang`) picks the script; within a script, or with no language at
    /// all, the letter frequencies of the decoded text decide (`SingleByteGuess`).
    static func guessSingleByteEncoding(_ bytes: [UInt8]) -> String {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self).lowercased()
        var language = ""
        for marker in ["<language>", "<dc:language>", "xml:lang=\"", "xml:lang='"] {
            if let range = head.range(of: marker) {
                language = String(head[range.upperBound...].prefix(2))
                break
            }
        }
        var highLetters = 0, asciiLetters = 0
        for byte in bytes {
            switch byte {
            case 0xC0...0xFF: highLetters += 1
            case 0x41...0x5A, 0x61...0x7A: asciiLetters += 1
            default: break
            }
        }
        switch language {
        case "ar", "fa", "ur": return "WINDOWS-1256"
        case "he", "iw", "yi": return "WINDOWS-1255"
        case "ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg":
            return SingleByteGuess.best(for: bytes, among: ["WINDOWS-1251", "KOI8-R"])
        case "el": return "WINDOWS-1253"
        case "tr": return "WINDOWS-1254"
        default:
            // Text made mostly of high bytes is not a Western language with a few accents.
            return highLetters > asciiLetters / 2 ? SingleByteGuess.best(for: bytes) : "WINDOWS-1252"
        }
    }

    /// Whether some well-formed two- to four-byte UTF-8 sequence occurs.
    static func hasMultibyteUTF8Sequence(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 1
            if length > 1, index + length <= bytes.count,
               bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Converts to UTF-8, replacing invalid input with U+FFFD; nil when the encoding is unknown.
    /// `label` is read as feeds write it (`EncodingLabel`).
    static func transcode(_ bytes: [UInt8], from label: String) -> (bytes: [UInt8], replaced: Int)? {
        switch EncodingLabel.decoder(for: label) {
        case let .table(page):
            return (page.decode(bytes), 0)
        case let .iconv(name):
            if let converted = iconvTranscode(bytes, from: name) { return converted }
            return EncodingLabel.iconvFallback(name).flatMap { iconvTranscode(bytes, from: $0) }
        }
    }

    /// Converts to UTF-8 with glibc's iconv, replacing invalid input with U+FFFD; nil when iconv
    /// does not know the encoding.
    private static func iconvTranscode(_ bytes: [UInt8], from encoding: String) -> (bytes: [UInt8], replaced: Int)? {
        let descriptor = iconv_open("UTF-8", encoding)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        // An invalid sequence is skipped one code unit at a time, so UTF-16/32 stay aligned.
        let upper = encoding.uppercased()
        let unit = upper.hasPrefix("UTF-32") || upper.hasPrefix("UCS-4") ? 4 : upper.hasPrefix("UTF-16") || upper.hasPrefix("UCS-2") ? 2 : 1
        var output = [UInt8](repeating: 0, count: max(64, bytes.count * 2 + 16))
        var produced = 0
        var replaced = 0
        var input = bytes
        var consumed = 0
        while consumed < input.count {
            let (ok, used, written) = input.withUnsafeMutableBufferPointer { inBuffer -> (Bool, Int, Int) in
                output.withUnsafeMutableBufferPointer { outBuffer -> (Bool, Int, Int) in
                    guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return (true, 0, 0) }
                    // iconv's prototype takes char** for its input, though it never writes there.
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase + consumed).assumingMemoryBound(to: CChar.self)
                    var inLeft = inBuffer.count - consumed
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase + produced).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count - produced
                    let startIn = inLeft, startOut = outLeft
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result != -1, startIn - inLeft, startOut - outLeft)
                }
            }
            consumed += used
            produced += written
            if ok { break }
            switch errno {
            case E2BIG:
                output += [UInt8](repeating: 0, count: output.count)
            case EILSEQ, EINVAL:
                // An invalid (or truncated) sequence: replace one code unit and go on.
                if output.count - produced < 3 { output += [UInt8](repeating: 0, count: 64) }
                output[produced] = 0xEF; output[produced + 1] = 0xBF; output[produced + 2] = 0xBD
                produced += 3
                consumed = min(input.count, consumed + unit)
                replaced += 1
            default:
                return nil
            }
        }
        return (Array(output[..<produced]), replaced)
    }
}
