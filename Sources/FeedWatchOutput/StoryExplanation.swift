import FeedWatchPipeline
import Foundation
import StoryMatching

/// `feedwatch match --explain`: everything that decided a story's verdict, for tuning: the
/// normalized tokens by sentence, every topic hit and whether it counted, the rule's and each
/// tag's score, and the nearest known stories with the terms that made them alike.
extension StoryCheck {
    public func explanation(rules: StoryRules) -> String {
        tokensSection() + hitsSection() + ruleSection(rules) + tagsSection(rules) + identitySection() + verdictSection()
    }

    private func tokensSection() -> String {
        let tokens = analysis.tokens
        var out = "TOKENS (sentence 0 is the title; the lead follows"
        out += analysis.bodyStart < tokens.count ? "; body from token \(analysis.bodyStart))\n" : ")\n"
        var unit = -1
        for (index, token) in tokens.enumerated() {
            if token.unit != unit {
                unit = token.unit
                out += "\n  [\(unit)] "
            }
            out += "\(index):\(token.text) "
        }
        return out + "\n"
    }

    private func hitsSection() -> String {
        var out = "\nHITS\n"
        let hits = classification.yemenHits.map { ("yemen", $0) } + classification.russiaHits.map { ("russia", $0) }
        if hits.isEmpty { out += "  (no Yemen or Russia term)\n" }
        for (side, hit) in hits.sorted(by: { $0.1.range.lowerBound < $1.1.range.lowerBound }) {
            out += "  \(side.padding(toLength: 7, withPad: " ", startingAt: 0)) \(hit.term)"
            if let group = hit.group { out += " (@\(group))" }
            out += "  tokens \(hit.range.lowerBound)..<\(hit.range.upperBound), sentence \(hit.unit)"
            if let ignored = hit.ignored { out += "  (ignored: \(ignored))" }
            out += "\n"
        }
        return out
    }

    private func ruleSection(_ rules: StoryRules) -> String {
        let w = rules.weights
        var out = "\nRULE\n  best Yemen–Russia pair scores \(classification.score) (threshold \(rules.threshold); weights title \(w.title), lead \(w.lead), linked \(w.linked), adjacent \(w.adjacent), title+lead \(w.titleLead), body \(w.body)) -> \(classification.onTopic ? "ON TOPIC" : "off topic")\n"
        if let interaction = classification.interaction { out += "  decided by \(interaction)\n" }
        // Each actor once, however many times the story names it.
        var named = Set<String>()
        for hit in classification.yemenHits + classification.russiaHits {
            guard let group = hit.group, named.insert(group).inserted else { continue }
            if let actor = rules.actors[group], !actor.role.isEmpty { out += "  @\(group) (\(actor.side.rawValue) side): \(actor.role)\n" }
        }
        if let reason = classification.reason { out += "  \(reason)\n" }
        return out
    }

    private func tagsSection(_ rules: StoryRules) -> String {
        var out = "\nTAGS (title hit 2; a hit in a subject sentence of the lead 1, in any lead sentence for a tag of scope lead; elsewhere 0)\n"
        guard classification.onTopic else { return out + "  (off topic: only a story on topic is tagged)\n" }
        let subject = Interaction.subjectUnits(of: classification.interaction).sorted().map(String.init).joined(separator: ", ")
        out += "  subject sentences: \(subject)"
        if let followUps = classification.interaction?.followUps, !followUps.isEmpty {
            out += " (\(followUps.map(String.init).joined(separator: ", ")) opening with a reference back to the event)"
        }
        out += "\n"
        for rule in rules.tags {
            let score = classification.tagScores[rule.name] ?? 0
            let given = classification.tags.contains(rule.name)
            out += "  \(rule.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(score) / \(rule.threshold)"
            out += given ? "  TAGGED " + (classification.tagTerms[rule.name] ?? []).joined(separator: ", ") + "\n" : "\n"
        }
        return out
    }

    private func identitySection() -> String {
        let rules = identityRules
        let surfaces = analysis.scan.surfaces()
        var out = "\nEVENT IDENTITY\n"
        out += "  language \(identity.language.rawValue), date \(ISO8601DateFormatter().string(from: identity.date)), \(identity.terms.count) title+lead terms (first \(rules.leadSentences) lead sentences)\n"
        out += "  same event: cosine ≥ \(rules.similarity) + \(rules.similarityPerDay) a day apart, within \(Self.days(rules.window)); "
        out += "a seed: containment ≥ \(rules.seedSimilarity), or outside a dated seed's window \(rules.copySimilarity) of the word pairs (a near copy)\n"
        out += "\nNEAREST KNOWN STORIES\n"
        if neighbours.isEmpty { out += "  (no seed or stored report in \(identity.language.rawValue) shares a term)\n" }
        for neighbour in neighbours {
            let score = (neighbour.comparison.score * 1000).rounded() / 1000
            out += "  \(neighbour.isSeed ? "seed" : "story") \(neighbour.event)  \(neighbour.label)\n"
            if let threshold = neighbour.threshold {
                let needed = (threshold * 1000).rounded() / 1000
                out += "    \(neighbour.comparison.measure.rawValue) \(score) (same event at \(needed))\(neighbour.isSame ? "  -> SAME EVENT" : "")"
            } else {
                out += "    \(neighbour.comparison.measure.rawValue) \(score) (beyond the window: a different event)"
            }
            if let apart = neighbour.secondsApart {
                out += ", \(Self.days(abs(apart))) \(apart >= 0 ? "after" : "before") \(neighbour.isSeed ? "it" : "the event's first report")"
            } else {
                out += ", undated seed"
            }
            if neighbour.isSeed, !neighbour.isSame, let threshold = neighbour.threshold, neighbour.comparison.score >= threshold {
                out += "; not a copy: it has figures the seed lacks"
            }
            if neighbour.actorFactor < 1 { out += "; they name different actors of one side (×\(rules.otherActorsFactor))" }
            if neighbour.actorFactor > 1 { out += "; they name the same actors on both sides (÷\(rules.otherActorsFactor))" }
            out += "\n    carried by: "
            out += neighbour.comparison.shared.prefix(10).map { term in
                "\(surfaces[term.key] ?? "#\(String(term.key, radix: 16).prefix(6))") \(Int((term.contribution * 100).rounded()))% (w \((term.weight * 10).rounded() / 10))"
            }.joined(separator: ", ")
            out += neighbour.comparison.shared.isEmpty ? "(nothing shared)\n" : "\n"
        }
        return out
    }

    private func verdictSection() -> String {
        switch verdict {
        case .none: return "\nVERDICT\n  none: \(tooOld ? "older than max_age (a poll records it as seen without judging it)" : "not a Yemen–Russia story")\n"
        case .alert: return "\nVERDICT\n  alert: a new event\n"
        case .duplicate:
            guard let duplicate else { return "" }
            return "\nVERDICT\n  duplicate: story \(duplicate.event), first reported as \(duplicate.original) (\(duplicate.measure.rawValue) \((duplicate.similarity * 1000).rounded() / 1000))\n"
        }
    }

    static func days(_ seconds: TimeInterval) -> String {
        let days = seconds / 86_400
        return days >= 1 ? "\((days * 10).rounded() / 10) d" : "\(Int((seconds / 3600).rounded())) h"
    }
}
