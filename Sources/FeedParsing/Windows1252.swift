/// The characters Windows-1252 puts where Latin-1 has its C1 controls (0x80-0x9F). Text that holds
/// a C1 control almost always meant these: a Windows-1252 document labelled Latin-1 or UTF-8, or a
/// reference like `&#146;` (HTML itself reads 128-159 this way).
enum Windows1252 {
    /// The Windows-1252 character for a C1 value, or nil when `value` is not 0x80-0x9F or is one of
    /// the five bytes Windows-1252 leaves unassigned (those stay what they are).
    static func c1(_ value: UInt32) -> Unicode.Scalar? {
        guard value >= 0x80, value < 0xA0 else { return nil }
        let mapped = table[Int(value - 0x80)]
        return mapped == 0 ? nil : Unicode.Scalar(UInt32(mapped))
    }

    private static let table: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
