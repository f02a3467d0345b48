/// A JSON value with ordered object keys, so output follows the documented field order and
/// absent values can be written as an explicit `null` (as the `parse` and event contracts require).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// `.string(s)` or `.null` for nil.
    public static func optional(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// Compact single-line JSON. Every control character is escaped, so a value can never break
    /// the one-object-per-line contract of the event log.
    public func serialized() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    /// Indented JSON for people (`feedwatch parse`).
    public func pretty() -> String {
        var out = ""
        writePretty(into: &out, indent: 0)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d): out += d.isFinite ? formatDouble(d) : "null"
        case let .string(s): Self.writeString(s, into: &out)
        case let .array(values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(into: &out)
            }
            out += "]"
        case let .object(fields):
            out += "{"
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    private func writePretty(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case let .array(values) where !values.isEmpty:
            out += "[\n"
            for (index, value) in values.enumerated() {
                out += pad
                value.writePretty(into: &out, indent: indent + 1)
                out += index < values.count - 1 ? ",\n" : "\n"
            }
            out += closePad + "]"
        case let .object(fields) where !fields.isEmpty:
            out += "{\n"
            for (index, (key, value)) in fields.enumerated() {
                out += pad
                Self.writeString(key, into: &out)
                out += ": "
                value.writePretty(into: &out, indent: indent + 1)
                out += index < fields.count - 1 ? ",\n" : "\n"
            }
            out += closePad + "}"
        default:
            write(into: &out)
        }
    }

    private func formatDouble(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String((d * 1000).rounded() / 1000)
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
