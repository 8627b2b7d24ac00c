import Foundation
@testable import RedressRecords
import RedressTestSupport
import Testing

/// Both store engines against real servers — a SQLite file and a PostgreSQL database — with the
/// command-line clients (`sqlite3`, `psql`) as the tamperer: an edit, a deletion, a swap or a
/// removed last record makes `verify` name that record; pruning leaves a checkpoint that verifies.
@Suite("Record stores")
struct RecordStoreTests {
    enum Engine: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    /// A store of `engine` in a fresh file or database, and a way to run SQL on it as an outsider.
    static func withStore(_ engine: Engine, _ body: (any RecordStore, _ sql: (String) throws -> Void) async throws -> Void) async throws {
        switch engine {
        case .sqlite:
            try await TemporaryFolder.with { folder in
                let path = folder.file("records.sqlite")
                let store = try SQLiteRecordStore(path: path)
                try await body(store) { sql in
                    let outcome = try ChildProcess.run("/usr/bin/env", ["sqlite3", path, sql])
                    guard outcome.status == 0 else { throw StoreFailure("sqlite3: \(outcome.text)") }
                }
                await store.close()
            }
        case .postgres:
            guard case .success = PostgresServer.url() else {
                if case .failure(let reason) = PostgresServer.url() {
                    if Oracle.required { Issue.record("PostgreSQL is required here: \(reason)") }
                }
                return
            }
            try await PostgresServer.withDatabase { url in
                let store = try await PostgresRecordStore(url: url)
                try await body(store) { sql in try PostgresServer.psql(url, sql) }
                await store.close()
            }
        }
    }

    static func record(_ council: String, _ subject: String, result: String = "{\"respond_by\":\"2025-01-08\"}") -> NewRecord {
        NewRecord(
            time: NewRecord.timestamp(Date()), requestID: UUID().uuidString, caller: "key:test", council: council, kind: .classify, subject: subject,
            policyVersion: "2021-01", policyDigest: "sha256:" + String(repeating: "a", count: 64), input: "{\"id\":\"\(subject)\"}", result: result)
    }

    static func fill(_ store: any RecordStore, count: Int = 6) async throws {
        for index in 1...count {
            try await store.append([record("north-somerset", "C\(index)"), record("derby", "D\(index)")])
        }
    }

    @Test("appends chain per council, concurrently, each record exactly once", arguments: Engine.allCases)
    func concurrentAppends(engine: Engine) async throws {
        try await Self.withStore(engine) { store, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for index in 0..<25 { try await store.append([Self.record(writer % 2 == 0 ? "derby" : "fife", "W\(writer)-\(index)")]) }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.councils() == ["derby", "fife"])
            #expect(try await store.head(council: "derby")?.sequence == 100)
            let records = try await store.records(council: "fife", from: 1, limit: 1_000)
            #expect(records.map(\.sequence) == Array(1...100))
            #expect(Set(records.compactMap(\.record.subject)).count == 100)
            let report = try await RecordAudit.verify(store, signer: nil)
            #expect(report.isIntact, "\(report.problems)")
            #expect(report.checked == ["derby": 100, "fife": 100])
        }
    }

    /// Two PostgreSQL stores (as two service instances) taking turns on one chain: each one's
    /// remembered head goes stale whenever the other writes, and the append must notice, not
    /// fork the chain (a batch that mixes councils included).
    @Test("two PostgreSQL stores taking turns on one chain never fork it")
    func instancesTakingTurns() async throws {
        guard case .success = PostgresServer.url() else {
            if Oracle.required, case .failure(let reason) = PostgresServer.url() { Issue.record("PostgreSQL is required here: \(reason)") }
            return
        }
        try await PostgresServer.withDatabase { url in
            let first = try await PostgresRecordStore(url: url)
            let second = try await PostgresRecordStore(url: url)
            for turn in 0..<6 {
                try await first.append([Self.record("derby", "A\(turn)")])
                try await first.append([Self.record("derby", "B\(turn)")])
                try await second.append([Self.record("derby", "C\(turn)"), Self.record("fife", "F\(turn)")])
            }
            let records = try await first.records(council: "derby", from: 1, limit: 100)
            #expect(records.map(\.sequence) == Array(1...18))
            #expect(records.compactMap(\.record.subject).prefix(4) == ["A0", "B0", "C0", "A1"])
            let report = try await RecordAudit.verify(first, signer: nil)
            #expect(report.isIntact, "\(report.problems)")
            #expect(report.checked == ["derby": 18, "fife": 6])
            await first.close()
            await second.close()
        }
    }

    /// Each kind of tampering and the record `verify` must name.
    static let tampering: [(name: String, sql: String, council: String, sequence: Int64)] = [
        ("a result edited", "UPDATE records SET result = replace(result, '2025-01-08', '2025-01-15') WHERE council = 'north-somerset' AND sequence = 3", "north-somerset", 3),
        ("a record deleted", "DELETE FROM records WHERE council = 'north-somerset' AND sequence = 4", "north-somerset", 4),
        ("two records swapped", """
            UPDATE records SET subject = CASE sequence WHEN 2 THEN 'C3' ELSE 'C2' END, input = CASE sequence WHEN 2 THEN '{"id":"C3"}' ELSE '{"id":"C2"}' END
            WHERE council = 'north-somerset' AND sequence IN (2, 3)
            """, "north-somerset", 2),
        ("the last record deleted", "DELETE FROM records WHERE council = 'derby' AND sequence = 6", "derby", 6),
        ("the caller changed", "UPDATE records SET caller = 'key:someone-else' WHERE council = 'derby' AND sequence = 1", "derby", 1),
    ]

    @Test("tampering with the database client is named by record", arguments: Engine.allCases, Array(0..<5))
    func tampering(engine: Engine, index: Int) async throws {
        let (name, sql, council, sequence) = Self.tampering[index]
        try await Self.withStore(engine) { store, run in
            try await Self.fill(store)
            #expect(try await RecordAudit.verify(store, signer: nil).isIntact)
            try run(sql)
            let report = try await RecordAudit.verify(store, signer: nil)
            #expect(!report.isIntact, "\(name)")
            #expect(report.problems.first?.council == council, "\(name): \(report.problems)")
            #expect(report.problems.first?.sequence == sequence, "\(name): \(report.problems)")
        }
    }

    @Test("a rewritten chain is caught by the signed checkpoint, even with every hash recomputed", arguments: Engine.allCases)
    func signedCheckpoint(engine: Engine) async throws {
        try await TemporaryFolder.with { folder in
            let signer = try CheckpointSigner.load(orCreateAt: folder.file("key"))
            try await Self.withStore(engine) { store, run in
                try await Self.fill(store, count: 3)
                try await RecordAudit.noteHeads(in: store, signer: signer)
                #expect(try await RecordAudit.verify(store, signer: signer).isIntact)
                // Rewrite derby's record 3 and give it the hash its new content chains to.
                let records = try await store.records(council: "derby", from: 1, limit: 10)
                var forged = records[2].record
                forged.result = "{\"respond_by\":\"2030-01-01\"}"
                let hash = RecordChain.hash(forged, sequence: 3, previous: records[1].hash)
                try run("UPDATE records SET result = '{\"respond_by\":\"2030-01-01\"}', hash = '\(hash)' WHERE council = 'derby' AND sequence = 3")
                try run("UPDATE chain_heads SET hash = '\(hash)' WHERE council = 'derby'")
                let report = try await RecordAudit.verify(store, signer: signer)
                #expect(report.problems.map(\.sequence) == [3], "\(report.problems)")
                #expect(report.problems.first?.message.contains("signed checkpoint") == true)
            }
        }
    }

    @Test("pruning removes the oldest records and leaves a signed checkpoint that verifies", arguments: Engine.allCases)
    func prune(engine: Engine) async throws {
        try await TemporaryFolder.with { folder in
            let signer = try CheckpointSigner.load(orCreateAt: folder.file("key"))
            try await Self.withStore(engine) { store, _ in
                try await Self.fill(store)
                let dry = try await RecordAudit.prune(council: "derby", in: store, signer: signer, dryRun: true) { ($0.subject ?? "") < "D4" }
                #expect(dry.count == 3)
                #expect(try await store.records(council: "derby", from: 1, limit: 10).count == 6)
                let done = try await RecordAudit.prune(council: "derby", in: store, signer: signer, dryRun: false) { ($0.subject ?? "") < "D4" }
                #expect(done.count == 3 && done.through == 3)
                #expect(try await store.records(council: "derby", from: 1, limit: 10).map(\.sequence) == [4, 5, 6])
                #expect(try await RecordAudit.verify(store, signer: signer).isIntact)
                try await store.append([Self.record("derby", "D7")])
                #expect(try await RecordAudit.verify(store, signer: signer).isIntact)
                // A forged prune checkpoint (another key) is not trusted.
                let other = try CheckpointSigner.load(orCreateAt: folder.file("other-key"))
                try await store.add(other.checkpoint(council: "derby", sequence: 5, hash: "sha256:forged", reason: .prune))
                #expect(!(try await RecordAudit.verify(store, signer: signer).isIntact))
            }
        }
    }

    @Test("a chain that does not verify is not pruned", arguments: Engine.allCases)
    func noPruneOfBrokenChain(engine: Engine) async throws {
        try await TemporaryFolder.with { folder in
            let signer = try CheckpointSigner.load(orCreateAt: folder.file("key"))
            try await Self.withStore(engine) { store, run in
                try await Self.fill(store)
                try run("DELETE FROM records WHERE council = 'derby' AND sequence = 2")
                await #expect(throws: StoreFailure.self) {
                    _ = try await RecordAudit.prune(council: "derby", in: store, signer: signer, dryRun: false) { _ in true }
                }
                #expect(try await store.records(council: "derby", from: 1, limit: 10).count == 5)
            }
        }
    }

    /// A prune is one transaction: when its checkpoint cannot be stored (here one is already there
    /// under the same number), the deletion is undone and the caller told.
    @Test("a prune whose checkpoint cannot be stored deletes nothing and says so", arguments: Engine.allCases)
    func pruneIsAtomic(engine: Engine) async throws {
        try await TemporaryFolder.with { folder in
            let signer = try CheckpointSigner.load(orCreateAt: folder.file("key"))
            try await Self.withStore(engine) { store, _ in
                try await Self.fill(store)
                guard let third = try await store.records(council: "derby", from: 3, limit: 1).first else {
                    Issue.record("no third record")
                    return
                }
                let checkpoint = signer.checkpoint(council: "derby", sequence: 3, hash: third.hash, reason: .prune)
                try await store.add(checkpoint)
                await #expect(throws: StoreFailure.self) { try await store.prune(through: checkpoint) }
                #expect(try await store.records(council: "derby", from: 1, limit: 10).map(\.sequence) == Array(1...6))
            }
        }
    }

    @Test("the chain can be recomputed by an independent program (Python's hashlib)")
    func independentHash() async throws {
        var record = Self.record("north-somerset", "X\"1\n", result: "{\"a\":[1,2],\"b\":\"é\"}")
        record.input = "{\"id\":\"X\\\"1\\n\"}"
        let hash = RecordChain.hash(record, sequence: 7, previous: RecordChain.genesis)
        let canonical = RecordChain.canonical(record, sequence: 7)
        let script = """
            import hashlib, json, sys
            previous, canonical = sys.argv[1], sys.argv[2]
            json.loads(canonical)
            print("sha256:" + hashlib.sha256((previous + "\\n" + canonical).encode("utf-8")).hexdigest())
            """
        guard let (status, output) = try Oracle.python(script, [RecordChain.genesis, canonical]).result() else { return }
        #expect(status == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == hash)
    }
}

/// The SQLite store moves committed pages out of its write-ahead log on its own connection: the
/// log stays bounded and the main file takes the records, while every record stays readable.
@Suite("SQLite checkpoints")
struct SQLiteCheckpointTests {
    @Test("the write-ahead log is checkpointed into the database file while appends go on")
    func checkpointsRun() async throws {
        try await TemporaryFolder.with { folder in
            let path = folder.file("records.sqlite")
            let store = try SQLiteRecordStore(path: path)
            let result = "{\"x\":\"" + String(repeating: "r", count: 3_000) + "\"}"
            // About 12 MB of records in batches of 50: the log grows by the checkpoint threshold
            // (1,000 pages) twice, so at least two checkpoints run (at about 4 and 8 MB).
            for batch in 0..<80 {
                try await store.append((0..<50).map { RecordStoreTests.record("north-somerset", "C\(batch)-\($0)", result: result) })
            }
            func size(_ file: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0 }
            // The checkpointer runs on its own thread; give it a moment to finish its last pass.
            var databaseSize = size(path)
            for _ in 0..<50 where databaseSize < 7_000_000 {
                try await Task.sleep(for: .milliseconds(100))
                databaseSize = size(path)
            }
            #expect(databaseSize >= 7_000_000, "the database file holds \(databaseSize) bytes: fewer than two checkpoints ran")
            // The writer checkpoints itself past 16,384 pages (64 MiB), so the log never grows past it.
            #expect(size(path + "-wal") <= 16_384 * 4_200, "the log outgrew its limit")
            let records = try await store.records(council: "north-somerset", from: 1, limit: 5_000)
            #expect(records.count == 4_000)
            await store.close()
        }
    }

    @Test(
        "a checkpoint is due once the log holds the threshold, then each time it grows by as much again, and near the limit after every commit",
        arguments: [
            (pages: 999, lastStart: 0, due: false), (pages: 1_000, lastStart: 0, due: true), (pages: 1_001, lastStart: 1_000, due: false),
            (pages: 1_999, lastStart: 1_000, due: false), (pages: 2_000, lastStart: 1_000, due: true), (pages: 2_500, lastStart: 1_400, due: true),
            // The log started again from the top after the last checkpoint began.
            (pages: 1_000, lastStart: 16_000, due: true), (pages: 999, lastStart: 16_000, due: false),
            // Near the limit, after every commit: the writer's own checkpoint there finds little to copy.
            (pages: 15_383, lastStart: 15_000, due: false), (pages: 15_384, lastStart: 15_383, due: true), (pages: 16_000, lastStart: 15_999, due: true),
        ] as [(pages: Int32, lastStart: Int32, due: Bool)])
    func checkpointIsDue(_ example: (pages: Int32, lastStart: Int32, due: Bool)) {
        #expect(SQLiteCheckpointer.isDue(pages: example.pages, lastStart: example.lastStart) == example.due)
    }
}
