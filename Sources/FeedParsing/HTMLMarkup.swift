/// What counts as markup when HTML is turned into plain text: element tags by HTML's own element
/// names (so "a <treat>" in a headline stays text), with attribute values read as quoted strings
/// (`alt="cat<br />dog"` is one attribute, not a tag that ends early), and comments, doctypes,
/// CDATA sections and processing instructions, which hold no text at all.
enum HTMLMarkup {
    static func isTagStart(_ s: Unicode.Scalar) -> Bool {
        s == "/" || (s.isASCII && s.properties.isAlphabetic)
    }

    /// For `<!--…-->`, `<!DOCTYPE…>`, `<![CDATA[…]]>` and `<?…>` at `i`: the index after it
    /// (`.some(nil)` when it never ends; an unclosed comment runs to the end, as in HTML), or nil
    /// when there is none at `i`.
    static func skipNonElement(_ s: [Unicode.Scalar], at i: Int) -> Int?? {
        guard i + 1 < s.count else { return nil }
        switch s[i + 1] {
        case "!":
            if matches(s, "<!--", at: i) { return .some(index(after: "-->", in: s, from: i + 4) ?? s.count) }
            if matches(s, "<![CDATA[", at: i) { return .some(index(after: "]]>", in: s, from: i + 9)) }
            guard i + 2 < s.count, s[i + 2].isASCII, s[i + 2].properties.isAlphabetic else { return nil }
            return .some(index(after: ">", in: s, from: i + 2))
        case "?":
            return .some(index(after: ">", in: s, from: i + 2))
        default:
            return nil
        }
    }

    /// The index of the `>` that ends the tag whose name starts at `from`, skipping quoted
    /// attribute values; nil when the tag never ends.
    static func tagEnd(_ s: [Unicode.Scalar], from: Int) -> Int? {
        var k = from
        var afterEquals = false
        while k < s.count {
            let c = s[k]
            if c == ">" { return k }
            if afterEquals, c == "\"" || c == "'" {
                guard let close = s[(k + 1)...].firstIndex(of: c) else { return nil }
                k = close + 1
                afterEquals = false
                continue
            }
            if c == "=" {
                afterEquals = true
            } else if !(c == " " || c == "\t" || c == "\n" || c == "\r") {
                afterEquals = false
            }
            k += 1
        }
        return nil
    }

    /// The lower-cased tag name that starts at `from`, with a leading `/` for an end tag.
    static func tagName(_ s: [Unicode.Scalar], from: Int) -> String {
        var name = String.UnicodeScalarView()
        var k = from
        if k < s.count, s[k] == "/" { name.append("/"); k += 1 }
        while k < s.count, k - from < 16, s[k].isASCII, s[k].properties.isAlphabetic || ("0"..."9").contains(s[k]) {
            name.append(Unicode.Scalar(UInt8(s[k].value) | (s[k].properties.isAlphabetic ? 0x20 : 0)))
            k += 1
        }
        return String(name)
    }

    static func isElement(_ tag: String) -> Bool {
        elements.contains(tag.hasPrefix("/") ? String(tag.dropFirst()) : tag)
    }

    static func isInline(_ tag: String) -> Bool {
        inlineElements.contains(tag.hasPrefix("/") ? String(tag.dropFirst()) : tag)
    }

    /// Elements whose content is code or data, not text.
    static func dropsContent(_ tag: String) -> Bool {
        tag == "script" || tag == "style"
    }

    /// HTML's elements, current and obsolete (`blink`, `applet`, `frame`… still appear in feeds),
    /// and the SVG and MathML roots.
    static let elements: Set<String> = [
        "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b", "base",
        "basefont", "bdi", "bdo", "bgsound", "big", "blink", "blockquote", "body", "br", "button",
        "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "data", "datalist",
        "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset",
        "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4",
        "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "image", "img", "input",
        "ins", "isindex", "kbd", "keygen", "label", "legend", "li", "link", "listing", "main", "map",
        "mark", "marquee", "math", "menu", "menuitem", "meta", "meter", "multicol", "nav", "nextid",
        "nobr", "noembed", "noframes", "noscript", "object", "ol", "optgroup", "option", "output", "p",
        "param", "picture", "plaintext", "pre", "progress", "q", "rb", "rp", "rt", "rtc", "ruby", "s",
        "samp", "script", "search", "section", "select", "slot", "small", "source", "spacer", "span",
        "strike", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template",
        "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var",
        "video", "wbr", "xmp",
    ]

    private static let inlineElements: Set<String> = [
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "blink", "cite", "code", "data", "dfn", "em",
        "font", "i", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
        "sup", "time", "tt", "u", "var",
    ]

    private static func matches(_ s: [Unicode.Scalar], _ text: String, at i: Int) -> Bool {
        var k = i
        for expected in text.unicodeScalars {
            guard k < s.count, s[k] == expected || (expected.properties.isAlphabetic && s[k].properties.lowercaseMapping == expected.properties.lowercaseMapping) else { return false }
            k += 1
        }
        return true
    }

    private static func index(after terminator: String, in s: [Unicode.Scalar], from: Int) -> Int? {
        let pattern = Array(terminator.unicodeScalars)
        var k = from
        while k + pattern.count <= s.count {
            if s[k] == pattern[0], Array(s[k..<(k + pattern.count)]) == pattern { return k + pattern.count }
            k += 1
        }
        return nil
    }
}
