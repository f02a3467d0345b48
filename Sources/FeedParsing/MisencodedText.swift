import Foundation

/// Repairs the two encoding mistakes that survive a correct decoding of the document, field by
/// field, as feedparser does:
///
/// - **Double-encoded UTF-8**: UTF-8 text read as Latin-1 and encoded again (`â€¦` for `…`, or
///   `&#226;&#128;&#166;`). When every character of a field is below U+0100 and, taken as bytes,
///   they form valid UTF-8 with at least one multi-byte sequence, the field is read as that UTF-8.
///   Real Latin-1 text practically never does ("café" is not valid UTF-8 as bytes).
/// - **Windows-1252 punctuation as C1 controls** (U+0080-U+009F): a Windows-1252 document
///   labelled Latin-1, or `&#146;`. These become the characters Windows-1252 means (’ “ ” – …).
enum MisencodedText {
    /// The repaired field, trimmed of ASCII whitespace; nil when there is nothing to repair, which
    /// one scan finds (most fields have no byte above 0x7F at all).
    static func repaired(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let first = firstNonASCII(bytes) else { return nil }
        // Both checks stop early in real text: the first accent or non-Latin letter ends the
        // first, and the second is a memchr.
        var text = isDoubleEncoded(bytes[first...]) ? undoubled(bytes) : nil
        if let current = text {
            text = current.withUnsafeBufferPointer(windowsPunctuation) ?? current
        } else if containsC1(bytes, from: first) {
            text = windowsPunctuation(bytes)
        }
        return text.map(trimmed)
    }

    /// The index of the first byte above 0x7F, eight bytes at a time.
    private static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return index }
            index += 1
        }
        return nil
    }

    /// Whether a C1 control (UTF-8 `C2 80`-`C2 9F`) occurs from `start` on.
    private static func containsC1(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = start
        while index < bytes.count, let found = memchr(base + index, 0xC2, bytes.count - index) {
            let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if position + 1 < bytes.count, bytes[position + 1] < 0xA0 { return true }
            index = position + 1
        }
        return false
    }

    /// Whether characters below U+0100 (two-byte UTF-8, from `bytes`' first non-ASCII byte on),
    /// taken as bytes, form valid UTF-8 with a multi-byte sequence. Checked as it goes, without
    /// building the bytes: accented Latin text fails at its first accent.
    private static func isDoubleEncoded(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var index = bytes.startIndex
        var pending = 0
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        var multibyte = false
        while index < bytes.endIndex {
            var value = bytes[index]
            if value >= 0x80 {
                guard value == 0xC2 || value == 0xC3, index + 1 < bytes.endIndex else { return false }
                value = (value & 0x03) << 6 | (bytes[index + 1] & 0x3F)
                index += 2
            } else {
                index += 1
            }
            if pending > 0 {
                guard value >= low, value <= high else { return false }
                pending -= 1
                low = 0x80; high = 0xBF
                continue
            }
            switch value {
            case 0x00..<0x80: continue
            case 0xC2...0xDF: pending = 1
            case 0xE0: pending = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: pending = 2
            case 0xED: pending = 2; high = 0x9F
            case 0xF0: pending = 3; low = 0x90
            case 0xF1...0xF3: pending = 3
            case 0xF4: pending = 3; high = 0x8F
            default: return false
            }
            multibyte = true
        }
        return multibyte && pending == 0
    }

    /// The field's characters (all below U+0100) taken as bytes.
    private static func undoubled(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var latin1: [UInt8] = []
        latin1.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 || index + 1 >= bytes.count {
                latin1.append(byte)
                index += 1
            } else {
                latin1.append((byte & 0x03) << 6 | (bytes[index + 1] & 0x3F))
                index += 2
            }
        }
        return latin1
    }

    /// The bytes with each C1 control that Windows-1252 assigns replaced by its character.
    private static func windowsPunctuation(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 8)
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == 0xC2, index + 1 < bytes.count, let scalar = Windows1252.c1(UInt32(bytes[index + 1])) {
                UTF8.encode(scalar) { output.append($0) }
                index += 2
                changed = true
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return changed ? output : nil
    }

    private static func trimmed(_ bytes: [UInt8]) -> String {
        var start = 0, end = bytes.count
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
