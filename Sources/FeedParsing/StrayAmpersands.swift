/// Repairs the commonest damage in hand-made feeds: an `&` that begins no reference ("AT&T",
/// "Q & A", "&foo;"). libxml2's recovery keeps the item but drops the `&` (and an unknown
/// reference with it), so a headline would read "ATT". Written as `&amp;`, they come out as the
/// publisher meant them.
enum StrayAmpersands {
    /// The document with each such `&` written as `&amp;`, and how many there were; nil when
    /// there are none. CDATA sections, comments and processing instructions are left as they are
    /// (an `&` means itself there), and references libxml2 resolves (XML's five, character
    /// references, and the HTML entities the parser answers for) are kept.
    static func escaped(_ bytes: [UInt8]) -> (bytes: [UInt8], count: Int)? {
        var output: [UInt8] = []
        var count = 0
        var copiedUpTo = 0
        var index = 0
        let n = bytes.count
        func matches(_ text: StaticString, at position: Int) -> Bool {
            text.withUTF8Buffer { pattern in
                position + pattern.count <= n && pattern.indices.allSatisfy { bytes[position + $0] == pattern[$0] }
            }
        }
        func skip(past terminator: StaticString, from position: Int) -> Int {
            var cursor = position
            while cursor < n, !matches(terminator, at: cursor) { cursor += 1 }
            return min(n, cursor + terminator.utf8CodeUnitCount)
        }
        while index < n {
            switch bytes[index] {
            case UInt8(ascii: "<"):
                if matches("<![CDATA[", at: index) {
                    index = skip(past: "]]>", from: index + 9)
                } else if matches("<!--", at: index) {
                    index = skip(past: "-->", from: index + 4)
                } else if matches("<?", at: index) {
                    index = skip(past: "?>", from: index + 2)
                } else {
                    index += 1
                }
            case UInt8(ascii: "&"):
                switch reference(bytes, at: index) {
                case .resolved:
                    index += 1
                case let .missingSemicolon(nameEnd):
                    // `&copy 2025`, `&nbsp` in HTML-minded feeds: the name is known, add the `;`.
                    if output.isEmpty { output.reserveCapacity(n + 64) }
                    output.append(contentsOf: bytes[copiedUpTo..<nameEnd])
                    output.append(UInt8(ascii: ";"))
                    copiedUpTo = nameEnd
                    count += 1
                    index = nameEnd
                case let .upperCaseHex(xIndex):
                    // `&#X41;`: HTML reads it, XML knows only `&#x41;`.
                    if output.isEmpty { output.reserveCapacity(n + 64) }
                    output.append(contentsOf: bytes[copiedUpTo..<xIndex])
                    output.append(UInt8(ascii: "x"))
                    copiedUpTo = xIndex + 1
                    count += 1
                    index = xIndex + 1
                case .stray:
                    if output.isEmpty { output.reserveCapacity(n + 64) }
                    output.append(contentsOf: bytes[copiedUpTo...index])
                    output.append(contentsOf: "amp;".utf8)
                    copiedUpTo = index + 1
                    count += 1
                    index += 1
                }
            default:
                index += 1
            }
        }
        guard count > 0 else { return nil }
        output.append(contentsOf: bytes[copiedUpTo...])
        return (output, count)
    }

    private enum Reference {
        /// `&#N;`, `&#xH;`, or `&name;` with a name the parser resolves.
        case resolved
        /// A name the parser resolves, not followed by `;` (which would go at `nameEnd`).
        case missingSemicolon(nameEnd: Int)
        /// `&#XH;`, which only HTML reads: the `X` (at `xIndex`) must be lower case for XML.
        case upperCaseHex(xIndex: Int)
        /// Anything else: the `&` is text.
        case stray
    }

    private static func reference(_ bytes: [UInt8], at index: Int) -> Reference {
        var cursor = index + 1
        let limit = min(bytes.count, index + 34)
        if cursor < limit, bytes[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hex = cursor < limit && (bytes[cursor] == UInt8(ascii: "x") || bytes[cursor] == UInt8(ascii: "X"))
            if hex { cursor += 1 }
            let digitsStart = cursor
            while cursor < limit, isDigit(bytes[cursor], hex: hex) { cursor += 1 }
            guard cursor > digitsStart, cursor < limit, bytes[cursor] == UInt8(ascii: ";") else { return .stray }
            return hex && bytes[digitsStart - 1] == UInt8(ascii: "X") ? .upperCaseHex(xIndex: digitsStart - 1) : .resolved
        }
        let nameStart = cursor
        while cursor < limit, isNameByte(bytes[cursor]) { cursor += 1 }
        guard cursor > nameStart else { return .stray }
        let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self)
        // The table holds XML's five as well as every HTML name the parser answers for.
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") {
            return HTMLEntities.text(named: name) != nil ? .resolved : .stray
        }
        // Without its `;`, only a legacy name is a reference, and not before `=` (as in HTML, so
        // `?a=1&lang=en` in a link keeps its `&lang`).
        let beforeEquals = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "=")
        return HTMLEntities.isLegacy(name) && !beforeEquals ? .missingSemicolon(nameEnd: cursor) : .stray
    }

    private static func isDigit(_ byte: UInt8, hex: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): return hex
        default: return false
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }
}
