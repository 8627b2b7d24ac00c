import Synchronization

/// Group commit: appends that arrive while a transaction is being written wait, and the next
/// transaction takes all of them at once. Each caller still returns only after its own records
/// are durable, and fails if the transaction holding them fails; many concurrent single decisions
/// then cost one disk flush, not one each.
///
/// With a `timeout`, no caller waits longer than it, queued or in a transaction: a watchdog fails
/// those past it (the database stopped answering), while the write itself goes on undisturbed on
/// the hot path — no task or timer per transaction.
final class GroupCommit: Sendable {
    /// The records of one transaction: every waiting caller's, in the order they arrived, walked
    /// in place rather than copied into one array.
    struct Batch: Sendable, Sequence {
        let parts: [[PreparedRecord]]

        func makeIterator() -> FlattenSequence<[[PreparedRecord]]>.Iterator {
            parts.joined().makeIterator()
        }
    }

    /// One caller's records and the promise of an answer, kept exactly once.
    private final class Waiter: Sendable {
        let records: [PreparedRecord]
        let deadline: ContinuousClock.Instant
        private let continuation: CheckedContinuation<Result<Void, StoreFailure>, Never>
        private let answered = Atomic<Bool>(false)

        init(records: [PreparedRecord], deadline: ContinuousClock.Instant, continuation: CheckedContinuation<Result<Void, StoreFailure>, Never>) {
            self.records = records
            self.deadline = deadline
            self.continuation = continuation
        }

        func answer(_ result: Result<Void, StoreFailure>) {
            if answered.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged {
                continuation.resume(returning: result)
            }
        }
    }

    private struct State {
        var waiting: [Waiter] = []
        var writing: [Waiter] = []
        var isWriting = false
    }

    private let state = Mutex(State())
    private let write: @Sendable (Batch) async -> Result<Void, StoreFailure>
    private let timeout: Duration?
    private let lateFailure: @Sendable () -> StoreFailure
    private let watchdog = Mutex<Task<Void, Never>?>(nil)

    /// `write` stores records in one transaction. With `timeout`, a caller still unanswered after
    /// it gets `lateFailure()`.
    init(
        timeout: Duration? = nil, lateFailure: @escaping @Sendable () -> StoreFailure = { StoreFailure("no answer in time") },
        write: @escaping @Sendable (Batch) async -> Result<Void, StoreFailure>
    ) {
        self.write = write
        self.timeout = timeout
        self.lateFailure = lateFailure
        guard let timeout else { return }
        let period = min(.seconds(1), timeout / 4)
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: period)
                guard let self else { return }
                self.failLate()
            }
        }
        watchdog.withLock { $0 = task }
    }

    deinit {
        stop()
    }

    /// Stops the watchdog (the store is closing).
    func stop() {
        watchdog.withLock { $0?.cancel() }
    }

    /// Stores `records`; their canonical bytes are made here, on the caller's thread, before they
    /// join the queue for the single writer.
    func append(_ records: [NewRecord]) async throws(StoreFailure) {
        guard !records.isEmpty else { return }
        let records = PreparedRecord.prepare(records)
        let deadline = ContinuousClock.now + (timeout ?? .seconds(0))
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, StoreFailure>, Never>) in
            let start = state.withLock { state in
                state.waiting.append(Waiter(records: records, deadline: deadline, continuation: continuation))
                guard !state.isWriting else { return false }
                state.isWriting = true
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
                state.writing = batch
                if batch.isEmpty { state.isWriting = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let result = await write(Batch(parts: batch.map(\.records)))
            for waiter in batch { waiter.answer(result) }
        }
    }

    /// Fails every caller past its deadline. Queued records are taken out of the queue, never to
    /// be written; records already sent may still be committed by the database (the failure says so).
    private func failLate() {
        let now = ContinuousClock.now
        let late = state.withLock { state in
            let queued = state.waiting.filter { $0.deadline < now }
            if !queued.isEmpty { state.waiting.removeAll { $0.deadline < now } }
            return queued + state.writing.filter { $0.deadline < now }
        }
        guard !late.isEmpty else { return }
        let failure = lateFailure()
        for waiter in late { waiter.answer(.failure(failure)) }
    }
}
