import Foundation

/// Removes the syndication boilerplate outlets wrap around a republished story ("Read more",
/// "Continue reading", "The post ... appeared first on ...", a trailing "[…]"), which would
/// otherwise make a copy look less like its original.
public enum Boilerplate {
    static let phrases = ["read more", "continue reading", "read the full story", "read full article",
                          "[…]", "[...]"]

    public static func strip(_ text: String) -> String {
        var result = text
        // "The post <title> appeared first on <site>." (WordPress feeds)
        if let start = result.range(of: "the post ", options: [.caseInsensitive, .backwards]),
           let end = result.range(of: "appeared first on", options: [.caseInsensitive], range: start.upperBound..<result.endIndex),
           result.distance(from: start.lowerBound, to: end.upperBound) < 400 {
            result = String(result[..<start.lowerBound])
        }
        for phrase in phrases {
            while let range = result.range(of: phrase, options: [.caseInsensitive]) {
                result.replaceSubrange(range, with: " ")
            }
        }
        return result
    }
}
