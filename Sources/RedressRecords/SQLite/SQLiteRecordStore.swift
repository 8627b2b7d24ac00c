import Dispatch
import Foundation

/// The embedded store: one SQLite file (WAL journal, `synchronous=FULL`, so a committed record
/// survives a crash or power cut), written through one connection on its own queue. Several
/// processes may open the same file: each append reads the chain's head inside its own
/// `BEGIN IMMEDIATE` transaction, so SQLite's write lock keeps the chains whole.
public final class SQLiteRecordStore: RecordStore, @unchecked Sendable {
    public let location: String
    let connection: SQLiteConnection
    /// Every use of `connection` happens on this queue.
    private let queue = DispatchQueue(label: "redress.records.sqlite")
    private var groupCommit: GroupCommit?
    private let checkpointer: SQLiteCheckpointer

    public init(path: String) throws(StoreFailure) {
        location = path
        connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
        try RecordSchema.migrate(connection)
        checkpointer = try SQLiteCheckpointer(path: path)
        connection.checkpoint(with: checkpointer)
        groupCommit = GroupCommit { [unowned self] batch in await self.run { () throws(StoreFailure) in try self.insert(batch) } }
    }

    /// Runs `body` on the store's queue.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(StoreFailure) -> T) async -> Result<T, StoreFailure> {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { () throws(StoreFailure) in try body() }) }
        }
    }

    func value<T: Sendable>(_ body: @escaping @Sendable () throws(StoreFailure) -> T) async throws(StoreFailure) -> T {
        try await run(body).get()
    }

    public func append(_ records: [NewRecord]) async throws(StoreFailure) {
        try await groupCommit?.append(records)
    }

    /// One transaction: each record chained after its council's head, the heads moved on.
    private func insert(_ records: GroupCommit.Batch) throws(StoreFailure) {
        try connection.execute("BEGIN IMMEDIATE")
        do throws(StoreFailure) {
            let insert = try connection.prepare(RecordSchema.insertRecord)
            var heads: [String: (sequence: Int64, hash: String)] = [:]
            // The council being written and its head (a request's records are all one council's).
            var current: (council: String, sequence: Int64, hash: String)?
            for prepared in records {
                let record = prepared.record
                var head: (council: String, sequence: Int64, hash: String)
                if let current, current.council == record.council {
                    head = current
                } else {
                    if let current { heads[current.council] = (current.sequence, current.hash) }
                    var known = heads[record.council]
                    if known == nil { known = try readHead(record.council) }
                    head = (record.council, known?.sequence ?? 0, known?.hash ?? RecordChain.genesis)
                }
                head.sequence += 1
                head.hash = prepared.hash(sequence: head.sequence, previous: head.hash)
                current = head
                try connection.run(insert) { RecordSchema.bind(record, sequence: head.sequence, hash: head.hash, to: &$0) }
            }
            if let current { heads[current.council] = (current.sequence, current.hash) }
            for (council, head) in heads {
                try connection.query(
                    "INSERT INTO chain_heads (council, sequence, hash) VALUES (?, ?, ?) ON CONFLICT (council) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash",
                    [.text(council), .integer(head.sequence), .text(head.hash)])
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    private func readHead(_ council: String) throws(StoreFailure) -> (sequence: Int64, hash: String)? {
        let rows = try connection.query("SELECT sequence, hash FROM chain_heads WHERE council = ?", [.text(council)])
        guard let row = rows.first, let sequence = row[0].integer, let hash = row[1].text else { return nil }
        return (sequence, hash)
    }

    public func records(council: String, subject: String) async throws(StoreFailure) -> [StoredRecord] {
        try await value { () throws(StoreFailure) in
            try self.connection.query(RecordSchema.selectRecords + " WHERE council = ? AND subject = ? ORDER BY sequence DESC", [.text(council), .text(subject)])
                .compactMap(RecordSchema.record)
        }
    }

    public func records(council: String, from sequence: Int64, limit: Int) async throws(StoreFailure) -> [StoredRecord] {
        try await value { () throws(StoreFailure) in
            try self.connection.query(
                RecordSchema.selectRecords + " WHERE council = ? AND sequence >= ? ORDER BY sequence LIMIT ?",
                [.text(council), .integer(sequence), .integer(Int64(limit))]
            ).compactMap(RecordSchema.record)
        }
    }

    public func councils() async throws(StoreFailure) -> [String] {
        try await value { () throws(StoreFailure) in
            try self.connection.query("SELECT council FROM chain_heads UNION SELECT council FROM checkpoints ORDER BY 1").compactMap { $0[0].text }
        }
    }

    public func head(council: String) async throws(StoreFailure) -> (sequence: Int64, hash: String)? {
        let found = try await value { () throws(StoreFailure) in try self.readHead(council).map { [$0.sequence: $0.hash] } }
        return found?.first.map { ($0.key, $0.value) }
    }

    public func checkpoints(council: String) async throws(StoreFailure) -> [Checkpoint] {
        try await value { () throws(StoreFailure) in
            try self.connection.query(RecordSchema.selectCheckpoints, [.text(council)]).compactMap { row in
                RecordSchema.checkpoint(row.map { $0.text ?? $0.integer.map(String.init) })
            }
        }
    }

    public func add(_ checkpoint: Checkpoint) async throws(StoreFailure) {
        try await value { () throws(StoreFailure) in
            _ = try self.connection.query(RecordSchema.insertCheckpoint, RecordSchema.values(checkpoint).map(SQLiteValue.init))
        }
    }

    public func prune(through checkpoint: Checkpoint) async throws(StoreFailure) {
        try await value { () throws(StoreFailure) in
            try self.connection.execute("BEGIN IMMEDIATE")
            do throws(StoreFailure) {
                try self.connection.query("DELETE FROM records WHERE council = ? AND sequence <= ?", [.text(checkpoint.council), .integer(checkpoint.sequence)])
                try self.connection.query(RecordSchema.insertCheckpoint, RecordSchema.values(checkpoint).map(SQLiteValue.init))
                try self.connection.execute("COMMIT")
            } catch {
                try? self.connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    public func noteUse(_ times: [String: String]) async throws(StoreFailure) {
        try await value { () throws(StoreFailure) in
            for (name, time) in times {
                _ = try self.connection.query(
                    "INSERT INTO key_usage (name, last_used) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET last_used = max(last_used, excluded.last_used)",
                    [.text(name), .text(time)])
            }
        }
    }

    public func usage() async throws(StoreFailure) -> [String: String] {
        try await value { () throws(StoreFailure) in
            var usage: [String: String] = [:]
            for row in try self.connection.query("SELECT name, last_used FROM key_usage") {
                if let name = row[0].text, let time = row[1].text { usage[name] = time }
            }
            return usage
        }
    }

    public func close() async {
        _ = await run { () throws(StoreFailure) in try self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
