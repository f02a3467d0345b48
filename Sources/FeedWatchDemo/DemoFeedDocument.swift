import Foundation

/// A sample feed as the bytes its outlet would serve at one poll: RSS 2.0 or Atom 1.0, newest
/// item first, dates counted back from the start of the demo so the stories are hours old
/// whenever it runs (and no `max_age` in a config makes them too old).
struct DemoFeedDocument {
    let feed: DemoFeed
    let poll: Int
    let start: Date

    var bytes: [UInt8] { Array(xml.utf8) }

    var xml: String {
        let items = feed.items(upTo: poll).sorted { $0.hoursAgo < $1.hoursAgo }
        switch feed.format {
        case .rss: return rss(items)
        case .atom: return atom(items)
        }
    }

    private func rss(_ items: [DemoItem]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0">
            <channel>
              <title>\(escape(feed.name))</title>
              <link>\(feed.site)/</link>
              <description>\(escape(feed.name)): a sample feed of feedwatch demo</description>
              <language>\(feed.language)</language>

            """
        for item in items {
            let link = feed.site + "/" + item.slug
            xml += """
                  <item>
                    <title>\(escape(item.title))</title>
                    <link>\(link)</link>
                    <guid isPermaLink="true">\(link)</guid>
                    <pubDate>\(Self.rfc822(published(item)))</pubDate>
                    <description>\(escape(item.lead))</description>
                  </item>

                """
        }
        return xml + "</channel>\n</rss>\n"
    }

    private func atom(_ items: [DemoItem]) -> String {
        let updated = items.map(published).max() ?? start
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(feed.language)">
              <title>\(escape(feed.name))</title>
              <id>\(feed.site)/</id>
              <link rel="alternate" type="text/html" href="\(feed.site)/"/>
              <updated>\(Self.iso8601(updated))</updated>

            """
        for item in items {
            let link = feed.site + "/" + item.slug
            let language = item.language.map { " xml:lang=\"\($0)\"" } ?? ""
            xml += """
                  <entry\(language)>
                    <title>\(escape(item.title))</title>
                    <id>\(link)</id>
                    <link rel="alternate" type="text/html" href="\(link)"/>
                    <published>\(Self.iso8601(published(item)))</published>
                    <updated>\(Self.iso8601(published(item)))</updated>
                    <summary>\(escape(item.lead))</summary>
                  </entry>

                """
        }
        return xml + "</feed>\n"
    }

    private func published(_ item: DemoItem) -> Date { start.addingTimeInterval(-Double(item.hoursAgo) * 3600) }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func iso8601(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
