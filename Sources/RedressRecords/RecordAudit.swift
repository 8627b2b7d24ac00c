/// One break in a chain, named by council and record number.
public struct ChainProblem: Sendable, Equatable, CustomStringConvertible {
    public var council: String
    public var sequence: Int64
    public var message: String

    public var description: String { "\(council) record \(sequence): \(message)" }
}

/// What `records verify` found.
public struct ChainReport: Sendable {
    /// Records checked per council.
    public var checked: [String: Int] = [:]
    public var problems: [ChainProblem] = []

    public var isIntact: Bool { problems.isEmpty }
}

/// What pruning a council removed (or, in a dry run, would remove).
public struct PruneOutcome: Sendable, Equatable {
    public var council: String
    /// Records removed, and the last one removed; 0 and nil when none were due.
    public var count: Int
    public var through: Int64?
    /// The oldest record kept, if any.
    public var firstKept: String?
}

/// Checking and pruning the chains, the same for every store.
public enum RecordAudit {
    static let page = 1_000

    /// Walks every council's chain from its last pruning checkpoint to its head: each record's
    /// hash recomputed from its content and the previous hash, numbers contiguous, the head where
    /// the store says it is, and every signed checkpoint matching the record it names.
    public static func verify(_ store: any RecordStore, signer: CheckpointSigner?) async throws(StoreFailure) -> ChainReport {
        var report = ChainReport()
        for council in try await store.councils() {
            let (count, problems) = try await verify(council: council, in: store, signer: signer)
            report.checked[council] = count
            report.problems += problems
        }
        return report
    }

    static func verify(council: String, in store: any RecordStore, signer: CheckpointSigner?) async throws(StoreFailure) -> (Int, [ChainProblem]) {
        var problems: [ChainProblem] = []
        func problem(_ sequence: Int64, _ message: String) {
            if problems.count < 100 { problems.append(ChainProblem(council: council, sequence: sequence, message: message)) }
        }
        let checkpoints = try await store.checkpoints(council: council)
        for checkpoint in checkpoints where signer.map({ !$0.isValid(checkpoint) }) ?? false {
            problem(checkpoint.sequence, "the \(checkpoint.reason.rawValue) checkpoint of \(checkpoint.time) is not signed by this service's key")
        }
        let pruned = checkpoints.filter { $0.reason == .prune }.max { $0.sequence < $1.sequence }
        var expected = (pruned?.sequence ?? 0) + 1
        var previous = pruned?.hash ?? RecordChain.genesis
        let noted = Dictionary(checkpoints.filter { $0.reason == .head && $0.sequence >= expected }.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: [Int64: String] = [:]
        var count = 0
        var last: StoredRecord?
        while true {
            let batch = try await store.records(council: council, from: expected, limit: page)
            for record in batch {
                if record.sequence != expected {
                    let through = expected == record.sequence - 1 ? "" : " (and every record after it up to \(record.sequence - 1))"
                    problem(expected, "is missing\(through): removed, or changed so that it can no longer be read")
                    previous = record.hash
                } else {
                    let computed = RecordChain.hash(record.record, sequence: record.sequence, previous: previous)
                    if computed != record.hash {
                        problem(
                            record.sequence,
                            RecordChain.hash(record.record, sequence: record.sequence, previous: last?.hash ?? previous) == record.hash
                                ? "does not follow record \(record.sequence - 1): an earlier record was changed, removed or moved"
                                : "was changed: its content does not give its hash (or records were swapped)")
                    }
                    previous = record.hash
                }
                if noted[record.sequence] != nil { seen[record.sequence] = record.hash }
                expected = record.sequence + 1
                count += 1
                last = record
            }
            if batch.count < page { break }
        }
        if let head = try await store.head(council: council) {
            if let last, head.sequence < last.sequence {
                problem(last.sequence, "lies beyond the chain's recorded head (record \(head.sequence)): records were added outside the service")
            } else if head.sequence >= expected {
                problem(head.sequence, "is missing: the chain's head is record \(head.sequence) but the last record is \(expected - 1); records at the end were removed")
            } else if let last, head.hash != last.hash {
                problem(head.sequence, "differs from the chain's recorded head hash")
            }
        }
        for (sequence, checkpoint) in noted.sorted(by: { $0.key < $1.key }) {
            guard let hash = seen[sequence] else {
                problem(sequence, "is missing but was noted in the signed checkpoint of \(checkpoint.time)")
                continue
            }
            if hash != checkpoint.hash { problem(sequence, "differs from the signed checkpoint of \(checkpoint.time): the chain was rewritten") }
        }
        return (count, problems)
    }

    /// Removes a council's records that `isDue` says may go, oldest first, stopping at the first
    /// record that must stay; leaves a signed checkpoint at the last one removed so the chain still
    /// verifies. Refuses a council whose chain does not verify: pruning would destroy the evidence.
    public static func prune(
        council: String, in store: any RecordStore, signer: CheckpointSigner, dryRun: Bool, isDue: (NewRecord) -> Bool
    ) async throws(StoreFailure) -> PruneOutcome {
        let (_, problems) = try await verify(council: council, in: store, signer: signer)
        guard problems.isEmpty else {
            throw StoreFailure("\(council): the chain does not verify (\(problems[0])); nothing was pruned — run `records verify`")
        }
        let start = (try await store.checkpoints(council: council).filter { $0.reason == .prune }.map(\.sequence).max() ?? 0) + 1
        var through: StoredRecord?
        var count = 0
        var firstKept: String?
        scan: while true {
            let batch = try await store.records(council: council, from: (through?.sequence ?? start - 1) + 1, limit: page)
            for record in batch {
                guard isDue(record.record) else {
                    firstKept = record.record.time
                    break scan
                }
                through = record
                count += 1
            }
            if batch.count < page { break }
        }
        if let through, !dryRun {
            try await store.prune(through: signer.checkpoint(council: council, sequence: through.sequence, hash: through.hash, reason: .prune))
        }
        return PruneOutcome(council: council, count: count, through: through?.sequence, firstKept: firstKept)
    }

    /// Signs the head of every council's chain that moved since its last checkpoint.
    public static func noteHeads(in store: any RecordStore, signer: CheckpointSigner) async throws(StoreFailure) {
        for council in try await store.councils() {
            guard let head = try await store.head(council: council) else { continue }
            let latest = try await store.checkpoints(council: council).map(\.sequence).max() ?? 0
            guard head.sequence > latest else { continue }
            try await store.add(signer.checkpoint(council: council, sequence: head.sequence, hash: head.hash, reason: .head))
        }
    }
}
