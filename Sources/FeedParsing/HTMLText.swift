/// Turns the HTML that feeds carry in titles, summaries and bodies into plain text: tags removed
/// (with a space where a block ended, so words don't run together), comments and `script`/`style`
/// contents dropped, character references and HTML named entities decoded, ASCII whitespace and
/// line breaks folded.
///
/// Typographic spaces (the no-break space, thin and em spaces) are characters the publisher chose,
/// and stay as they are: `&#160;` in a title is U+00A0, not a plain space.
public enum HTMLText {
    /// Plain text of an HTML fragment. Text without markup passes through with entities decoded
    /// and whitespace folded.
    public static func plainText(_ html: String) -> String {
        // Most titles are already plain: no markup, no entity, single spaces.
        var copy = html
        if copy.withUTF8(isAlreadyPlain) { return html }
        let scalars = Array(html.unicodeScalars)
        var writer = PlainTextWriter(capacity: html.utf8.count)
        var i = 0
        var skipUntilClose: String?
        // Once the end of some markup was looked for to the end of the text and not found, all
        // that follows is text: looking again from each later `<` would take quadratic time.
        var markupUntil = scalars.count
        while i < scalars.count {
            let c = scalars[i]
            if c == "<", i + 1 < markupUntil {
                switch HTMLMarkup.skipNonElement(scalars, at: i) {
                case let .some(end?):
                    // Comments, doctypes, processing instructions: nothing, not even a space.
                    i = end
                    continue
                case .some(nil):
                    markupUntil = i
                case nil:
                    break
                }
                let tag = HTMLMarkup.isTagStart(scalars[i + 1]) ? HTMLMarkup.tagName(scalars, from: i + 1) : ""
                // Only real markup is removed: "a <treat>" in a headline is text.
                if HTMLMarkup.isElement(tag), i < markupUntil {
                    if let end = HTMLMarkup.tagEnd(scalars, from: i + 1) {
                        if let closing = skipUntilClose {
                            if tag == "/" + closing { skipUntilClose = nil }
                        } else if HTMLMarkup.dropsContent(tag) {
                            skipUntilClose = tag
                        }
                        // Block boundaries separate words; inline tags usually sit between words
                        // already, so a space is the safe choice for matching.
                        if !HTMLMarkup.isInline(tag) { writer.separate() }
                        i = end + 1
                        continue
                    }
                    markupUntil = i
                }
            }
            if skipUntilClose != nil { i += 1; continue }
            if c == "&", let (decoded, next) = decodeEntity(scalars, at: i) {
                for s in decoded.unicodeScalars { writer.emit(s) }
                i = next
                continue
            }
            writer.emit(c)
            i += 1
        }
        return writer.text
    }

    /// Whether plain-text conversion would leave the text as it is: no markup or entity, no
    /// whitespace but single spaces, none at the ends. Over the contiguous bytes, because walking
    /// a String's UTF-8 view index by index cost more than the rest of a title's parse.
    static func isAlreadyPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // A typographic space at either end is trimmed.
        if let first = bytes.first, first >= 0x80, startsWithUnicodeSpace(bytes) { return false }
        if let last = bytes.last, last >= 0x80, endsWithUnicodeSpace(bytes) { return false }
        var previousSpace = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: "&"), 0x09...0x0D:
                return false
            case 0xC2:
                // U+0085 (next line) folds; «», ©, the no-break space and the rest stay fast.
                guard index + 1 < bytes.count else { return false }
                if bytes[index + 1] == 0x85 { return false }
            case 0xE2:
                // The line and paragraph separators U+2028/9 fold; curly quotes and dashes don't.
                guard index + 2 < bytes.count else { return false }
                if bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return false }
            default:
                break
            }
            let space = byte == 0x20
            if space && previousSpace { return false }
            previousSpace = space
            index += 1
        }
        return !previousSpace
    }

    private static func startsWithUnicodeSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        guard case let .scalarValue(scalar) = decoder.decode(&iterator) else { return false }
        return scalar.properties.isWhitespace
    }

    private static func endsWithUnicodeSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = bytes.count - 1
        while start > 0, bytes.count - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return startsWithUnicodeSpace(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// Decodes `&name;`, `&#NNN;` or `&#xHH;` at `i` as HTML does; returns the text and the index
    /// after it. A legacy name (`&copy`) may lack its `;` unless a letter, digit or `=` follows.
    static func decodeEntity(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var j = i + 1
        var name = String.UnicodeScalarView()
        while j < s.count, j - i <= 40, s[j].isASCII, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || (s[j] == "#" && j == i + 1) {
            name.append(s[j])
            j += 1
        }
        guard !name.isEmpty else { return nil }
        let text = String(name)
        let terminated = j < s.count && s[j] == ";"
        if text.hasPrefix("#") {
            guard terminated, let scalar = CharacterReference.scalar(text.dropFirst()) else { return nil }
            return (String(Character(scalar)), j + 1)
        }
        if terminated, let decoded = HTMLEntities.text(named: text) { return (decoded, j + 1) }
        if !terminated, HTMLEntities.isLegacy(text), j >= s.count || s[j] != "=", let decoded = HTMLEntities.text(named: text) {
            return (decoded, j)
        }
        return nil
    }
}

/// Plain-text output as UTF-8 bytes (appending to a String scalar by scalar dominated the cost).
/// A run of whitespace is held until a character follows it, so none is left at either end:
/// within the run, ASCII whitespace and line breaks fold to one space, and typographic spaces
/// (no-break, thin, em…) are kept as written.
private struct PlainTextWriter {
    private var out: [UInt8] = []
    /// The whitespace run since the last character, as it will be written.
    private var pending: [UInt8] = []
    private var pendingEndsInSpace = false

    init(capacity: Int) { out.reserveCapacity(capacity) }

    var text: String { String(decoding: out, as: UTF8.self) }

    /// A word boundary (a block ended): a space, unless nothing was written yet.
    mutating func separate() { foldedSpace() }

    mutating func emit(_ s: Unicode.Scalar) {
        // ASCII first: a Unicode property lookup for every character dominated the cost.
        if s.value < 0x80 {
            if s == " " || s == "\n" || s == "\t" || s == "\r" || s.value == 0x0B || s.value == 0x0C {
                foldedSpace()
                return
            }
        } else if s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029 {
            foldedSpace()
            return
        } else if s.properties.isWhitespace {
            if !out.isEmpty { UTF8.encode(s) { pending.append($0) } }
            pendingEndsInSpace = false
            return
        }
        if !pending.isEmpty {
            out.append(contentsOf: pending)
            pending.removeAll(keepingCapacity: true)
        }
        pendingEndsInSpace = false
        if s.value < 0x80 { out.append(UInt8(s.value)) } else { UTF8.encode(s) { out.append($0) } }
    }

    private mutating func foldedSpace() {
        guard !out.isEmpty, !pendingEndsInSpace else { return }
        pending.append(0x20)
        pendingEndsInSpace = true
    }
}

/// Numeric character references as HTML reads them.
enum CharacterReference {
    /// The scalar of `NNN` or `xHH` (the part after `&#`): as in HTML, 128-159 are the
    /// Windows-1252 characters feeds mean by them (`&#146;` is ’), and 0, surrogates and values past
    /// U+10FFFF are U+FFFD. Nil when the digits are not a number.
    static func scalar(_ body: Substring) -> Unicode.Scalar? {
        let value: UInt32?
        if body.first == "x" || body.first == "X" {
            value = body.count <= 9 ? UInt32(body.dropFirst(), radix: 16) : 0x110000
        } else {
            value = body.count <= 10 ? UInt32(body, radix: 10) : 0x110000
        }
        guard let value else { return nil }
        if let windows = Windows1252.c1(value) { return windows }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }
}
