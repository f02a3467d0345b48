import Foundation
import Testing
import TestSupport

@Suite("match --explain")
struct MatchExplainTests {
    @Test("--explain names the pair that decided and the sentences whose words can tag the story")
    func explainsSubjectSentences() throws {
        let story = """
            Yemeni minister meets Russian envoy in Aden

            The two discussed university places. The meeting came a week after a cargo of grain reached the port.
            """
        let result = try feedwatch(["match", "--config", TestConfig.path, "--explain", "-"], stdin: story)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("decided by yemeni (sentence 0) and russian (sentence 0) in the same clause"))
        #expect(result.stdout.contains("subject sentences: 0, 1, 2 (2 opening with a reference back to the event)"))
        #expect(result.stdout.contains("TAGGED cargo, port"))
        let json = try feedwatch(["match", "--config", TestConfig.path, "-"], stdin: story)
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(verdict["tags"] as? [String] == ["diplomacy", "government", "shipping"])
    }
}
