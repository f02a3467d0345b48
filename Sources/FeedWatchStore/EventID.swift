/// The stable ids events carry in the log (`story`), so a reader can group reports by event.
///
/// A stream event's id is derived from its first report (the feed and the item's identity), so
/// the same event gets the same id again after a crash repeats a poll's alerts.
public enum EventID {
    /// The event a new report starts: 12 hex digits.
    public static func new(feedURL: String, itemKey: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (feedURL + "\n" + itemKey).utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        let hex = String(hash >> 16, radix: 16)
        return String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }

    /// A seed article's event: `seed:` and the file name without `.txt`.
    public static func seed(_ fileName: String) -> String {
        "seed:" + (fileName.hasSuffix(".txt") ? String(fileName.dropLast(4)) : fileName)
    }

    /// Whether an event is a seed article's.
    public static func isSeed(_ event: String) -> Bool { event.hasPrefix("seed:") }

    /// A story alerted before events existed.
    public static func legacy(_ id: Int64) -> String { "legacy-\(id)" }
}
