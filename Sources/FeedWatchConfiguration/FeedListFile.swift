import Foundation

/// `--feeds-file`: one feed URL per line; `#` starts a comment; blank lines are ignored.
public enum FeedListFile {
    public static func read(path: String) throws(ConfigErrors) -> [String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigErrors([ConfigError(file: path, line: nil, key: nil, message: "cannot read the feed list (\(ConfigLoader.reason(error)))")])
        }
        var urls: [String] = []
        var errors: [ConfigError] = []
        for (index, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = (raw.firstIndex(of: "#").map { String(raw[..<$0]) } ?? raw).trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            if let problem = FeedURL.problem(line) {
                errors.append(ConfigError(file: path, line: index + 1, key: nil, message: problem))
                continue
            }
            if !urls.contains(line) { urls.append(line) }
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        return urls
    }
}
