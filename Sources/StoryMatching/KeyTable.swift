/// A read-only hash table keyed by word keys (`WordForm.key`), for the lookups every word of
/// every story makes (term index, stopwords, written numbers).
///
/// Word keys are FNV-1a hashes already: a slot is taken from the key's high bits after one
/// multiplication, without the standard library's seeded `Hasher`, which cost more than the
/// rest of such a lookup. Built once from a dictionary (linear probing, at most half full), never
/// changed after.
struct KeyTable<Value: Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Value?]
    private let shift: UInt64
    let count: Int

    init(_ dictionary: [UInt64: Value]) {
        var bits: UInt64 = 3
        while (1 << bits) < dictionary.count * 2 { bits += 1 }
        let size = 1 << Int(bits)
        var keys = [UInt64](repeating: 0, count: size)
        var values = [Value?](repeating: nil, count: size)
        shift = 64 - bits
        for (key, value) in dictionary {
            var slot = Self.slot(of: key, shift: shift)
            while values[slot] != nil { slot = (slot + 1) & (size - 1) }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
        count = dictionary.count
    }

    @inline(__always)
    private static func slot(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        var slot = Self.slot(of: key, shift: shift)
        let mask = keys.count - 1
        while let value = values[slot] {
            if keys[slot] == key { return value }
            slot = (slot + 1) & mask
        }
        return nil
    }

    var isEmpty: Bool { count == 0 }
}

extension KeyTable where Value == Bool {
    /// A set of keys.
    init(_ keys: some Sequence<UInt64>) {
        self.init(Dictionary(keys.map { ($0, true) }, uniquingKeysWith: { first, _ in first }))
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { self[key] != nil }
}
