import Synchronization

/// Waits for a store operation at most `limit`, then fails it with `StoreFailure` — so that a
/// database that stops answering (a lost network, a server that accepts connections and says
/// nothing, a pool that quietly retries a refused login) makes the service answer 503 at once
/// instead of holding every request until its client gives up.
///
/// The operation is then cancelled but may still finish: a database that had a statement in hand
/// may commit it later. Callers say so (`StoreFailure.outcomeUnknown`).
enum StoreDeadline {
    static func run<T: Sendable>(
        within limit: Duration, _ failure: @escaping @Sendable () -> StoreFailure,
        _ operation: @escaping @Sendable () async throws(StoreFailure) -> T
    ) async throws(StoreFailure) -> T {
        let race = Race<T>()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, StoreFailure>, Never>) in
            race.begin(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                if !Task.isCancelled { race.finish(.failure(failure())) }
            }
            let work = Task {
                let result: Result<T, StoreFailure>
                do throws(StoreFailure) {
                    result = .success(try await operation())
                } catch {
                    result = .failure(error)
                }
                race.finish(result)
            }
            race.hold(timer: timer, work: work)
        }
        return try result.get()
    }

    /// Whichever of the operation and the timer finishes first resumes the caller and cancels
    /// the other.
    private final class Race<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<Result<T, StoreFailure>, Never>?
            var timer: Task<Void, Never>?
            var work: Task<Void, Never>?
            var finished = false
        }

        private let state = Mutex(State())

        func begin(_ continuation: CheckedContinuation<Result<T, StoreFailure>, Never>) {
            state.withLock { $0.continuation = continuation }
        }

        func hold(timer: Task<Void, Never>, work: Task<Void, Never>) {
            let finished = state.withLock { state in
                state.timer = timer
                state.work = work
                return state.finished
            }
            if finished {
                timer.cancel()
                work.cancel()
            }
        }

        func finish(_ result: Result<T, StoreFailure>) {
            let (continuation, timer, work) = state.withLock { state in
                defer {
                    state.continuation = nil
                    state.timer = nil
                    state.work = nil
                    state.finished = true
                }
                return (state.continuation, state.timer, state.work)
            }
            guard let continuation else { return }
            continuation.resume(returning: result)
            timer?.cancel()
            work?.cancel()
        }
    }
}
