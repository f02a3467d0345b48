/// HTML's named character references (`&eacute;`, `&hellip;`, `&alpha;`, `&NotEqualTilde;`…), for
/// feeds written as HTML that use them without declaring them, in XML text and inside escaped HTML.
///
/// All 2,125 names of the WHATWG list are here (HTMLEntityTable.swift, generated): libxml2 2.9's
/// own `htmlEntityLookup` knows only HTML 4's 253, and a hand-picked subset missed names real
/// feeds use.
enum HTMLEntities {
    struct Entry {
        /// The text the reference stands for (one or two Unicode scalars).
        var text: String
        /// HTML also recognises the name without its `;` (`&copy 2025`): one of the 106 legacy names.
        var legacy: Bool
    }

    /// Read from `table` on first use (a static `let` initialises once, thread-safely).
    static let entries: [String: Entry] = {
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(2200)
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let name = fields.first else { continue }
            var text = String.UnicodeScalarView()
            var legacy = false
            for field in fields.dropFirst() {
                if field == "*" {
                    legacy = true
                } else if let value = UInt32(field, radix: 16), let scalar = Unicode.Scalar(value) {
                    text.append(scalar)
                }
            }
            entries[String(name)] = Entry(text: String(text), legacy: legacy)
        }
        return entries
    }()

    /// The text of `&name;`, or nil when HTML has no such name.
    static func text(named name: String) -> String? {
        entries[name]?.text
    }

    /// Whether `name` may stand without its `;` (only the legacy names may, as in HTML).
    static func isLegacy(_ name: String) -> Bool {
        entries[name]?.legacy ?? false
    }
}
