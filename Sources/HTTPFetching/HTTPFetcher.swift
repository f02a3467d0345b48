import CCurl
import Foundation
import Synchronization

/// Downloads feeds through libcurl's multi interface: many transfers in flight on one dedicated
/// thread, results handed back to async code as Sendable values.
///
/// Each call runs its batch on a fresh thread that owns every curl handle it creates, so no curl
/// handle is ever touched from two threads. Cancelling the calling task aborts the transfers.
public struct HTTPFetcher: Sendable {
    public var policy: FetchPolicy

    public init(policy: FetchPolicy) {
        self.policy = policy
    }

    /// Fetches every request concurrently; the results are in request order.
    public func fetch(_ requests: [FetchRequest]) async -> [Result<FetchResponse, FetchError>] {
        guard !requests.isEmpty else { return [] }
        Curl.initializeOnce()
        let flag = CancellationFlag()
        let policy = self.policy
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Result<FetchResponse, FetchError>], Never>) in
                let thread = Thread {
                    let batch = CurlBatch(requests: requests, policy: policy, cancellation: flag)
                    continuation.resume(returning: batch.run())
                }
                thread.name = "feedwatch-curl"
                thread.start()
            }
        } onCancel: {
            flag.cancel()
        }
    }

    /// Fetches one URL.
    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        await fetch([request])[0]
    }
}

/// Set from any thread when the caller gives up; read by the curl thread between polls.
final class CancellationFlag: Sendable {
    private let state = Atomic<Bool>(false)
    func cancel() { state.store(true, ordering: .relaxed) }
    var isCancelled: Bool { state.load(ordering: .relaxed) }
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
