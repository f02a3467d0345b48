import Foundation
import HTTPFetching
import Testing
import TestSupport

@Suite("Cancellation", .serialized)
struct CancellationTests {
    /// The task is cancelled before it submits its batch, so the engine sees the cancellation
    /// before the requests: repeated, since the old engine lost it only in some interleavings.
    @Test("A fetch from an already-cancelled task returns cancelled at once and starts no transfer", arguments: 0..<20)
    func cancelledBeforeSubmit(_ round: Int) async throws {
        let server = try TestHTTPServer { _ in TestHTTPServer.Response(body: Array("x".utf8), delay: 3) }
        let fetcher = HTTPFetcher(policy: FetchPolicy(connectTimeout: 5, totalTimeout: 10, allowPrivateNetworks: true, userAgent: "t/1"))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await fetcher.fetch(FetchRequest(url: server.url("/slow")))
        }
        let result = await task.value
        if case let .failure(error) = result { #expect(error.kind == .cancelled) } else { Issue.record("not cancelled") }
        #expect(server.requests.isEmpty, "the cancelled fetch reached the server")
    }
}
