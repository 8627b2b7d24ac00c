import Crypto
import Foundation
import RedressCalendar
import RedressDiagnostics

/// What a record is about.
public enum RecordKind: String, Sendable, CaseIterable, Codable {
    /// A complaint routed and dated (`classify`).
    case classify
    /// A case history replayed against its deadlines (`schedule`).
    case schedule
    /// Behaviour findings for a complainant: advice to staff, recorded like a decision.
    case behaviour
    /// A line of an old JSON Lines decision log, imported.
    case imported
}

/// One record as the service hands it to the store: everything needed to show later why a
/// complainant was told what they were told. `input` and `result` are JSON text exactly as
/// received (after masking) and answered.
public struct NewRecord: Sendable, Equatable {
    /// When the decision was made, UTC, to the millisecond (`2026-12-04T13:40:00.123Z`).
    public var time: String
    /// The request's id, also returned to the caller as `X-Request-Id`.
    public var requestID: String
    /// Who asked: `key:NAME`, `token:SUBJECT`, `certificate:SUBJECT`.
    public var caller: String
    public var council: String
    public var kind: RecordKind
    /// The complaint's id, or the complainant's for behaviour; nil when the input had none.
    public var subject: String?
    /// The policy version that decided (nil when the input was refused before any version applied).
    public var policyVersion: String?
    /// SHA-256 of the policy files the serving engine was compiled from.
    public var policyDigest: String?
    public var input: String
    public var result: String

    public init(
        time: String, requestID: String, caller: String, council: String, kind: RecordKind, subject: String?, policyVersion: String?,
        policyDigest: String?, input: String, result: String
    ) {
        self.time = time
        self.requestID = requestID
        self.caller = caller
        self.council = council
        self.kind = kind
        self.subject = subject
        self.policyVersion = policyVersion
        self.policyDigest = policyDigest
        self.input = input
        self.result = result
    }

    /// An instant as the records write it: ISO 8601, UTC, milliseconds.
    public static func timestamp(_ instant: Date) -> String {
        let milliseconds = Int64((instant.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let days = Int64((Double(seconds.quotient) / 86_400).rounded(.down))
        let inDay = seconds.quotient - days * 86_400
        let date = LocalDate(dayNumber: Int(days))
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(date)T\(pad(inDay / 3600, 2)):\(pad(inDay % 3600 / 60, 2)):\(pad(inDay % 60, 2)).\(pad(seconds.remainder, 3))Z"
    }
}

/// A record as stored: its place in its council's chain and its hash.
public struct StoredRecord: Sendable, Equatable {
    public var sequence: Int64
    public var record: NewRecord
    /// `sha256:` + hex of SHA-256(previous hash + "\n" + the record's canonical bytes).
    public var hash: String

    public init(sequence: Int64, record: NewRecord, hash: String) {
        self.sequence = sequence
        self.record = record
        self.hash = hash
    }

    /// The record as one JSON object (what `records export` and `records show` print).
    public var json: String {
        "{\"sequence\":\(sequence),\"hash\":\(RecordChain.quoted(hash)),"
            + String(RecordChain.canonicalBody(record).dropFirst())
    }
}

/// The hash chain: each council's records are numbered 1, 2, 3… and each record's hash covers the
/// previous record's hash, so a record changed, removed or moved breaks every hash after it.
///
/// The canonical bytes of a record are the JSON object
/// `{"council":…,"sequence":…,"time":…,"request_id":…,"caller":…,"kind":…,"subject":…,"policy_version":…,"policy_sha256":…,"input":…,"result":…}`
/// with keys in that order, no spaces, strings escaped as `JSONText` escapes them and `input` and
/// `result` inserted verbatim; the hash is SHA-256 over the previous hash's text, a line feed and
/// those bytes (docs/records.md shows how to recompute it with Python).
public enum RecordChain {
    /// The previous hash of a council's first record.
    public static let genesis = "sha256:" + String(repeating: "0", count: 64)

    public static func hash(_ record: NewRecord, sequence: Int64, previous: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(previous.utf8) + [0x0A])
        hasher.update(data: Array(canonical(record, sequence: sequence).utf8))
        return "sha256:" + ContentDigest.hex(hasher.finalize())
    }

    public static func canonical(_ record: NewRecord, sequence: Int64) -> String {
        "{\"council\":\(quoted(record.council)),\"sequence\":\(sequence)," + String(canonicalBody(record).dropFirst())
    }

    /// The record's fields after `council` and `sequence`, as a JSON object.
    static func canonicalBody(_ record: NewRecord) -> String {
        func optional(_ text: String?) -> String { text.map(quoted) ?? "null" }
        return "{\"time\":\(quoted(record.time)),\"request_id\":\(quoted(record.requestID)),\"caller\":\(quoted(record.caller)),"
            + "\"kind\":\(quoted(record.kind.rawValue)),\"subject\":\(optional(record.subject)),"
            + "\"policy_version\":\(optional(record.policyVersion)),\"policy_sha256\":\(optional(record.policyDigest)),"
            + "\"input\":\(record.input),\"result\":\(record.result)}"
    }

    /// A JSON string literal: `JSONText.quoted`, escaping `"`, `\\` and control characters only.
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
