/// The text without leading and trailing whitespace, or nil when nothing is left. Works on the
/// UTF-8 bytes: Foundation's `trimmingCharacters` goes through UTF-16 and dominated parse time.
func nonEmpty(_ s: String) -> String? {
    // Fields arrive trimmed: answer from the end bytes without building a Substring.
    guard let first = s.utf8.first else { return nil }
    if !isASCIISpace(first), let last = s.utf8.last, !isASCIISpace(last) { return s }
    var utf8 = Substring(s).utf8
    while let byte = utf8.first, isASCIISpace(byte) { utf8.removeFirst() }
    while let byte = utf8.last, isASCIISpace(byte) { utf8.removeLast() }
    return utf8.isEmpty ? nil : String(Substring(utf8))
}

@inline(__always)
func isASCIISpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}
