import Foundation
import StoryMatching

/// `feedwatch match`: one plain-text story judged the way the pipeline judges a feed item.
public struct StoryCheck: Sendable {
    public var title: String
    public var lead: String
    public var body: String
    public var classification: Classification
    /// The nearest seed article or stored story at or above the duplicate threshold.
    public var duplicate: DuplicateMatch?
    /// The nearest one whatever its similarity.
    public var nearest: DuplicateMatch?
    public let threshold: Double

    /// `text` is a story as plain text: first line the title, then the body; the first paragraph
    /// of the body is the lead. It is compared with the seeds and the stories `duplicates` remembers.
    public init(text: String, classifier: StoryClassifier, duplicates: DuplicateDetector) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        title = lines.first ?? ""
        let rest = lines.dropFirst().joined(separator: "\n")
        var paragraphs = rest.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        paragraphs.removeAll { $0.isEmpty }
        lead = paragraphs.first ?? ""
        body = paragraphs.dropFirst().joined(separator: "\n\n")
        classification = classifier.classify(title: title, lead: lead, body: body)
        let fingerprint = classifier.fingerprint(of: Boilerplate.strip(text))
        nearest = try? duplicates.nearest(to: fingerprint)
        threshold = duplicates.threshold
        duplicate = nearest.flatMap { $0.similarity >= duplicates.threshold ? $0 : nil }
    }

    public var json: JSONValue {
        .object([
            ("on_topic", .bool(classification.onTopic)),
            ("score", .double(classification.score)),
            ("tags", .array(classification.tags.map(JSONValue.string))),
            ("tag_terms", .object(classification.tags.map { ($0, .array((classification.tagTerms[$0] ?? []).map(JSONValue.string))) })),
            ("matched", .array(classification.matched.map(JSONValue.string))),
            ("duplicate_of", .optional(duplicate?.original)),
            ("similarity", duplicate.map { .double($0.similarity) } ?? .null),
        ])
    }

    /// The tuning view: normalized tokens by sentence, every hit with its position and whether it
    /// counted, the rule's and each tag's score, and the nearest known story.
    public func explanation(rules: StoryRules) -> String {
        let classifier = StoryClassifier(rules: rules)
        let (tokens, bodyStart) = classifier.tokens(title: title, lead: lead, body: body)
        var out = "TOKENS (sentence 0 is the title; the lead follows"
        out += bodyStart < tokens.count ? "; body from token \(bodyStart))\n" : ")\n"
        var unit = -1
        for (index, token) in tokens.enumerated() {
            if token.unit != unit {
                unit = token.unit
                out += "\n  [\(unit)] "
            }
            out += "\(index):\(token.text) "
        }
        out += "\n\nHITS\n"
        let hits = classification.yemenHits.map { ("yemen", $0) } + classification.russiaHits.map { ("russia", $0) }
        if hits.isEmpty { out += "  (no Yemen or Russia term)\n" }
        for (side, hit) in hits.sorted(by: { $0.1.range.lowerBound < $1.1.range.lowerBound }) {
            out += "  \(side.padding(toLength: 7, withPad: " ", startingAt: 0)) \(hit.term)  tokens \(hit.range.lowerBound)..<\(hit.range.upperBound), sentence \(hit.unit)"
            if let ignored = hit.ignored { out += "  (ignored: \(ignored))" }
            out += "\n"
        }
        let verdict = classification.onTopic ? "ON TOPIC" : "off topic"
        out += "\nRULE\n  best Yemen–Russia pair scores \(classification.score) (threshold \(rules.threshold); weights title \(rules.weights.title), lead \(rules.weights.lead), adjacent \(rules.weights.adjacent), title+lead \(rules.weights.titleLead), body \(rules.weights.body)) -> \(verdict)\n"
        if let reason = classification.reason { out += "  \(reason)\n" }
        out += "\nTAGS (title hit 2, lead hit 1)\n"
        for rule in rules.tags {
            let score = classification.tagScores[rule.name] ?? 0
            let given = classification.tags.contains(rule.name)
            out += "  \(rule.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(score) / \(rule.threshold)\(given ? "  TAGGED " + (classification.tagTerms[rule.name] ?? []).joined(separator: ", ") : "")\n"
        }
        out += "\nNEAREST KNOWN STORY\n"
        if let nearest {
            out += "  \(nearest.original)  similarity \((nearest.similarity * 1000).rounded() / 1000) (duplicate at \(threshold))\(duplicate != nil ? "  -> DUPLICATE" : "")\n"
        } else {
            out += "  (no seed or stored story shares anything)\n"
        }
        return out
    }
}
