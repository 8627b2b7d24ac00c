import Logging
import PostgresNIO
import Synchronization

/// How records join their councils' chains in PostgreSQL, in one statement that moves each
/// chain's head only from where it was expected to be and inserts the records only if every head
/// moved: a head that someone else moved meanwhile makes the statement change nothing.
///
/// The usual append (one council, this process the last to write its chain) is that statement
/// alone, with the head this process last wrote as the expectation: one round trip and one commit.
/// Otherwise — a council new to this process, several councils in one batch, or another instance
/// having written since — the heads are read and locked first (`SELECT … FOR UPDATE`, in name order
/// so two writers never wait on each other in a cycle), and the same statement runs in that
/// transaction. Either way the database, not any one process, decides each record's number and
/// previous hash.
final class PostgresChainAppend: Sendable {
    typealias Head = (sequence: Int64, hash: String)

    let client: PostgresClient
    let logger: Logger
    /// The head this process last wrote for each council: a guess, checked by the statement.
    private let known = Mutex<[String: Head]>([:])

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    func append(_ records: [PreparedRecord]) async throws(StoreFailure) {
        let councils = Set(records.map(\.record.council)).sorted()
        do {
            if councils.count == 1, let council = councils.first, let head = known.withLock({ $0[council] }) {
                var heads = [council: head]
                let statement = Self.statement(records, heads: &heads)
                if try await Self.count(client.execute(statement, logger: logger)) == records.count {
                    known.withLock { $0[council] = heads[council] }
                    return
                }
            }
            let moved = try await client.withTransaction(logger: logger) { connection in
                var heads = try await lockHeads(councils, connection: connection)
                if heads.count < councils.count {
                    try await connection.run(
                        "INSERT INTO chain_heads (council, sequence, hash) SELECT unnest(\(councils)::text[]), 0, \(RecordChain.genesis) ON CONFLICT (council) DO NOTHING",
                        logger: logger)
                    heads = try await lockHeads(councils, connection: connection)
                }
                let statement = Self.statement(records, heads: &heads)
                guard try await Self.count(connection.execute(statement, logger: logger)) == records.count else {
                    throw StoreFailure("the chain heads moved while locked")
                }
                return heads
            }
            known.withLock { known in known.merge(moved) { $1 } }
        } catch {
            // The outcome is unknown (a lost connection may have committed): the next append
            // reads the heads again.
            known.withLock { known in for council in councils { known[council] = nil } }
            throw PostgresRecordStore.failure(error, "PostgreSQL")
        }
    }

    private static func count<Rows: AsyncSequence>(_ rows: Rows) async throws -> Int where Rows.Element == Int64 {
        var count = 0
        for try await value in rows { count = Int(value) }
        return count
    }

    /// The councils' chain heads, locked until the transaction ends.
    private func lockHeads(_ councils: [String], connection: PostgresConnection) async throws -> [String: Head] {
        var heads: [String: Head] = [:]
        for try await (council, sequence, hash) in try await connection.query(
            "SELECT council, sequence, hash FROM chain_heads WHERE council = ANY(\(councils)::text[]) ORDER BY council FOR UPDATE", logger: logger
        ).decode((String, Int64, String).self) {
            heads[council] = (sequence, hash)
        }
        return heads
    }

    /// Numbers and hashes `records` after `heads` (moved on in place) and returns the statement
    /// that stores them, answering how many records it inserted: all of them, or none when a head
    /// was not where `heads` said.
    static func statement(_ records: [PreparedRecord], heads: inout [String: Head]) -> AppendStatement {
        let expected = heads
        var columns = RecordColumns()
        for prepared in records {
            var head = heads[prepared.record.council] ?? (0, RecordChain.genesis)
            head.sequence += 1
            head.hash = prepared.hash(sequence: head.sequence, previous: head.hash)
            heads[prepared.record.council] = head
            columns.append(prepared.record, sequence: head.sequence, hash: head.hash)
        }
        let councils = Array(heads.keys)
        let from = councils.map { expected[$0] ?? (0, RecordChain.genesis) }
        let to = councils.map { heads[$0] ?? (0, RecordChain.genesis) }
        return AppendStatement(
            councils: councils, fromSequence: from.map(\.sequence), fromHash: from.map(\.hash), toSequence: to.map(\.sequence),
            toHash: to.map(\.hash), columns: columns)
    }

    /// The append, prepared once per connection (its text never changes: columns go as arrays,
    /// through `unnest`), so the server parses and plans it once however many records there are.
    struct AppendStatement: PostgresPreparedStatement {
        static let name = "redress_append_1"
        static let sql = """
            WITH moved AS (
                UPDATE chain_heads AS head SET sequence = m.s, hash = m.h
                FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[]) AS m(c, os, oh, s, h)
                WHERE head.council = m.c AND head.sequence = m.os AND head.hash = m.oh
                RETURNING 1),
            inserted AS (
                INSERT INTO records (\(RecordSchema.recordColumns))
                SELECT c, s, t, r, ca, k, CASE WHEN hs THEN su END, CASE WHEN hv THEN v END, CASE WHEN hd THEN d END, i, re, h
                FROM unnest($6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bool[],
                    $14::text[], $15::bool[], $16::text[], $17::bool[], $18::text[], $19::text[], $20::text[])
                    AS u(c, s, t, r, ca, k, su, hs, v, hv, d, hd, i, re, h)
                WHERE (SELECT count(*) FROM moved) = $21
                RETURNING 1)
            SELECT count(*) FROM inserted
            """

        var councils: [String], fromSequence: [Int64], fromHash: [String], toSequence: [Int64], toHash: [String]
        var columns: RecordColumns

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 21)
            bindings.append(councils)
            bindings.append(fromSequence)
            bindings.append(fromHash)
            bindings.append(toSequence)
            bindings.append(toHash)
            bindings.append(columns.council)
            bindings.append(columns.sequence)
            bindings.append(columns.time)
            bindings.append(columns.requestID)
            bindings.append(columns.caller)
            bindings.append(columns.kind)
            bindings.append(columns.subject)
            bindings.append(columns.hasSubject)
            bindings.append(columns.version)
            bindings.append(columns.hasVersion)
            bindings.append(columns.digest)
            bindings.append(columns.hasDigest)
            bindings.append(columns.input)
            bindings.append(columns.result)
            bindings.append(columns.hash)
            bindings.append(Int64(councils.count))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Int64 {
            try row.decode(Int64.self)
        }
    }

    /// Records as columns, for `unnest`. Nullable text goes as text with a flag beside it.
    struct RecordColumns: Sendable {
        var council: [String] = [], sequence: [Int64] = [], time: [String] = [], requestID: [String] = [], caller: [String] = []
        var kind: [String] = [], subject: [String] = [], hasSubject: [Bool] = [], version: [String] = [], hasVersion: [Bool] = []
        var digest: [String] = [], hasDigest: [Bool] = [], input: [String] = [], result: [String] = [], hash: [String] = []

        mutating func append(_ record: NewRecord, sequence number: Int64, hash text: String) {
            council.append(record.council)
            sequence.append(number)
            time.append(record.time)
            requestID.append(record.requestID)
            caller.append(record.caller)
            kind.append(record.kind.rawValue)
            subject.append(record.subject ?? "")
            hasSubject.append(record.subject != nil)
            version.append(record.policyVersion ?? "")
            hasVersion.append(record.policyVersion != nil)
            digest.append(record.policyDigest ?? "")
            hasDigest.append(record.policyDigest != nil)
            input.append(record.input)
            result.append(record.result)
            hash.append(text)
        }
    }
}
