import CCurl
import Foundation
import Synchronization

/// Downloads feeds through libcurl's multi interface: many transfers in flight on one dedicated
/// thread, results handed back to async code as Sendable values.
///
/// One long-lived thread (`CurlEngine`) owns the multi handle and every easy handle, so no curl
/// handle is ever touched from two threads. Cancelling the calling task aborts the transfers.
public struct HTTPFetcher: Sendable {
    public let policy: FetchPolicy
    private let engine: CurlEngine

    public init(policy: FetchPolicy) {
        Curl.initializeOnce()
        self.policy = policy
        engine = CurlEngine(policy: policy)
    }

    /// Fetches every request concurrently, calling `each` as each one completes (from the curl
    /// thread), so a caller can process a feed while others are still downloading.
    public func fetch(_ requests: [FetchRequest], each: @escaping @Sendable (Int, Result<FetchResponse, FetchError>) -> Void) async {
        await engine.run(requests, deliver: each)
    }

    /// Fetches every request concurrently; the results are in request order.
    public func fetch(_ requests: [FetchRequest]) async -> [Result<FetchResponse, FetchError>] {
        let results = Mutex([Result<FetchResponse, FetchError>](
            repeating: .failure(FetchError(kind: .cancelled, message: "cancelled before it started")), count: requests.count))
        await engine.run(requests) { index, result in results.withLock { $0[index] = result } }
        return results.withLock { $0 }
    }

    /// Fetches one URL.
    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        await fetch([request])[0]
    }
}

/// Process-wide libcurl facts.
public enum Curl {
    /// `curl_global_init` must run once, before any other thread uses curl.
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return true
    }()

    public static func initializeOnce() { _ = initialized }

    /// The libcurl version, for the User-Agent.
    public static var version: String {
        guard let version = fw_curl_version() else { return "unknown" }
        return String(cString: version)
    }
}
