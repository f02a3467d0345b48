/// The 64-bit keys terms are known by. FNV-1a over UTF-8 bytes, then a final mix (FNV's low bits
/// are weak for short keys), so a key stored today compares with one made by a later run: Swift's
/// `Hasher` is seeded per process and could not be stored.
enum TermKey {
    @inline(__always)
    static func mix(_ fnv: UInt64) -> UInt64 {
        var hash = fnv
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
