import FeedParsing
import Foundation

/// Adds feeds to a config file without disturbing the rest of it (comments included): new entries
/// go right under `feeds:`, the result must load, and otherwise the file is left as it was.
public enum ConfigEditor {
    /// YAML entries for `feeds:`.
    public static func entries(_ feeds: [OPMLFeed]) -> String {
        feeds.map { "  - name: \(quote($0.title))\n    url: \(quote($0.url))\n" }.joined()
    }

    /// Appends the feeds not already configured; returns how many were added.
    public static func append(_ feeds: [OPMLFeed], toConfigAt path: String) throws(ConfigErrors) -> Int {
        let config = try ConfigLoader.load(path: path)
        let known = Set(config.feeds.map(\.url))
        let fresh = feeds.filter { !known.contains($0.url) }
        guard !fresh.isEmpty else { return 0 }
        let original: String
        do {
            original = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigErrors([ConfigError(file: path, line: nil, key: nil, message: "cannot read it (\(ConfigLoader.reason(error)))")])
        }
        var lines = original.components(separatedBy: "\n")
        let block = entries(fresh).split(separator: "\n").map(String.init)
        if let index = lines.firstIndex(where: { $0.hasPrefix("feeds:") }) {
            if lines[index].trimmingCharacters(in: .whitespaces) == "feeds: []" { lines[index] = "feeds:" }
            lines.insert(contentsOf: block, at: index + 1)
        } else {
            lines += ["feeds:"] + block
        }
        let updated = lines.joined(separator: "\n")
        _ = try ConfigLoader.parse(updated, file: path)  // the new file must load before it is written
        do {
            try updated.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ConfigErrors([ConfigError(file: path, line: nil, key: nil, message: "cannot write it (\(ConfigLoader.reason(error)))")])
        }
        return fresh.count
    }

    /// A YAML double-quoted scalar.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
