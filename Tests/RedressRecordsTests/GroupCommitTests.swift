import Foundation
import Synchronization
import Testing

@testable import RedressRecords

/// Group commit's deadline: when the writer stops answering, every caller is failed once its
/// time is up — the one whose records were sent, and those queued behind it, whose records are
/// then never sent.
@Suite("Group commit")
struct GroupCommitTests {
    /// A writer that hangs on its first transaction until `release`, and notes what it was given.
    final class StuckWriter: Sendable {
        let written = Mutex<[[String]]>([])
        let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let entered = Mutex<Bool>(false)

        func write(_ records: [PreparedRecord]) async -> Result<Void, StoreFailure> {
            written.withLock { $0.append(records.compactMap(\.record.subject)) }
            let first = entered.withLock { entered in
                defer { entered = true }
                return !entered
            }
            if first { await withCheckedContinuation { continuation in gate.withLock { $0 = continuation } } }
            return .success(())
        }

        func release() {
            gate.withLock { $0.take() }?.resume()
        }
    }

    @Test("callers past the deadline are failed, and queued records are never written")
    func deadline() async throws {
        let writer = StuckWriter()
        let commit = GroupCommit(timeout: .milliseconds(400), lateFailure: { StoreFailure("late") }) { await writer.write($0) }
        let first = Task { try await commit.append([RecordStoreTests.record("derby", "sent")]) }
        // Wait until the first transaction is with the (stuck) writer, then queue a second.
        while writer.written.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(10)) }
        let second = await #expect(throws: StoreFailure.self) { try await commit.append([RecordStoreTests.record("derby", "queued")]) }
        #expect(second?.description == "late")
        let firstFailure = await #expect(throws: StoreFailure.self) { try await first.value }
        #expect(firstFailure?.description == "late")
        writer.release()
        // The writer is free again: a new append is written and answered, and the queued record
        // that was refused was never handed to it.
        try await commit.append([RecordStoreTests.record("derby", "after")])
        #expect(writer.written.withLock { $0 } == [["sent"], ["after"]])
        commit.stop()
    }

    @Test("without a deadline a slow writer is waited for")
    func noDeadline() async throws {
        let writer = StuckWriter()
        let commit = GroupCommit { await writer.write($0) }
        let first = Task { try await commit.append([RecordStoreTests.record("derby", "slow")]) }
        while writer.written.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(300))
        writer.release()
        try await first.value
        #expect(writer.written.withLock { $0 } == [["slow"]])
    }
}
