/// The text of one story, read the same way by every stage that judges it: the poll pipeline, the
/// seed corpus and `feedwatch match`. One place decides what the lead is, so a story gets the same
/// verdict whichever way it arrives.
///
/// - The **title** is the headline.
/// - The **lead** is what a feed's summary says, without syndication boilerplate ("Read more",
///   "[…]", "The post … appeared first on …"); a feed without a summary lends the start of its body.
/// - The **body** is the rest, when there is any.
///
/// Topic and tags are decided on title and lead; event identity compares title and lead between
/// stream stories, and a story's title and lead with a seed's whole text.
public struct StoryText: Sendable, Equatable {
    public var title: String
    public var lead: String
    public var body: String

    /// How much of a body stands in for a missing summary: about a lead paragraph.
    public static let borrowedLeadLength = 600

    public init(title: String, lead: String, body: String = "") {
        self.title = title
        self.lead = lead
        self.body = body
    }

    /// A feed item's plain-text fields. `content` is read only when needed (the summary is empty,
    /// or `readsBody` asks for the body), so a caller may pass a closure that renders HTML lazily.
    public init(title: String, summary: String, content: () -> String, readsBody: Bool = false) {
        self.title = title
        let stripped = Boilerplate.strip(summary)
        if stripped.utf8.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }) {
            lead = stripped
            body = readsBody ? content() : ""
        } else {
            let text = content()
            lead = String(text.prefix(Self.borrowedLeadLength))
            body = text
        }
    }

    /// The same story with its body: `content` when no body was kept (a feed item read with
    /// only its summary), for event identity, which compares a report's text with a seed's.
    public func withBody(_ content: () -> String) -> StoryText {
        guard body.isEmpty else { return self }
        return StoryText(title: title, lead: lead, body: content())
    }

    /// A story as plain text (`feedwatch match`, seed files): the first non-empty line is the
    /// title, the first paragraph after it the lead, and the remaining paragraphs the body. Lines
    /// of a paragraph are joined with a space: a text wrapped at 72 columns reads as one sentence
    /// run, as the same paragraph in a feed would.
    public init(plainText: String) {
        var lines = plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        title = lines.first.map { $0.trimmed } ?? ""
        var paragraphs: [String] = []
        var current: [String] = []
        for line in lines.dropFirst() {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(line.trimmed)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        lead = Boilerplate.strip(paragraphs.first ?? "")
        body = paragraphs.dropFirst().joined(separator: "\n\n")
    }

    /// The script the title and lead are written in (see `StoryLanguage`).
    public var language: StoryLanguage { StoryLanguage.detect(title + " " + lead) }
}

extension String {
    var trimmed: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
