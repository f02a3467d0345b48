import StoryMatching
import Yams

/// `aliases:`: named term lists used as `@name`, and actors (aliases with a side) whose terms join
/// their side of the topic rule and the tags they name.
extension ConfigReader {
    /// `aliases: {name: [terms]}`: one spelling list (Houthis, Huthi, Ansar Allah, الحوثيين,
    /// хуситы ...) kept in one place and used as `@name` wherever it applies. An alias may be a
    /// mapping with `side: yemen|russia` (an actor: its terms join that side of the topic rule),
    /// `role` (who it is) and `tags` (tags a mention of it is evidence for), next to its lists by
    /// language.
    mutating func readAliases(_ node: Node) {
        guard let mapping = node.mapping else {
            fail(node, "aliases", "must be a mapping from a name to a list of terms")
            return
        }
        for (key, value) in mapping {
            guard let name = key.string, !name.isEmpty, !name.contains(" ") else {
                fail(key, "aliases", "alias names are single words")
                continue
            }
            if aliases[name] != nil { fail(key, "aliases.\(name)", "appears twice; keep one") }
            var lists = value
            if let detail = value.mapping, detail.keys.contains(where: { ["side", "role", "tags"].contains($0.string ?? "") }) {
                lists = readActor(name, detail, node: value)
            }
            aliases[name] = termList(lists, "aliases.\(name)", allowAliases: false).map { term in
                var term = term
                term.group = name
                return term
            }
        }
    }

    /// An alias with a side: records the actor and returns the mapping of its term lists.
    mutating func readActor(_ name: String, _ detail: Node.Mapping, node: Node) -> Node {
        var lists = Node.Mapping([])
        var side: TopicSide?
        var role = ""
        var tags: [String] = []
        for (key, value) in detail {
            switch key.string {
            case "side":
                side = value.string.flatMap(TopicSide.init(rawValue:))
                if side == nil { fail(value, "aliases.\(name).side", "must be yemen or russia") }
            case "role":
                role = value.string ?? ""
            case "tags":
                if let list = value.sequence?.compactMap(\.string), list.count == value.sequence?.count {
                    tags = list
                    actorTagNodes[name] = value
                } else {
                    fail(value, "aliases.\(name).tags", "must be a list of tag names, such as [houthis]")
                }
            default:
                lists[key] = value
            }
        }
        if let side {
            actors[name] = Actor(name: name, side: side, role: role, tags: tags)
        } else if !detail.keys.contains(where: { $0.string == "side" }) {
            fail(node, "aliases.\(name)", "role and tags belong to an actor: add side: yemen or side: russia")
        }
        return .mapping(lists)
    }

    /// The terms of every actor of `side`, for that side of the topic rule.
    func actorTerms(_ side: TopicSide) -> [Term] {
        actors.values.filter { $0.side == side }.sorted { $0.name < $1.name }.flatMap { aliases[$0.name] ?? [] }
    }

    /// Adds each actor's terms to the tags it names (reporting tag names that do not exist).
    mutating func addActorTags(to tags: inout [TagRule]) {
        for actor in actors.values.sorted(by: { $0.name < $1.name }) {
            for tag in actor.tags {
                guard let index = tags.firstIndex(where: { $0.name == tag }) else {
                    fail(actorTagNodes[actor.name], "aliases.\(actor.name).tags", "no tag named '\(tag)' (tags: \(tags.map(\.name).joined(separator: ", ")))")
                    continue
                }
                tags[index].terms = TermSet(tags[index].terms.terms + (aliases[actor.name] ?? []))
            }
        }
    }
}
