import Foundation
import Logging
import PostgresNIO

/// The store for a council running several service instances: one PostgreSQL database
/// (postgres-nio). Appends go through `PostgresChainAppend`, which lets the database — not any one
/// process — decide each record's number and previous hash.
public final class PostgresRecordStore: RecordStore, Sendable {
    public let location: String
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let logger: Logger
    private let groupCommit: GroupCommit
    /// How long a request waits for the database (`connect_timeout` in the URL).
    let timeout: Duration

    /// Connects to `url` (`postgres://user:password@host:port/database`, or
    /// `postgres:///database?host=/run/postgresql&user=redress` for a Unix socket) and migrates the
    /// schema, failing with the server's reason (or after the URL's timeout) when it cannot.
    public init(url: String, logger: Logger = Logger(label: "redress.records")) async throws(StoreFailure) {
        let place = try PostgresLocation(url)
        location = place.redacted
        timeout = place.timeout
        try await Self.migrate(place, logger: logger)
        let client = PostgresClient(configuration: place.clientConfiguration)
        self.client = client
        self.logger = logger
        running = Task { await client.run() }
        let chains = PostgresChainAppend(client: client, logger: logger)
        let location = location, timeout = timeout
        groupCommit = GroupCommit(timeout: timeout, lateFailure: { Self.noAnswer(location, timeout) }) { batch in
            do throws(StoreFailure) {
                return .success(try await chains.append(Array(batch)))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Creates or migrates the tables on a connection of its own, one migrator at a time whichever
    /// instance starts first.
    private static func migrate(_ place: PostgresLocation, logger: Logger) async throws(StoreFailure) {
        let configuration = try place.connectionConfiguration()
        try await StoreDeadline.run(within: place.timeout, { noAnswer(place.redacted, place.timeout) }) { () throws(StoreFailure) in
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                do {
                    try await connection.run("BEGIN", logger: logger)
                    try await connection.run("SELECT pg_advisory_xact_lock(727365001)", logger: logger)
                    try await connection.run("CREATE TABLE IF NOT EXISTS redress_schema (version INTEGER NOT NULL)", logger: logger)
                    var current = 0
                    for try await version in try await connection.query("SELECT coalesce(max(version), 0) FROM redress_schema", logger: logger).decode(Int.self) {
                        current = version
                    }
                    guard current <= RecordSchema.version else {
                        throw StoreFailure(
                            "the records database is at schema version \(current), newer than this Redress (\(RecordSchema.version)); upgrade Redress")
                    }
                    for next in (current + 1)...max(current + 1, RecordSchema.version) where next <= RecordSchema.version {
                        for statement in RecordSchema.migrations[next - 1] {
                            try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await connection.run("INSERT INTO redress_schema (version) VALUES (\(next))", logger: logger)
                    }
                    try await connection.run("COMMIT", logger: logger)
                } catch {
                    try? await connection.close().get()
                    throw error
                }
                try? await connection.close().get()
            } catch {
                throw failure(error, place.redacted)
            }
        }
    }

    /// Why an operation gave up: the database did not answer within the timeout. What it was sent
    /// may still be committed after the caller was told 503 (under that request's id).
    static func noAnswer(_ location: String, _ timeout: Duration) -> StoreFailure {
        StoreFailure(
            "\(location): no answer within \(timeout.components.seconds) s (the URL's `connect_timeout`); the database may still commit what it was sent")
    }

    static func failure(_ error: any Error, _ location: String) -> StoreFailure {
        if let failure = error as? StoreFailure { return failure }
        if let transaction = error as? PostgresTransactionError,
            let inner = transaction.closureError ?? transaction.beginError ?? transaction.commitError ?? transaction.rollbackError
        {
            return failure(inner, location)
        }
        if let psql = error as? PSQLError {
            let reason = psql.serverInfo?[.message] ?? psql.underlying.map { "\($0)" } ?? String(describing: psql.code)
            return StoreFailure("\(location): \(reason)")
        }
        return StoreFailure("\(location): \(error)")
    }

    public func append(_ records: [NewRecord]) async throws(StoreFailure) {
        try await groupCommit.append(records)
    }

    func rows(_ query: PostgresQuery) async throws(StoreFailure) -> [[String?]] {
        let client = client, logger = logger, location = location, timeout = timeout
        return try await StoreDeadline.run(within: timeout, { Self.noAnswer(location, timeout) }) { () throws(StoreFailure) in
            try await Self.rows(query, client: client, logger: logger, location: location)
        }
    }

    private static func rows(_ query: PostgresQuery, client: PostgresClient, logger: Logger, location: String) async throws(StoreFailure) -> [[String?]] {
        do {
            var rows: [[String?]] = []
            for try await row in try await client.query(query, logger: logger) {
                rows.append(row.map { cell in cell.bytes.map { String(buffer: $0) } })
            }
            return rows
        } catch {
            throw failure(error, location)
        }
    }

    public func records(council: String, subject: String) async throws(StoreFailure) -> [StoredRecord] {
        try await rows(
            PostgresQuery(unsafeSQL: Self.selectRecords + " WHERE council = $1 AND subject = $2 ORDER BY records.sequence DESC", binds: Self.binds([council, subject]))
        ).compactMap(RecordSchema.record)
    }

    public func records(council: String, from sequence: Int64, limit: Int) async throws(StoreFailure) -> [StoredRecord] {
        var binds = Self.binds([council])
        binds.append(sequence)
        binds.append(Int64(limit))
        return try await rows(
            PostgresQuery(unsafeSQL: Self.selectRecords + " WHERE council = $1 AND records.sequence >= $2 ORDER BY records.sequence LIMIT $3", binds: binds)
        ).compactMap(RecordSchema.record)
    }

    public func councils() async throws(StoreFailure) -> [String] {
        try await rows("SELECT council FROM chain_heads UNION SELECT council FROM checkpoints ORDER BY 1").compactMap { $0.first ?? nil }
    }

    public func head(council: String) async throws(StoreFailure) -> (sequence: Int64, hash: String)? {
        guard let row = try await rows("SELECT sequence::text, hash FROM chain_heads WHERE council = \(council)").first,
            let sequence = row[0].flatMap({ Int64($0) }), let hash = row[1], sequence > 0
        else { return nil }
        return (sequence, hash)
    }

    public func checkpoints(council: String) async throws(StoreFailure) -> [Checkpoint] {
        try await rows(
            PostgresQuery(
                unsafeSQL: "SELECT council, sequence::text, hash, time, reason, key_id, signature FROM checkpoints WHERE council = $1 ORDER BY checkpoints.sequence, reason",
                binds: Self.binds([council]))
        ).compactMap(RecordSchema.checkpoint)
    }

    public func add(_ checkpoint: Checkpoint) async throws(StoreFailure) {
        _ = try await rows(Self.insertCheckpoint(checkpoint))
    }

    public func prune(through checkpoint: Checkpoint) async throws(StoreFailure) {
        do {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.run("DELETE FROM records WHERE council = \(checkpoint.council) AND sequence <= \(checkpoint.sequence)", logger: logger)
                try await connection.run(Self.insertCheckpoint(checkpoint), logger: logger)
            }
        } catch {
            throw Self.failure(error, location)
        }
    }

    /// Every column as text (the sequence cast), in `RecordSchema.recordColumns` order.
    static let selectRecords =
        "SELECT council, sequence::text, time, request_id, caller, kind, subject, policy_version, policy_sha256, input, result, hash FROM records"

    static func insertCheckpoint(_ checkpoint: Checkpoint) -> PostgresQuery {
        var binds = PostgresBindings()
        for (index, value) in RecordSchema.values(checkpoint).enumerated() {
            if index == 1 { binds.append(checkpoint.sequence) } else { binds.append(value) }
        }
        return PostgresQuery(unsafeSQL: "INSERT INTO checkpoints (\(RecordSchema.checkpointColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7)", binds: binds)
    }

    static func binds(_ values: [String]) -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        return binds
    }

    public func noteUse(_ times: [String: String]) async throws(StoreFailure) {
        for (name, time) in times {
            _ = try await rows(
                "INSERT INTO key_usage (name, last_used) VALUES (\(name), \(time)) ON CONFLICT (name) DO UPDATE SET last_used = greatest(key_usage.last_used, excluded.last_used)")
        }
    }

    public func usage() async throws(StoreFailure) -> [String: String] {
        var usage: [String: String] = [:]
        for row in try await rows("SELECT name, last_used FROM key_usage") {
            if let name = row[0], let time = row[1] { usage[name] = time }
        }
        return usage
    }

    public func close() async {
        groupCommit.stop()
        running.cancel()
    }
}
