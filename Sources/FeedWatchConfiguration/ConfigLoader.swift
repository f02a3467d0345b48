import Foundation
import Yams

/// Reads `feedwatch.yaml`. Walks Yams' node tree rather than decoding into Codable types so every
/// error can name the line and the key, and unknown keys (typos) are reported instead of ignored.
public enum ConfigLoader {
    /// Finds the config: an explicit path, else `/etc/feedwatch/feedwatch.yaml`, else
    /// `./config/feedwatch.yaml` (a checkout).
    public static func locate(explicit: String?, fileManager: FileManager = .default) -> String {
        if let explicit { return explicit }
        let system = "/etc/feedwatch/\(FeedWatch.configFileName)"
        if fileManager.fileExists(atPath: system) { return system }
        return "config/\(FeedWatch.configFileName)"
    }

    /// Loads and validates a config file; throws every problem found.
    public static func load(path: String) throws(ConfigErrors) -> FeedWatchConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigErrors([ConfigError(file: path, line: nil, key: nil,
                message: "cannot read the config file (\(Self.reason(error))); pass --config PATH or create it")])
        }
        return try parse(text, file: path)
    }

    /// Parses config text; `file` names it in errors and anchors relative paths.
    public static func parse(_ text: String, file: String) throws(ConfigErrors) -> FeedWatchConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigErrors([yamlError(error, file: file)])
        } catch {
            throw ConfigErrors([ConfigError(file: file, line: nil, key: nil, message: "not valid YAML: \(error)")])
        }
        var reader = ConfigReader(file: file)
        let config = reader.read(root)
        guard reader.errors.isEmpty, let config else { throw ConfigErrors(reader.errors) }
        return config
    }

    private static func yamlError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigError(file: file, line: mark.line, key: nil, message: "not valid YAML: \(problem)")
        default:
            return ConfigError(file: file, line: nil, key: nil, message: "not valid YAML: \(error)")
        }
    }

    /// The system's words for why a file could not be read or written (`strerror`), for messages;
    /// the state store and the seed corpus word their file errors with it too.
    package static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let message = strerror(Int32(underlying.code)) {
            return String(cString: message)
        }
        return ns.localizedDescription
    }
}
