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

    public var classification: Classification { analysis.classification }

    /// `text`: the title on the first line, then the lead as the first paragraph, then the body.
    /// `published`: the story's date (the window of event identity is counted from it).
    public init(text: String, published: Date, classifier: StoryClassifier, judge: StoryJudge) {
        story = StoryText(plainText: text)
        analysis = classifier.analyze(story)
        identity = StoryIdentity(analysis: classifier.analyze(story, wholeText: true), rules: judge.settings.identity,
                                 date: published, language: story.language)
        identityRules = judge.settings.identity
        neighbours = judge.neighbours(of: identity)
        guard analysis.classification.onTopic else {
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
        ])
    }
}
