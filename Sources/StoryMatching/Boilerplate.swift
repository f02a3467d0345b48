/// Removes the syndication boilerplate outlets wrap around a republished story ("Read more",
/// "Continue reading", "The post ... appeared first on ...", a trailing "[…]"), which would
/// otherwise make a copy look less like its original. Works on UTF-8 bytes with ASCII case
/// folding: it runs on every item's lead.
public enum Boilerplate {
    static let phrases: [[UInt8]] = ["read more", "continue reading", "read the full story", "read full article", "[…]", "[...]"]
        .map { Array($0.utf8) }
    static let postMarker = Array("the post ".utf8)
    static let appearedMarker = Array("appeared first on".utf8)

    public static func strip(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        // Quick exit: none of the markers' first letters' combinations appear.
        var cut = bytes.count
        // "The post <title> appeared first on <site>." (WordPress feeds)
        if let post = lastRange(of: postMarker, in: lower), let appeared = firstRange(of: appearedMarker, in: lower, from: post.upperBound),
           appeared.upperBound - post.lowerBound < 400 {
            cut = post.lowerBound
        }
        var blank = [Range<Int>]()
        for phrase in phrases {
            var from = 0
            while let range = firstRange(of: phrase, in: lower, from: from), range.upperBound <= cut {
                blank.append(range)
                from = range.upperBound
            }
        }
        if cut == bytes.count && blank.isEmpty { return text }
        bytes.removeSubrange(cut...)
        for range in blank.sorted(by: { $0.lowerBound > $1.lowerBound }) where range.upperBound <= bytes.count {
            bytes.replaceSubrange(range, with: [0x20])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Range<Int>? {
        guard let first = needle.first, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }

    static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i -= 1
        }
        return nil
    }
}
