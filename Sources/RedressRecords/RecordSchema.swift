/// The records database's tables, the same in SQLite and PostgreSQL, created and migrated by the
/// service itself: `redress_schema` holds the version, and each migration runs once, in order, in
/// one transaction.
enum RecordSchema {
    /// Each version's statements; version N is `migrations[N - 1]`.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE records (
                council TEXT NOT NULL, sequence BIGINT NOT NULL, time TEXT NOT NULL, request_id TEXT NOT NULL,
                caller TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT, policy_version TEXT, policy_sha256 TEXT,
                input TEXT NOT NULL, result TEXT NOT NULL, hash TEXT NOT NULL,
                PRIMARY KEY (council, sequence))
            """,
            "CREATE INDEX records_by_subject ON records (council, subject)",
            "CREATE TABLE chain_heads (council TEXT PRIMARY KEY, sequence BIGINT NOT NULL, hash TEXT NOT NULL)",
            """
            CREATE TABLE checkpoints (
                council TEXT NOT NULL, sequence BIGINT NOT NULL, hash TEXT NOT NULL, time TEXT NOT NULL,
                reason TEXT NOT NULL, key_id TEXT NOT NULL, signature TEXT NOT NULL,
                PRIMARY KEY (council, sequence, reason))
            """,
            "CREATE TABLE key_usage (name TEXT PRIMARY KEY, last_used TEXT NOT NULL)",
        ],
        // Version 2: saved policy drafts and their comments.
        DraftSchema.tables,
    ]

    static var version: Int { migrations.count }

    static func migrate(_ connection: SQLiteConnection) throws(StoreFailure) {
        try connection.execute("CREATE TABLE IF NOT EXISTS redress_schema (version INTEGER NOT NULL)")
        try connection.execute("BEGIN IMMEDIATE")
        do throws(StoreFailure) {
            let current = try connection.query("SELECT max(version) FROM redress_schema").first?.first?.integer ?? 0
            guard current <= Int64(version) else {
                throw StoreFailure("\(connection.path): the records database is at schema version \(current), newer than this Redress (\(version)); upgrade Redress")
            }
            for next in Int(current) + 1...max(Int(current) + 1, version) where next <= version {
                for statement in migrations[next - 1] { try connection.execute(statement) }
                try connection.query("INSERT INTO redress_schema (version) VALUES (?)", [.integer(Int64(next))])
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    static let recordColumns = "council, sequence, time, request_id, caller, kind, subject, policy_version, policy_sha256, input, result, hash"
    static let insertRecord = "INSERT INTO records (\(recordColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    static let selectRecords = "SELECT \(recordColumns) FROM records"
    static let checkpointColumns = "council, sequence, hash, time, reason, key_id, signature"
    static let insertCheckpoint = "INSERT INTO checkpoints (\(checkpointColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)"
    static let selectCheckpoints = "SELECT \(checkpointColumns) FROM checkpoints WHERE council = ? ORDER BY sequence, reason"

    static func values(_ checkpoint: Checkpoint) -> [String?] {
        [
            checkpoint.council, String(checkpoint.sequence), checkpoint.hash, checkpoint.time, checkpoint.reason.rawValue, checkpoint.keyID,
            checkpoint.signature,
        ]
    }

    /// A record from a row in `recordColumns` order (nil for a row that is not one).
    static func record(_ row: [String?]) -> StoredRecord? {
        guard row.count == 12, let council = row[0], let sequence = row[1].flatMap({ Int64($0) }), let time = row[2], let requestID = row[3],
            let caller = row[4], let kind = row[5], let input = row[9], let result = row[10], let hash = row[11]
        else { return nil }
        let record = NewRecord(
            time: time, requestID: requestID, caller: caller, council: council, kind: RecordKind(rawValue: kind) ?? .imported, subject: row[6],
            policyVersion: row[7], policyDigest: row[8], input: input, result: result)
        return StoredRecord(sequence: sequence, record: record, hash: hash)
    }

    static func checkpoint(_ row: [String?]) -> Checkpoint? {
        guard row.count == 7, let council = row[0], let sequence = row[1].flatMap({ Int64($0) }), let hash = row[2], let time = row[3],
            let reason = row[4].flatMap(Checkpoint.Reason.init), let keyID = row[5], let signature = row[6]
        else { return nil }
        return Checkpoint(council: council, sequence: sequence, hash: hash, time: time, reason: reason, keyID: keyID, signature: signature)
    }
}

extension RecordSchema {
    /// Binds a record's column values in `recordColumns` order.
    static func bind(_ record: NewRecord, sequence: Int64, hash: String, to bind: inout SQLiteStatement.Binder) {
        bind.text(record.council)
        bind.integer(sequence)
        bind.text(record.time)
        bind.text(record.requestID)
        bind.text(record.caller)
        bind.text(record.kind.rawValue)
        bind.text(record.subject)
        bind.text(record.policyVersion)
        bind.text(record.policyDigest)
        bind.text(record.input)
        bind.text(record.result)
        bind.text(hash)
    }

    static func record(_ row: [SQLiteValue]) -> StoredRecord? {
        record(row.map { $0.text ?? $0.integer.map(String.init) })
    }
}
