import StoryMatching
import Yams

/// Term lists: words, stems and phrases, by language or not, with `@name` standing for an alias.
extension ConfigReader {
    mutating func terms(_ node: Node, _ key: String) -> TermSet {
        TermSet(termList(node, key, allowAliases: true))
    }

    /// A tag's terms, with a warning for a term whose words another term of the tag already
    /// matches ("نفط" and "النفط", "import" and "imports", "ديون*" and "الديون"): each hit scores,
    /// so one word would count twice toward the tag's threshold.
    mutating func tagTerms(_ node: Node, _ key: String) -> TermSet {
        let list = termList(node, key, allowAliases: true)
        for later in list.indices {
            if let earlier = list[..<later].first(where: { $0.covers(list[later]) || list[later].covers($0) }) {
                notice(node, key, "\"\(list[later].source)\" matches words that \"\(earlier.source)\" also matches, so one word scores twice; keep one")
            }
        }
        return TermSet(list)
    }

    /// A list of terms, or a mapping of such lists by language (`{en: [...], ar: [...], ru: [...]}`);
    /// `@name` stands for the terms of an alias.
    mutating func termList(_ node: Node, _ key: String, allowAliases: Bool) -> [Term] {
        if let byLanguage = node.mapping {
            var all: [Term] = []
            for (language, list) in byLanguage {
                let name = language.string ?? "?"
                all += termList(list, "\(key).\(name)", allowAliases: allowAliases)
            }
            return all
        }
        guard let list = node.sequence else {
            fail(node, key, "must be a list of terms, such as [yemen, \"ansar allah\", росси*], or lists by language")
            return []
        }
        var parsed: [Term] = []
        for (index, item) in list.enumerated() {
            guard let text = item.string, item.scalar != nil else {
                fail(item, "\(key)[\(index)]", "each term is a word, a stem ending in * or a phrase")
                continue
            }
            if text.hasPrefix("@") {
                let name = String(text.dropFirst())
                if !allowAliases {
                    fail(item, "\(key)[\(index)]", "an alias cannot use another alias")
                } else if let terms = aliases[name] {
                    parsed += terms
                } else {
                    fail(item, "\(key)[\(index)]", "no alias named '\(name)' (define it under aliases:)")
                }
                continue
            }
            do {
                let term = try Term(parsing: text)
                if let problem = term.unmatchableReason {
                    notice(item, "\(key)[\(index)]", "term \"\(term.source)\" will never match: \(problem)")
                } else if let problem = term.functionWordReason {
                    notice(item, "\(key)[\(index)]", "term \"\(term.source)\" matches almost anything: \(problem)")
                }
                parsed.append(term)
            } catch {
                fail(item, "\(key)[\(index)]", error.description)
            }
        }
        return parsed
    }
}
