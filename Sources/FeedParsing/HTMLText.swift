/// Turns the HTML that feeds carry in titles, summaries and bodies into plain text: tags removed
/// (with a space where a block ended, so words don't run together), `script`/`style` contents
/// dropped, character references and HTML named entities decoded, whitespace folded.
public enum HTMLText {
    /// Plain text of an HTML fragment. Text without markup passes through with entities decoded
    /// and whitespace folded.
    public static func plainText(_ html: String) -> String {
        // Most titles are already plain: no markup, no entity, single spaces.
        var copy = html
        if copy.withUTF8(isAlreadyPlain) { return html }
        // UTF-8 bytes out: appending to a String scalar by scalar dominated the cost.
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        let scalars = Array(html.unicodeScalars)
        var i = 0
        var pendingSpace = false
        var skipUntilClose: String?

        func emit(_ s: Unicode.Scalar) {
            // ASCII first: a Unicode property lookup for every character dominated the cost.
            let space = s.value < 0x80 ? (s == " " || s == "\n" || s == "\t" || s == "\r" || s.value == 0x0B || s.value == 0x0C)
                : (s == "\u{00A0}" || s.properties.isWhitespace)
            if space {
                pendingSpace = !out.isEmpty
                return
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            if s.value < 0x80 { out.append(UInt8(s.value)) } else { UTF8.encode(s) { out.append($0) } }
        }

        while i < scalars.count {
            let c = scalars[i]
            if c == "<", i + 1 < scalars.count, isTagStart(scalars[i + 1]),
               let j = scalars[(i + 1)...].firstIndex(of: ">") {
                let tag = tagName(scalars, from: i + 1, to: j)
                // Only real markup is removed: "a <treat>" in a headline is text.
                guard isMarkup(tag, scalars[i + 1]) else {
                    emit(c)
                    i += 1
                    continue
                }
                if let closing = skipUntilClose {
                    if tag == "/" + closing { skipUntilClose = nil }
                } else if tag == "script" || tag == "style" {
                    skipUntilClose = tag
                }
                // Any tag separates words at block boundaries; inline tags usually sit between
                // words already, so a space is the safe choice for matching.
                if !isInline(tag) { pendingSpace = !out.isEmpty }
                i = j + 1
                continue
            }
            if skipUntilClose != nil { i += 1; continue }
            if c == "&", let (decoded, next) = decodeEntity(scalars, at: i) {
                for s in decoded.unicodeScalars { emit(s) }
                i = next
                continue
            }
            emit(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether plain-text conversion would leave the text as it is: no markup or entity, no
    /// whitespace but single spaces, none at the ends. Over the contiguous bytes, because walking
    /// a String's UTF-8 view index by index cost more than the rest of a title's parse.
    static func isAlreadyPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: "&"), 0x09...0x0D:
                return false
            case 0xC2:
                // U+0085 and the no-break space U+00A0 fold; «», © and the rest stay fast.
                guard index + 1 < bytes.count else { return false }
                if bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0 { return false }
            case 0xE1, 0xE2, 0xE3:
                // The other Unicode spaces (U+1680, U+2000-U+200A, U+2028/9, U+202F, U+205F,
                // U+3000); curly quotes and dashes, also under 0xE2, stay on the fast path.
                guard index + 2 < bytes.count else { return false }
                let scalar = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                if scalar == 0x1680 || (0x2000...0x200A).contains(scalar) || scalar == 0x2028 || scalar == 0x2029
                    || scalar == 0x202F || scalar == 0x205F || scalar == 0x3000 {
                    return false
                }
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

    private static func isTagStart(_ s: Unicode.Scalar) -> Bool {
        s == "/" || s == "!" || s == "?" || (s.isASCII && s.properties.isAlphabetic)
    }

    private static func tagName(_ s: [Unicode.Scalar], from: Int, to: Int) -> String {
        var name = String.UnicodeScalarView()
        var k = from
        if k < to, s[k] == "/" { name.append("/"); k += 1 }
        while k < to, s[k].isASCII, s[k].properties.isAlphabetic || ("0"..."9").contains(s[k]) {
            name.append(Unicode.Scalar(UInt8(ascii: "a") + (UInt8(s[k].value) | 0x20) - UInt8(ascii: "a")))
            k += 1
        }
        return String(name)
    }

    private static func isMarkup(_ tag: String, _ first: Unicode.Scalar) -> Bool {
        if first == "!" || first == "?" { return true }
        return htmlTags.contains(tag.hasPrefix("/") ? String(tag.dropFirst()) : tag)
    }

    static let htmlTags: Set<String> = [
        "a", "abbr", "address", "article", "aside", "audio", "b", "blockquote", "body", "br", "caption",
        "center", "cite", "code", "col", "dd", "del", "details", "div", "dl", "dt", "em", "embed",
        "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
        "hr", "html", "i", "iframe", "img", "ins", "kbd", "li", "link", "main", "mark", "meta", "nav",
        "noscript", "object", "ol", "p", "picture", "pre", "q", "s", "script", "section", "small",
        "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "time", "title", "tr", "tt", "u", "ul", "video", "wbr",
    ]

    private static let inlineTags: Set<String> = [
        "a", "b", "i", "em", "strong", "span", "u", "s", "small", "sub", "sup", "abbr", "cite",
        "code", "font", "mark", "q", "time",
    ]

    private static func isInline(_ tag: String) -> Bool {
        inlineTags.contains(tag.hasPrefix("/") ? String(tag.dropFirst()) : tag)
    }

    /// Decodes `&name;`, `&#NNN;` or `&#xHH;` at `i`; returns the text and the index after it.
    static func decodeEntity(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var j = i + 1
        var name = String.UnicodeScalarView()
        while j < s.count, j - i <= 32, s[j] != ";" {
            guard s[j].isASCII, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || s[j] == "#" else { return nil }
            name.append(s[j])
            j += 1
        }
        guard j < s.count, s[j] == ";", !name.isEmpty else { return nil }
        let text = String(name)
        if text.hasPrefix("#") {
            let body = text.dropFirst()
            let value: UInt32?
            if body.first == "x" || body.first == "X" {
                value = UInt32(body.dropFirst(), radix: 16)
            } else {
                value = UInt32(body, radix: 10)
            }
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return (String(Character(scalar)), j + 1)
        }
        guard let decoded = namedEntities[text] else { return nil }
        return (decoded, j + 1)
    }

    /// HTML named entities that appear in news feeds (the XML five plus the common HTML ones).
    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "hellip": "\u{2026}", "mdash": "\u{2014}", "ndash": "\u{2013}", "lsquo": "\u{2018}",
        "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
        "bdquo": "\u{201E}", "laquo": "\u{00AB}", "raquo": "\u{00BB}", "lsaquo": "\u{2039}",
        "rsaquo": "\u{203A}", "bull": "\u{2022}", "middot": "\u{00B7}", "copy": "\u{00A9}",
        "reg": "\u{00AE}", "trade": "\u{2122}", "deg": "\u{00B0}", "euro": "\u{20AC}",
        "pound": "\u{00A3}", "yen": "\u{00A5}", "cent": "\u{00A2}", "sect": "\u{00A7}",
        "para": "\u{00B6}", "times": "\u{00D7}", "divide": "\u{00F7}", "plusmn": "\u{00B1}",
        "frac12": "\u{00BD}", "frac14": "\u{00BC}", "frac34": "\u{00BE}", "shy": "\u{00AD}",
        "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "zwnj": "\u{200C}",
        "zwj": "\u{200D}", "lrm": "\u{200E}", "rlm": "\u{200F}", "iexcl": "\u{00A1}",
        "iquest": "\u{00BF}", "agrave": "\u{00E0}", "aacute": "\u{00E1}", "acirc": "\u{00E2}",
        "atilde": "\u{00E3}", "auml": "\u{00E4}", "aring": "\u{00E5}", "aelig": "\u{00E6}",
        "ccedil": "\u{00E7}", "egrave": "\u{00E8}", "eacute": "\u{00E9}", "ecirc": "\u{00EA}",
        "euml": "\u{00EB}", "igrave": "\u{00EC}", "iacute": "\u{00ED}", "icirc": "\u{00EE}",
        "iuml": "\u{00EF}", "ntilde": "\u{00F1}", "ograve": "\u{00F2}", "oacute": "\u{00F3}",
        "ocirc": "\u{00F4}", "otilde": "\u{00F5}", "ouml": "\u{00F6}", "oslash": "\u{00F8}",
        "ugrave": "\u{00F9}", "uacute": "\u{00FA}", "ucirc": "\u{00FB}", "uuml": "\u{00FC}",
        "yacute": "\u{00FD}", "yuml": "\u{00FF}", "szlig": "\u{00DF}", "Agrave": "\u{00C0}",
        "Aacute": "\u{00C1}", "Acirc": "\u{00C2}", "Auml": "\u{00C4}", "Ccedil": "\u{00C7}",
        "Egrave": "\u{00C8}", "Eacute": "\u{00C9}", "Ecirc": "\u{00CA}", "Iacute": "\u{00CD}",
        "Ntilde": "\u{00D1}", "Oacute": "\u{00D3}", "Ouml": "\u{00D6}", "Uacute": "\u{00DA}",
        "Uuml": "\u{00DC}", "prime": "\u{2032}", "Prime": "\u{2033}", "larr": "\u{2190}",
        "rarr": "\u{2192}", "uarr": "\u{2191}", "darr": "\u{2193}", "minus": "\u{2212}",
    ]
}
