import Synchronization

/// Group commit: appends that arrive while a transaction is being written wait, and the next
/// transaction takes all of them at once. Each caller still returns only after its own records
/// are durable, and fails if the transaction holding them fails; many concurrent single decisions
/// then cost one disk flush, not one each.
final class GroupCommit: Sendable {
    private struct Waiting {
        var records: [PreparedRecord]
        var continuation: CheckedContinuation<Result<Void, StoreFailure>, Never>
    }

    private struct State {
        var waiting: [Waiting] = []
        var writing = false
    }

    private let state = Mutex(State())
    private let write: @Sendable ([PreparedRecord]) async -> Result<Void, StoreFailure>

    /// `write` stores records in one transaction.
    init(write: @escaping @Sendable ([PreparedRecord]) async -> Result<Void, StoreFailure>) {
        self.write = write
    }

    /// Stores `records`; their canonical bytes are made here, on the caller's thread, before they
    /// join the queue for the single writer.
    func append(_ records: [NewRecord]) async throws(StoreFailure) {
        guard !records.isEmpty else { return }
        let records = records.map(PreparedRecord.init)
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, StoreFailure>, Never>) in
            let start = state.withLock { state in
                state.waiting.append(Waiting(records: records, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if start { Task { await drain() } }
        }
        try result.get()
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state in
                let batch = state.waiting
                state.waiting = []
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let result = await write(batch.flatMap(\.records))
            for waiting in batch { waiting.continuation.resume(returning: result) }
        }
    }
}
