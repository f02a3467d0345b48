/// The bytes of the field being read, in memory of its own with a hard cap.
///
/// libxml2 hands text over in many small pieces (every entity reference is a call of its own), so
/// the per-append cost matters: this is a bounds check and a `memcpy`, where `Array.append` also
/// checked uniqueness and went through generic growth on each call. The cap is enforced here, on
/// every append (text, re-serialised markup, escapes alike), so no path can grow a field past
/// `ParserLimits.maxFieldBytes`.
///
/// Non-copyable: it owns its allocation, freed exactly once in `deinit`.
struct TextBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    /// The most bytes the buffer will hold.
    let limit: Int
    /// Bytes were dropped since the last `removeAll` because the field reached `limit`.
    private(set) var overflowed = false

    init(limit: Int, initialCapacity: Int = 4096) {
        self.limit = max(0, limit)
        capacity = max(16, min(initialCapacity, self.limit))
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    mutating func removeAll() {
        count = 0
        overflowed = false
    }

    /// Appends as much of `bytes` as fits under the limit.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        var length = bytes.count
        if length > limit - count {
            length = limit - count
            overflowed = true
            guard length > 0 else { return }
        }
        reserve(count + length)
        (base + count).update(from: source, count: length)
        count += length
    }

    mutating func append(_ byte: UInt8) {
        guard count < limit else { overflowed = true; return }
        if count == capacity { reserve(count + 1) }
        base[count] = byte
        count += 1
    }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    /// Appends a NUL-terminated string (a libxml2 name).
    mutating func append(cString: UnsafePointer<UInt8>) {
        var pointer = cString
        while pointer.pointee != 0 {
            append(pointer.pointee)
            pointer += 1
        }
    }

    /// Keeps only the bytes in `range` (the content of a wrapper being dropped).
    mutating func keep(_ range: Range<Int>) {
        let range = range.clamped(to: 0..<count)
        // copyMemory is memmove: the regions may overlap.
        if range.lowerBound > 0 { UnsafeMutableRawPointer(base).copyMemory(from: base + range.lowerBound, byteCount: range.count) }
        count = range.count
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes as a string without surrounding ASCII whitespace; invalid UTF-8 (a field cut in
    /// the middle of a character) becomes U+FFFD.
    func trimmedString() -> String {
        var start = 0, end = count
        while start < end, isASCIISpace(base[start]) { start += 1 }
        while end > start, isASCIISpace(base[end - 1]) { end -= 1 }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }

    private mutating func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        newCapacity = min(max(newCapacity, needed), limit)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
