import FeedWatchConfiguration
import FeedWatchService
import Foundation
import Logging
import Synchronization
import Testing
import TestSupport

/// The repository root, from this file's location.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return [UInt8](try Data(contentsOf: url))
}

/// Collects log lines in memory.
final class CapturedLines: LogLineWriter {
    private let lines = Mutex<[String]>([])

    func write(line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }

    /// The JSON records with `event == name`.
    func events(_ name: String) -> [[String: Any]] {
        all.compactMap { line in
            guard let data = line.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  object["event"] as? String == name else { return nil }
            return object
        }
    }
}

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "feedwatch-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The runtime of the config at `configPath`, with a temporary state folder, local-network access,
/// and the log in `writer`.
func runtime(config configPath: String, feeds: [FeedSource], state: String, writer: CapturedLines) throws -> FeedWatchRuntime {
    let logger = Logger(label: "test") { _ in
        FeedWatchLogHandler(format: .json, priorityPrefix: false, level: .debug, writer: writer)
    }
    var overrides = RuntimeOverrides(configPath: configPath, stateDirectory: state, allowPrivateNetworks: true)
    overrides.feedURLs = feeds.map(\.url)
    return try FeedWatchRuntime.load(overrides, logger: logger)
}

/// The test config (`TestConfig`: its own terms, tags and seed): for tests of the pipeline, not of
/// the shipped rules.
func testRuntime(feeds: [FeedSource], state: String, writer: CapturedLines) throws -> FeedWatchRuntime {
    try runtime(config: TestConfig.path, feeds: feeds, state: state, writer: writer)
}

/// The shipped config (rules, seeds): only for tests about what the shipped config judges.
func shippedRuntime(feeds: [FeedSource], state: String, writer: CapturedLines) throws -> FeedWatchRuntime {
    try runtime(config: repositoryRoot.appendingPathComponent("config/feedwatch.yaml").path, feeds: feeds, state: state, writer: writer)
}
