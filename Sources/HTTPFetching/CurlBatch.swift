import CCurl
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One batch of transfers driven by a curl multi handle. Created, run and destroyed on a single
/// thread; not Sendable.
final class CurlBatch {
    private let requests: [FetchRequest]
    private let policy: FetchPolicy
    private let cancellation: CancellationFlag

    init(requests: [FetchRequest], policy: FetchPolicy, cancellation: CancellationFlag) {
        self.requests = requests
        self.policy = policy
        self.cancellation = cancellation
    }

    func run() -> [Result<FetchResponse, FetchError>] {
        var results = [Result<FetchResponse, FetchError>](
            repeating: .failure(FetchError(kind: .cancelled, message: "cancelled before it started")),
            count: requests.count)
        guard let multi = curl_multi_init() else {
            let failure = FetchError(kind: .network, message: "libcurl could not create a multi handle")
            return results.map { _ in .failure(failure) }
        }
        defer { curl_multi_cleanup(multi) }
        _ = fw_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, policy.maxConcurrent))
        _ = fw_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, policy.maxPerHost))

        var transfers: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        for (index, request) in requests.enumerated() {
            switch CurlTransfer.make(index: index, request: request, policy: policy) {
            case let .success(transfer):
                transfers[transfer.easy] = transfer
                curl_multi_add_handle(multi, transfer.easy)
            case let .failure(error):
                results[index] = .failure(error)
            }
        }
        defer {
            for transfer in transfers.values {
                curl_multi_remove_handle(multi, transfer.easy)
                transfer.close()
            }
        }

        var running: Int32 = 0
        while true {
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = transfers.removeValue(forKey: easy) else { continue }
                results[transfer.index] = transfer.finish(code: fw_curlmsg_result(message))
                curl_multi_remove_handle(multi, easy)
                transfer.close()
            }
            if running == 0 {
                for transfer in transfers.values {
                    results[transfer.index] = .failure(FetchError(kind: .network, message: "transfer ended without a result"))
                }
                break
            }
            if cancellation.isCancelled {
                for transfer in transfers.values {
                    results[transfer.index] = .failure(FetchError(kind: .cancelled, message: "cancelled: shutting down"))
                }
                break
            }
            curl_multi_poll(multi, nil, 0, 200, nil)
        }
        return results
    }
}
