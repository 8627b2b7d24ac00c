import Foundation

/// Why the store could not do what was asked. The service answers 503 and gives no decision.
public struct StoreFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// A signed statement that a council's chain reached `sequence` with `hash`: written when records
/// are pruned (so the chain verifies from there) and from time to time while serving (so a
/// rewrite of older records is caught even by someone who recomputes every hash).
public struct Checkpoint: Sendable, Equatable {
    public enum Reason: String, Sendable {
        /// Records up to and including `sequence` were pruned.
        case prune
        /// The head of the chain, noted while serving.
        case head
    }

    public var council: String
    public var sequence: Int64
    public var hash: String
    public var time: String
    public var reason: Reason
    /// Hex of the Ed25519 public key that signed it.
    public var keyID: String
    /// Hex of the signature over `message`.
    public var signature: String

    public init(council: String, sequence: Int64, hash: String, time: String, reason: Reason, keyID: String, signature: String) {
        self.council = council
        self.sequence = sequence
        self.hash = hash
        self.time = time
        self.reason = reason
        self.keyID = keyID
        self.signature = signature
    }

    /// The bytes signed.
    public var message: [UInt8] {
        Array("redress-checkpoint 1\n\(council)\n\(sequence)\n\(hash)\n\(time)\n\(reason.rawValue)".utf8)
    }
}

/// Where decision records live: one small interface, two engines (SQLite, embedded; PostgreSQL,
/// for several service instances). Appends are all-or-nothing and durable before they return;
/// each council's records form a hash chain whose next number and hash the database itself
/// serialises, so several writers keep every chain whole.
public protocol RecordStore: Sendable {
    /// A description for logs: the file, or the database without its password.
    var location: String { get }

    /// Appends every record in one transaction, chaining each to its council's last record; when
    /// it returns, the records are on disk. Throws when nothing was stored.
    func append(_ records: [NewRecord]) async throws(StoreFailure)

    /// Every record about `subject` (a complaint or complainant id) for `council`, newest first.
    func records(council: String, subject: String) async throws(StoreFailure) -> [StoredRecord]

    /// The councils that have records, in order.
    func councils() async throws(StoreFailure) -> [String]

    /// A council's records from `sequence` on, in order, in batches of at most `limit`.
    func records(council: String, from sequence: Int64, limit: Int) async throws(StoreFailure) -> [StoredRecord]

    /// The last sequence number and hash of a council's chain as the store records it.
    func head(council: String) async throws(StoreFailure) -> (sequence: Int64, hash: String)?

    func checkpoints(council: String) async throws(StoreFailure) -> [Checkpoint]

    func add(_ checkpoint: Checkpoint) async throws(StoreFailure)

    /// Deletes a council's records up to and including `checkpoint.sequence` and stores the
    /// checkpoint, in one transaction.
    func prune(through checkpoint: Checkpoint) async throws(StoreFailure)

    /// Notes when credentials were last used (name → ISO 8601 instant); later times win.
    func noteUse(_ times: [String: String]) async throws(StoreFailure)

    /// When each credential was last used.
    func usage() async throws(StoreFailure) -> [String: String]

    func close() async
}
