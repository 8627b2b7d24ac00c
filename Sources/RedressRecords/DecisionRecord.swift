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
        let (days, inDay) = (milliseconds.floorDivided(by: 86_400_000), milliseconds.floorModulo(86_400_000))
        let second = Int(inDay / 1000), millisecond = Int(inDay % 1000)
        // Written in place, the date as `LocalDate` writes it: every request's records carry one.
        return String(unsafeUninitializedCapacity: 24) { text in
            guard let out = text.baseAddress else { return 0 }
            LocalDate(dayNumber: Int(days)).writeISO(to: out)
            out[10] = UInt8(ascii: "T")
            LocalDate.writeTwoDigits(second / 3600, to: out + 11)
            out[13] = UInt8(ascii: ":")
            LocalDate.writeTwoDigits(second % 3600 / 60, to: out + 14)
            out[16] = UInt8(ascii: ":")
            LocalDate.writeTwoDigits(second % 60, to: out + 17)
            out[19] = UInt8(ascii: ".")
            out[20] = UInt8(ascii: "0") + UInt8(millisecond / 100)
            LocalDate.writeTwoDigits(millisecond % 100, to: out + 21)
            out[23] = UInt8(ascii: "Z")
            return 24
        }
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
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
        var bytes = Array("{\"sequence\":\(sequence),\"hash\":".utf8)
        JSONText.appendQuoted(hash, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        bytes += PreparedRecord.fields(record)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A record with its canonical bytes made ahead, on the caller's thread, so that a store's single
/// writer only numbers, hashes and inserts it.
public struct PreparedRecord: Sendable {
    public var record: NewRecord
    /// `{"council":"…","sequence":` — the canonical bytes before the number.
    let head: [UInt8]
    /// `,"time":…}` — the canonical bytes after the number.
    let tail: [UInt8]

    public init(_ record: NewRecord) {
        var parts = Parts()
        self = parts.prepare(record)
    }

    private init(record: NewRecord, head: [UInt8], tail: [UInt8]) {
        self.record = record
        self.head = head
        self.tail = tail
    }

    /// The records prepared in order, the fields that consecutive records share (a request's
    /// council, time, id, caller, kind and policy) escaped once instead of once per record.
    static func prepare(_ records: [NewRecord]) -> [PreparedRecord] {
        var parts = Parts()
        return records.map { parts.prepare($0) }
    }

    /// `"time":…}`: the record's fields after `council` and `sequence`, closing the object.
    static func fields(_ record: NewRecord) -> [UInt8] {
        Array(PreparedRecord(record).tail.dropFirst())
    }

    /// The canonical bytes of the fields the last record prepared had, kept while the next record
    /// has the same values. The one place the canonical layout after the number is written.
    private struct Parts {
        var council: String?
        var head: [UInt8] = []
        var request: (time: String, requestID: String, caller: String, kind: RecordKind)?
        /// `,"time":…,"request_id":…,"caller":…,"kind":…`
        var requestBytes: [UInt8] = []
        var policy: (version: String?, digest: String?)?
        /// `,"policy_version":…,"policy_sha256":…`
        var policyBytes: [UInt8] = []

        mutating func prepare(_ record: NewRecord) -> PreparedRecord {
            if council != record.council {
                head = Array("{\"council\":".utf8)
                JSONText.appendQuoted(record.council, to: &head)
                head += Array(",\"sequence\":".utf8)
                council = record.council
            }
            let sameRequest = request.map {
                $0.time == record.time && $0.requestID == record.requestID && $0.caller == record.caller && $0.kind == record.kind
            }
            if sameRequest != true {
                requestBytes = []
                Self.field(",\"time\":", record.time, to: &requestBytes)
                Self.field(",\"request_id\":", record.requestID, to: &requestBytes)
                Self.field(",\"caller\":", record.caller, to: &requestBytes)
                Self.field(",\"kind\":", record.kind.rawValue, to: &requestBytes)
                request = (record.time, record.requestID, record.caller, record.kind)
            }
            if policy.map({ $0.version == record.policyVersion && $0.digest == record.policyDigest }) != true {
                policyBytes = []
                Self.field(",\"policy_version\":", record.policyVersion, to: &policyBytes)
                Self.field(",\"policy_sha256\":", record.policyDigest, to: &policyBytes)
                policy = (record.policyVersion, record.policyDigest)
            }
            var tail: [UInt8] = []
            tail.reserveCapacity(requestBytes.count + policyBytes.count + record.input.utf8.count + record.result.utf8.count + 64)
            tail += requestBytes
            Self.field(",\"subject\":", record.subject, to: &tail)
            tail += policyBytes
            Self.raw(",\"input\":", record.input, to: &tail)
            Self.raw(",\"result\":", record.result, to: &tail)
            tail.append(UInt8(ascii: "}"))
            return PreparedRecord(record: record, head: head, tail: tail)
        }

        /// `name` then the text as a JSON string, or `null`.
        private static func field(_ name: StaticString, _ text: String?, to bytes: inout [UInt8]) {
            name.withUTF8Buffer { bytes.append(contentsOf: $0) }
            if let text { JSONText.appendQuoted(text, to: &bytes) } else { bytes += Array("null".utf8) }
        }

        /// `name` then JSON text inserted verbatim.
        private static func raw(_ name: StaticString, _ json: String, to bytes: inout [UInt8]) {
            name.withUTF8Buffer { bytes.append(contentsOf: $0) }
            var json = json
            json.withUTF8 { bytes.append(contentsOf: $0) }
        }
    }

    /// The canonical bytes with `sequence` in place.
    func canonical(sequence: Int64) -> [UInt8] {
        head + Array(String(sequence).utf8) + tail
    }

    /// `sha256:` + hex of SHA-256(previous hash + "\n" + canonical bytes).
    func hash(sequence: Int64, previous: String) -> String {
        var hasher = SHA256()
        var previous = previous
        previous.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(0x0A)) { hasher.update(bufferPointer: $0) }
        head.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        var number = String(sequence)
        number.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        tail.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return ContentDigest.prefixed(hasher.finalize())
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
        PreparedRecord(record).hash(sequence: sequence, previous: previous)
    }

    public static func canonical(_ record: NewRecord, sequence: Int64) -> String {
        String(decoding: PreparedRecord(record).canonical(sequence: sequence), as: UTF8.self)
    }

    /// A JSON string literal: `JSONText.quoted`, escaping `"`, `\\` and control characters only.
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
