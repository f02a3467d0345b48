import StoryMatching

/// `feedwatch match`: one plain-text story judged the way the pipeline judges a feed item.
public struct StoryCheck: Sendable {
    public var classification: Classification
    /// The nearest seed article at or above the duplicate threshold.
    public var duplicate: DuplicateMatch?

    /// `text` is a story as plain text: first line the title, then the body; the first paragraph
    /// of the body is the lead.
    public init(text: String, classifier: StoryClassifier, seeds: SeedCorpus, dedup: DedupSettings) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        let title = lines.first ?? ""
        let body = lines.dropFirst().joined(separator: "\n")
        let paragraphs = body.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let lead = paragraphs.first { !$0.isEmpty } ?? ""
        classification = classifier.classify(title: title, lead: lead)
        let index = DuplicateIndex(seeds: seeds.stories, history: [], threshold: dedup.similarity)
        duplicate = index.original(of: Fingerprint(text: Boilerplate.strip(text)))
    }

    public var json: JSONValue {
        .object([
            ("on_topic", .bool(classification.onTopic)),
            ("tags", .array(classification.tags.map(JSONValue.string))),
            ("matched", .array(classification.matched.map(JSONValue.string))),
            ("yemen_terms", .array(classification.yemenHits.map { .string($0.term) })),
            ("russia_terms", .array(classification.russiaHits.map { .string($0.term) })),
            ("duplicate_of", .optional(duplicate?.original)),
            ("similarity", duplicate.map { .double($0.similarity) } ?? .null),
        ])
    }
}
