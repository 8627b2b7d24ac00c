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
        let commit = GroupCommit(timeout: .milliseconds(400), lateFailure: { StoreFailure("late") }) { await writer.write(Array($0)) }
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
        let commit = GroupCommit { await writer.write(Array($0)) }
        let first = Task { try await commit.append([RecordStoreTests.record("derby", "slow")]) }
        while writer.written.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(300))
        writer.release()
        try await first.value
        #expect(writer.written.withLock { $0 } == [["slow"]])
    }

    /// A writer that notes each transaction's subjects and fails those holding "bad".
    final class NotingWriter: Sendable {
        let transactions = Mutex<[[String]]>([])

        func write(_ batch: GroupCommit.Batch) async -> Result<Void, StoreFailure> {
            let subjects = batch.compactMap(\.record.subject)
            transactions.withLock { $0.append(subjects) }
            // Slow enough that callers arriving meanwhile queue for the next transaction.
            try? await Task.sleep(for: .milliseconds(2))
            return subjects.contains("bad") ? .failure(StoreFailure("bad")) : .success(())
        }
    }

    @Test("many callers: each answered once, by the transaction that held its records, kept together")
    func grouping() async throws {
        let writer = NotingWriter()
        let commit = GroupCommit { await writer.write($0) }
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for caller in 0..<200 {
                group.addTask {
                    let subjects = caller == 77 ? ["bad"] : ["\(caller)-a", "\(caller)-b"]
                    do {
                        try await commit.append(subjects.map { RecordStoreTests.record("derby", $0) })
                        return (caller, true)
                    } catch {
                        return (caller, false)
                    }
                }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        let transactions = writer.transactions.withLock { $0 }
        let written = transactions.flatMap { $0 }
        // Each caller's records once, together and in its order; fewer transactions than callers.
        #expect(written.count == 399)
        #expect(Set(written).count == 399)
        for caller in 0..<200 where caller != 77 {
            let first = try #require(written.firstIndex(of: "\(caller)-a"))
            #expect(written[first + 1] == "\(caller)-b")
        }
        #expect(transactions.count < 200)
        // Only the callers in the failed transaction failed.
        let failedTransaction = try #require(transactions.first { $0.contains("bad") })
        for (caller, succeeded) in outcomes {
            let inFailed = caller == 77 || failedTransaction.contains("\(caller)-a")
            #expect(succeeded == !inFailed, "caller \(caller)")
        }
    }
}
