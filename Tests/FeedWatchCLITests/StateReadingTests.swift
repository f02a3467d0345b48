import Foundation
import Testing
import TestSupport

/// Every file in a folder with its size and modification time: what "untouched" means.
private func snapshot(_ folder: String) throws -> [String: String] {
    var result: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + name)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        result[name] = "\(size) \(modified)"
    }
    return result
}

@Suite("Commands that read state", .serialized)
struct StateReadingTests {
    /// A state folder under the temporary directory, filled by one real poll of the wire fixture.
    static func polledState() throws -> (state: String, feed: [String], server: TestHTTPServer) {
        let body = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/FeedWatchCoreTests/Fixtures/wire.xml"))
        let server = try TestHTTPServer { _ in TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: [UInt8](body)) }
        let state = try temporaryFolder()
        let feed = ["--feed", server.url("/wire.xml")]
        let once = try feedwatch(["once", "--config", TestConfig.path, "--state-dir", state, "--allow-private-networks"] + feed)
        #expect(once.status == 0)
        return (state, feed, server)
    }

    @Test("match, status, stories and check-config never create, change or remove anything in the state folder (even one under the temporary directory)")
    func readOnly() throws {
        let (state, feed, server) = try Self.polledState()
        defer { try? FileManager.default.removeItem(atPath: state) }
        _ = server
        #expect(state.hasPrefix(NSTemporaryDirectory()))
        let before = try snapshot(state)
        #expect(before["feedwatch.sqlite"] != nil)
        let story = "Houthi delegation meets Russian deputy foreign minister in Moscow\n\nThe talks covered Red Sea shipping.\n"
        for arguments in [["match", "-"], ["match", "--explain", "-"], ["status"], ["status", "--json"], ["stories"], ["stories", "--json"], ["check-config"]] {
            let result = try feedwatch([arguments[0], "--config", TestConfig.path, "--state-dir", state] + arguments.dropFirst() + feed, stdin: story)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(try snapshot(state) == before, "\(arguments) changed the state folder")
        }
        // A state folder that does not exist is not created by match.
        let missing = state + "-never"
        let result = try feedwatch(["match", "--config", TestConfig.path, "--state-dir", missing, "-"], stdin: story)
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test("match judges against stored reports: a rewrite of a polled story is a duplicate carrying its story id, at the story's date")
    func matchAgainstState() throws {
        let (state, _, server) = try Self.polledState()
        defer { try? FileManager.default.removeItem(atPath: state) }
        _ = server
        let stories = try feedwatch(["stories", "--config", TestConfig.path, "--state-dir", state, "--days", "3650", "--json"])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(stories.stdout.utf8)) as? [String: Any])
        let events = try #require(listed["stories"] as? [[String: Any]])
        let alerted = try #require(events.first { $0["seed"] as? Bool == false })
        #expect(alerted["reports"] as? Int == 1 && alerted["outlets"] as? Int == 1)
        let story = try #require(alerted["story"] as? String)
        let rewrite = """
            Ansar Allah team in Moscow for Red Sea talks with Russian officials

            A delegation of Yemen's Houthi movement held talks with Russian officials in Moscow about shipping in the Red Sea, Russia's foreign ministry said.
            """
        let now = try feedwatch(["match", "--config", TestConfig.path, "--state-dir", state, "--published", "2025-03-03T18:00:00Z", "-"], stdin: rewrite)
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(now.stdout.utf8)) as? [String: Any])
        #expect(verdict["verdict"] as? String == "duplicate")
        #expect(verdict["story"] as? String == story)
        let later = try feedwatch(["match", "--config", TestConfig.path, "--state-dir", state, "--published", "2025-06-03T18:00:00Z", "-"], stdin: rewrite)
        #expect(later.stdout.contains("\"verdict\": \"alert\""))
        let bad = try feedwatch(["match", "--config", TestConfig.path, "--published", "last tuesday", "-"], stdin: rewrite)
        #expect(bad.status != 0 && bad.stderr.contains("--published"))
    }
}
