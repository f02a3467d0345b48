/// A list of word endings, looked up by the word's last letter: finding the first ending of the
/// list that a word ends with compares the word with the endings that end in its last letter
/// only, not with the whole list (this runs for every Russian word of every story).
///
/// Endings are grouped by their last two bytes, in list order within a group; a word can only
/// end with an ending whose last two bytes are its own, so the first match in its group is the
/// first match in the list. Cyrillic а-я (two bytes each) have a group each; any other last two
/// bytes share one group.
struct EndingTable: Sendable {
    /// Every ending's bytes, one after another, in group order.
    private let bytes: [UInt8]
    /// Per ending, in group order: where its bytes start in `bytes` and how many there are.
    private let endings: [(start: Int, count: Int)]
    /// Group g is `endings[groups[g]..<groups[g + 1]]`.
    private let groups: [Int]
    /// Endings shorter than two bytes: they fit no group, and are checked by a plain scan.
    private let hasShortEndings: Bool
    private let list: [[UInt8]]

    private static let groupCount = 33

    init(_ list: [[UInt8]]) {
        self.list = list
        hasShortEndings = list.contains { $0.count < 2 }
        var byGroup = [[[UInt8]]](repeating: [], count: Self.groupCount)
        for ending in list where ending.count >= 2 {
            byGroup[Self.group(ending[ending.count - 2], ending[ending.count - 1])].append(ending)
        }
        var bytes: [UInt8] = []
        var endings: [(start: Int, count: Int)] = []
        var groups: [Int] = []
        for group in byGroup {
            groups.append(endings.count)
            for ending in group {
                endings.append((bytes.count, ending.count))
                bytes += ending
            }
        }
        groups.append(endings.count)
        self.bytes = bytes
        self.endings = endings
        self.groups = groups
    }

    /// The group of a last letter: а-п (D0 B0-BF), р-я (D1 80-8F), or the group of the rest.
    @inline(__always)
    private static func group(_ first: UInt8, _ second: UInt8) -> Int {
        if first == 0xD0, second >= 0xB0, second <= 0xBF { return Int(second - 0xB0) }
        if first == 0xD1, second >= 0x80, second <= 0x8F { return 16 + Int(second - 0x80) }
        return 32
    }

    /// The length of the first ending in the list that the bytes of `word` before `end` end
    /// with while keeping at least `minimumStem` bytes before it, or nil.
    func firstEnding(of word: UnsafeBufferPointer<UInt8>, before end: Int, keeping minimumStem: Int) -> Int? {
        if hasShortEndings {
            return list.first { end - $0.count >= minimumStem && word.hasSuffix($0, before: end) }?.count
        }
        guard end >= 2 else { return nil }
        let group = Self.group(word[end - 2], word[end - 1])
        return bytes.withUnsafeBufferPointer { all in
            for index in groups[group]..<groups[group + 1] {
                let ending = endings[index]
                guard end - ending.count >= minimumStem, end >= ending.count else { continue }
                if word[(end - ending.count)..<end].elementsEqual(all[ending.start..<(ending.start + ending.count)]) { return ending.count }
            }
            return nil
        }
    }
}
