import Foundation
import RedressDiagnostics
import Testing

@testable import RedressRecords

/// A request's records are prepared together, the fields they share escaped once: the canonical
/// bytes (and so every hash) must be exactly those of each record prepared alone, whatever is
/// shared and whatever is not.
@Suite("Prepared records")
struct PreparedRecordTests {
    /// Text with what JSON escapes (quotes, backslashes, control characters) and what it does not.
    static let texts = ["a", "b", "", "quote \" and \\ backslash", "line\nbreak\ttab", "é ✓ 🙂", "\u{1}\u{1f}"]

    static func randomRecord(_ generator: inout some RandomNumberGenerator) -> NewRecord {
        func pick(_ options: [String]) -> String { options.randomElement(using: &generator) ?? "" }
        func maybe(_ options: [String]) -> String? { Bool.random(using: &generator) ? pick(options) : nil }
        let kind = RecordKind.allCases.randomElement(using: &generator) ?? .classify
        return NewRecord(
            time: pick(["2026-12-05T10:00:00.000Z", "2026-12-05T10:00:00.001Z"]), requestID: pick(["r1", "r2\""]), caller: pick(["key:a", "token:é"]),
            council: pick(["derby", "north-somerset", "a\"b"]), kind: kind, subject: maybe(texts), policyVersion: maybe(["2024-01", "v\\2"]),
            policyDigest: maybe(["sha256:" + String(repeating: "0", count: 64), "sha256:" + String(repeating: "f", count: 64)]),
            input: "{\"id\":" + JSONText.quoted(pick(texts)) + "}", result: "{\"x\":" + JSONText.quoted(pick(texts)) + "}")
    }

    @Test("prepared together, each record's canonical bytes and hash are those it has alone")
    func togetherEqualsAlone() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            // Runs of records that share some fields: copies of one record with a few fields changed.
            var records: [NewRecord] = []
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                var record = records.last.flatMap { Bool.random(using: &generator) ? $0 : nil } ?? Self.randomRecord(&generator)
                let other = Self.randomRecord(&generator)
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: record.subject = other.subject
                case 1: record.input = other.input
                case 2: record.policyVersion = other.policyVersion
                case 3: record.time = other.time
                case 4: record.council = other.council
                default: record = other
                }
                records.append(record)
            }
            let together = PreparedRecord.prepare(records)
            #expect(together.count == records.count)
            for (index, (prepared, record)) in zip(together, records).enumerated() {
                let alone = PreparedRecord(record)
                let sequence = Int64(index + 1)
                #expect(prepared.record == record)
                #expect(prepared.canonical(sequence: sequence) == alone.canonical(sequence: sequence))
                #expect(prepared.hash(sequence: sequence, previous: RecordChain.genesis) == alone.hash(sequence: sequence, previous: RecordChain.genesis))
            }
        }
    }

    @Test("the canonical bytes are one JSON object with the record's values, keys in the documented order")
    func canonicalShape() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let record = Self.randomRecord(&generator)
            let bytes = PreparedRecord(record).canonical(sequence: 42)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(object["council"] as? String == record.council)
            #expect(object["sequence"] as? Int == 42)
            #expect(object["time"] as? String == record.time)
            #expect(object["request_id"] as? String == record.requestID)
            #expect(object["caller"] as? String == record.caller)
            #expect(object["kind"] as? String == record.kind.rawValue)
            #expect(object["subject"] as? String == record.subject)
            #expect(object["policy_version"] as? String == record.policyVersion)
            #expect(object["policy_sha256"] as? String == record.policyDigest)
            let text = String(decoding: bytes, as: UTF8.self)
            let keys = ["council", "sequence", "time", "request_id", "caller", "kind", "subject", "policy_version", "policy_sha256", "input", "result"]
            let positions = keys.compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
            #expect(positions.count == keys.count)
            #expect(positions == positions.sorted())
        }
    }
}
