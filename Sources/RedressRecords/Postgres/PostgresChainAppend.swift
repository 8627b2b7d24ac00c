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
                if try await Self.count(client.query(statement, logger: logger)) == records.count {
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
                guard try await Self.count(connection.query(statement, logger: logger)) == records.count else {
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

    private static func count(_ rows: PostgresRowSequence) async throws -> Int {
        var count = 0
        for try await value in rows.decode(Int64.self) { count = Int(value) }
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
    /// was not where `heads` said. Its text never changes (columns go as arrays, through
    /// `unnest`), so the server plans it once however many records there are.
    static func statement(_ records: [PreparedRecord], heads: inout [String: Head]) -> PostgresQuery {
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
        return """
            WITH moved AS (
                UPDATE chain_heads AS head SET sequence = m.s, hash = m.h
                FROM unnest(\(councils)::text[], \(from.map(\.sequence))::bigint[], \(from.map(\.hash))::text[], \(to.map(\.sequence))::bigint[],
                    \(to.map(\.hash))::text[]) AS m(c, os, oh, s, h)
                WHERE head.council = m.c AND head.sequence = m.os AND head.hash = m.oh
                RETURNING 1),
            inserted AS (
                INSERT INTO records (\(unescaped: RecordSchema.recordColumns))
                SELECT c, s, t, r, ca, k, CASE WHEN hs THEN su END, CASE WHEN hv THEN v END, CASE WHEN hd THEN d END, i, re, h
                FROM unnest(\(columns.council)::text[], \(columns.sequence)::bigint[], \(columns.time)::text[], \(columns.requestID)::text[],
                    \(columns.caller)::text[], \(columns.kind)::text[], \(columns.subject)::text[], \(columns.hasSubject)::bool[],
                    \(columns.version)::text[], \(columns.hasVersion)::bool[], \(columns.digest)::text[], \(columns.hasDigest)::bool[],
                    \(columns.input)::text[], \(columns.result)::text[], \(columns.hash)::text[])
                    AS u(c, s, t, r, ca, k, su, hs, v, hv, d, hd, i, re, h)
                WHERE (SELECT count(*) FROM moved) = \(Int64(councils.count))
                RETURNING 1)
            SELECT count(*) FROM inserted
            """
    }

    /// Records as columns, for `unnest`. Nullable text goes as text with a flag beside it.
    struct RecordColumns {
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
