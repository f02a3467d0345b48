import CCurl
import Foundation
import Synchronization

/// One long-lived libcurl multi handle on its own thread. Polls submit batches of requests; each
/// result is handed back as soon as its transfer completes. Connections and DNS answers stay in
/// the multi handle's caches between polls, so a feed's host is not dialled (nor a TLS session
/// negotiated) afresh every time. The thread ends when the engine is released.
final class CurlEngine: Sendable {
    private let state: EngineState

    init(policy: FetchPolicy) {
        state = EngineState(policy: policy)
        let state = self.state
        let thread = Thread { CurlEngine.loop(state) }
        thread.name = "feedwatch-curl"
        thread.start()
    }

    deinit {
        state.stop()
    }

    /// Runs the requests; `deliver` is called once per request, from the curl thread, as each
    /// completes. Returns when all were delivered. Cancelling the calling task aborts the rest.
    func run(_ requests: [FetchRequest], deliver: @escaping @Sendable (Int, Result<FetchResponse, FetchError>) -> Void) async {
        guard !requests.isEmpty else { return }
        let id = state.nextBatchID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let batch = Batch(id: id, count: requests.count, deliver: deliver, continuation: continuation)
                state.submit(requests.enumerated().map { Job(batch: batch, index: $0.offset, request: $0.element) })
            }
        } onCancel: {
            state.cancel(batch: id)
        }
        // Every request was delivered: the batch's cancellation, if any, has nothing left to stop.
        state.forget(batch: id)
    }

    // MARK: The curl thread

    private static func loop(_ state: EngineState) {
        guard let multi = curl_multi_init() else {
            state.failEverything("libcurl could not create a multi handle")
            return
        }
        _ = fw_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, state.policy.maxConcurrent))
        _ = fw_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, state.policy.maxPerHost))
        _ = fw_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(8, state.policy.maxConcurrent * 2))
        state.attach(multi)
        var active: [UnsafeMutableRawPointer: (transfer: CurlTransfer, job: Job)] = [:]

        while !state.isStopped {
            for job in state.takeJobs() {
                switch CurlTransfer.make(index: job.index, request: job.request, policy: state.policy) {
                case let .success(transfer):
                    active[transfer.easy] = (transfer, job)
                    curl_multi_add_handle(multi, transfer.easy)
                case let .failure(error):
                    job.batch.complete(job.index, .failure(error))
                }
            }
            let cancelled = state.cancelled()
            if !cancelled.isEmpty {
                for (easy, entry) in active where cancelled.contains(entry.job.batch.id) {
                    curl_multi_remove_handle(multi, easy)
                    entry.transfer.close()
                    active.removeValue(forKey: easy)
                    entry.job.batch.complete(entry.job.index, .failure(FetchError(kind: .cancelled, message: "cancelled: shutting down")))
                }
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            var finished = false
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let entry = active.removeValue(forKey: easy) else { continue }
                let result = entry.transfer.finish(code: fw_curlmsg_result(message))
                curl_multi_remove_handle(multi, easy)
                entry.transfer.close()
                entry.job.batch.complete(entry.job.index, result)
                finished = true
            }
            // A finished transfer frees a connection slot, and libcurl only hands it to a transfer
            // that was waiting for one (MAX_HOST_CONNECTIONS) on the next perform; polling first
            // would leave that transfer idle for the whole poll timeout.
            if finished { continue }
            curl_multi_poll(multi, nil, 0, active.isEmpty ? 5_000 : 250, nil)
        }
        for (easy, entry) in active {
            curl_multi_remove_handle(multi, easy)
            entry.transfer.close()
            entry.job.batch.complete(entry.job.index, .failure(FetchError(kind: .cancelled, message: "cancelled: the fetcher stopped")))
        }
        state.detach()
        curl_multi_cleanup(multi)
        state.failEverything("cancelled: the fetcher stopped")
    }
}

/// One request of a batch.
struct Job: Sendable {
    let batch: Batch
    let index: Int
    let request: FetchRequest
}

/// A submitted set of requests and whom to tell.
final class Batch: Sendable {
    let id: Int
    private let remaining: Mutex<Int>
    private let deliver: @Sendable (Int, Result<FetchResponse, FetchError>) -> Void
    private let continuation: CheckedContinuation<Void, Never>

    init(id: Int, count: Int, deliver: @escaping @Sendable (Int, Result<FetchResponse, FetchError>) -> Void,
         continuation: CheckedContinuation<Void, Never>) {
        self.id = id
        remaining = Mutex(count)
        self.deliver = deliver
        self.continuation = continuation
    }

    func complete(_ index: Int, _ result: Result<FetchResponse, FetchError>) {
        deliver(index, result)
        let left = remaining.withLock { value -> Int in
            value -= 1
            return value
        }
        if left == 0 { continuation.resume() }
    }
}

/// What the submitting tasks and the curl thread share.
final class EngineState: Sendable {
    let policy: FetchPolicy
    private let jobs = Mutex<[Job]>([])
    private let cancelledBatches = Mutex<Set<Int>>([])
    private let stopped = Atomic<Bool>(false)
    private let batchCounter = Atomic<Int>(0)
    /// The multi handle's address, for curl_multi_wakeup (which is thread-safe) from other
    /// threads; 0 when there is none. Kept as a number: only the curl thread owns the handle.
    private let multi = Mutex<UInt>(0)

    init(policy: FetchPolicy) {
        self.policy = policy
    }

    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    func nextBatchID() -> Int { batchCounter.wrappingAdd(1, ordering: .relaxed).newValue }

    func submit(_ new: [Job]) {
        if isStopped {
            for job in new { job.batch.complete(job.index, .failure(FetchError(kind: .cancelled, message: "cancelled: the fetcher stopped"))) }
            return
        }
        // A task cancelled before it submitted (its cancellation handler ran first) starts nothing.
        // The check and the enqueue hold the cancellation lock, so a `cancel` cannot fall between them.
        let refused = cancelledBatches.withLock { cancelled -> [Job] in
            let (mine, others) = (new.filter { cancelled.contains($0.batch.id) }, new.filter { !cancelled.contains($0.batch.id) })
            jobs.withLock { $0 += others }
            return mine
        }
        for job in refused { job.batch.complete(job.index, .failure(FetchError(kind: .cancelled, message: "cancelled: shutting down"))) }
        wake()
    }

    /// Marks a batch cancelled until `forget`: queued requests are dropped now, running ones by
    /// the curl thread on its next turn, and requests submitted later are refused.
    func cancel(batch: Int) {
        cancelledBatches.withLock { _ = $0.insert(batch) }
        // Requests of that batch not started yet never start.
        let dropped = jobs.withLock { queue -> [Job] in
            let mine = queue.filter { $0.batch.id == batch }
            queue.removeAll { $0.batch.id == batch }
            return mine
        }
        for job in dropped { job.batch.complete(job.index, .failure(FetchError(kind: .cancelled, message: "cancelled: shutting down"))) }
        wake()
    }

    func takeJobs() -> [Job] { jobs.withLock { queue in defer { queue.removeAll() }; return queue } }
    /// The batches cancelled and not yet finished. Kept (not taken) so a cancellation that comes
    /// before the curl thread has picked up a batch's jobs still applies when it does.
    func cancelled() -> Set<Int> { cancelledBatches.withLock { $0 } }

    func forget(batch: Int) { cancelledBatches.withLock { _ = $0.remove(batch) } }

    func stop() {
        stopped.store(true, ordering: .releasing)
        wake()
    }

    func attach(_ handle: UnsafeMutableRawPointer) {
        let address = UInt(bitPattern: handle)
        multi.withLock { $0 = address }
    }

    func detach() { multi.withLock { $0 = 0 } }

    /// Under the lock, so the curl thread cannot clean the handle up meanwhile.
    private func wake() {
        multi.withLock { address in
            if let handle = UnsafeMutableRawPointer(bitPattern: address) { curl_multi_wakeup(handle) }
        }
    }

    func failEverything(_ message: String) {
        for job in takeJobs() { job.batch.complete(job.index, .failure(FetchError(kind: .cancelled, message: message))) }
    }
}
