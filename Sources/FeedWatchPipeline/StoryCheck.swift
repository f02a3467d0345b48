import Foundation
import StoryMatching

/// `feedwatch match`: one plain-text story judged exactly as the poll pipeline judges a feed item
/// (the same `StoryText`, classifier and `StoryJudge`), so tuning with it predicts the daemon.
public struct StoryCheck: Sendable {
    /// What the pipeline would log for the story.
    public enum Verdict: String, Sendable {
        /// A new event: an alert.
        case alert
        /// A report of an event the user has: a seed's, or one reported before.
        case duplicate
        /// Not a Yemen–Russia story: nothing is logged.
        case none
    }

    public let story: StoryText
    public let analysis: StoryAnalysis
    public let identity: StoryIdentity
    public let verdict: Verdict
    /// The event it belongs to, when a duplicate.
    public let duplicate: EventMatch?
    /// The new event's id, when an alert.
    public let event: String?
    /// The nearest seeds and stored reports, whatever their similarity.
    public let neighbours: [StoryJudge.Neighbour]
    public let identityRules: IdentityRules
    /// Set when the story is older than `max_age`: a poll records such an item as seen and judges nothing.
    public let tooOld: Bool

    public var classification: Classification { analysis.classification }

    /// Why the verdict is `none`, when it is.
    public var reason: String? {
        guard verdict == .none else { return nil }
        return tooOld ? "older than max_age: a poll records it as seen without judging it" : classification.reason ?? "not a Yemen–Russia story"
    }

    /// `text`: the title on the first line, then the lead as the first paragraph, then the body.
    /// `published`: the story's date (the window of event identity is counted from it).
    /// `maxAge`: the config's `max_age`, applied at `now` as a poll applies it.
    public init(text: String, published: Date, classifier: StoryClassifier, judge: StoryJudge,
                maxAge: Duration? = nil, now: Date = Date()) {
        story = StoryText(plainText: text)
        analysis = classifier.analyze(story)
        identity = classifier.identity(of: story, rules: judge.settings.identity, date: published)
        identityRules = judge.settings.identity
        neighbours = judge.neighbours(of: identity)
        tooOld = maxAge.map { published < now.addingTimeInterval(-Double($0.components.seconds)) } ?? false
        guard analysis.classification.onTopic, !tooOld else {
            (verdict, duplicate, event) = (.none, nil, nil)
            return
        }
        if let match = judge.match(identity) {
            (verdict, duplicate, event) = (.duplicate, match, match.event)
        } else {
            (verdict, duplicate, event) = (.alert, nil, nil)
        }
    }

    public var json: JSONValue {
        .object([
            ("verdict", .string(verdict.rawValue)),
            ("on_topic", .bool(classification.onTopic)),
            ("score", .double(classification.score)),
            ("tags", .array(classification.tags.map(JSONValue.string))),
            ("tag_terms", .object(classification.tags.map { ($0, .array((classification.tagTerms[$0] ?? []).map(JSONValue.string))) })),
            ("matched", .array(classification.matched.map(JSONValue.string))),
            ("language", .string(identity.language.rawValue)),
            ("story", .optional(duplicate?.event)),
            ("duplicate_of", .optional(duplicate?.original)),
            ("similarity", duplicate.map { .double(($0.similarity * 1000).rounded() / 1000) } ?? .null),
            ("measure", .optional(duplicate?.measure.rawValue)),
            ("reason", .optional(reason)),
        ])
    }
}
