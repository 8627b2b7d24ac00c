import Foundation
import Hummingbird
import HummingbirdTesting
import RedressRecords
import RedressTestSupport
import Testing

@testable import RedressServer

/// Decision records through the service: every answered item recorded with the request id the
/// caller got, the caller, the policy version and digest; masked fields never stored; no answer
/// when the store cannot commit.
@Suite("Decision records from the service")
struct DecisionRecordTests {
    @Test("every item of a request is recorded with its request id, caller, version, digest, input and result")
    func recorded() async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder)
            let body = "[{\"id\":\"L1\",\"received\":\"2024-12-20\",\"service\":\"highways\",\"text\":\"my name is Ann\"},{\"id\":\"L2\"}]"
            let requestID = try await fixture.app.test(.router) { client in
                try await client.call("/v1/councils/north-somerset/classify", as: .decider, body: body) { response in
                    #expect(response.status == .ok)
                    return response.headers[.requestID]
                }
            }
            let first = try #require(try await fixture.store.records(council: "north-somerset", subject: "L1").first)
            #expect(first.sequence == 1)
            #expect(first.record.requestID == requestID)
            #expect(first.record.caller == "key:decider")
            #expect(first.record.kind == .classify)
            #expect(first.record.policyVersion == "2021-01")
            #expect(first.record.policyDigest?.hasPrefix("sha256:") == true)
            #expect(first.record.input.contains("\"text\":\"my name is Ann\""))
            #expect(first.record.result.contains("\"respond_by\":\"2025-01-08\""))
            let second = try #require(try await fixture.store.records(council: "north-somerset", subject: "L2").first)
            #expect(second.sequence == 2)
            #expect(second.record.result == "{\"line\":2,\"id\":\"L2\",\"error\":\"missing `received`\"}")
            // The records endpoint finds them, for a reader.
            try await fixture.app.test(.router) { client in
                try await client.call("/v1/councils/north-somerset/records/L1", .get, as: .reader) { response in
                    let records = try #require(try ServiceFixture.object(response)["records"] as? [[String: Any]])
                    #expect(records.first?["request_id"] as? String == requestID)
                }
                try await client.call("/v1/councils/north-somerset/records/L1", .get, as: .decider) { #expect($0.status == .forbidden) }
            }
            #expect(try await RecordAudit.verify(fixture.store, signer: nil).isIntact)
        }
    }

    @Test("masked fields are stored as salted hashes, never as given")
    func masking() async throws {
        try await TemporaryFolder.with { folder in
            let mask = RecordMask(paths: ["text", "contact.name"], salt: Array("pepper".utf8))
            let fixture = try await ServiceFixture(folder: folder, mask: mask)
            let body = "{\"id\":\"M1\",\"received\":\"2024-12-20\",\"service\":\"waste\",\"text\":\"Ann Smith, 1 High St\",\"contact\":{\"name\":\"Ann\",\"ref\":7}}"
            try await fixture.app.test(.router) { client in
                try await client.call("/v1/councils/north-somerset/classify", as: .decider, body: body) { #expect($0.status == .ok) }
            }
            let record = try #require(try await fixture.store.records(council: "north-somerset", subject: "M1").first)
            #expect(!record.record.input.contains("Ann"))
            #expect(record.record.input.contains("\"text\":\"masked:sha256:"))
            #expect(record.record.input.contains("\"ref\":7"))
            #expect(mask.apply(toObject: "{\"text\":\"Ann Smith, 1 High St\"}") == mask.apply(toObject: "{\"text\":\"Ann Smith, 1 High St\"}"))
        }
    }

    /// A store that refuses every append, as a full disk or lost database does.
    struct RefusingStore: RecordStore {
        var location: String { "refusing" }
        func append(_ records: [NewRecord]) async throws(StoreFailure) { throw StoreFailure("disk full") }
        func records(council: String, subject: String) async throws(StoreFailure) -> [StoredRecord] { [] }
        func councils() async throws(StoreFailure) -> [String] { throw StoreFailure("disk full") }
        func records(council: String, from sequence: Int64, limit: Int) async throws(StoreFailure) -> [StoredRecord] { [] }
        func head(council: String) async throws(StoreFailure) -> (sequence: Int64, hash: String)? { nil }
        func checkpoints(council: String) async throws(StoreFailure) -> [Checkpoint] { [] }
        func add(_ checkpoint: Checkpoint) async throws(StoreFailure) {}
        func prune(through checkpoint: Checkpoint) async throws(StoreFailure) {}
        func noteUse(_ times: [String: String]) async throws(StoreFailure) {}
        func usage() async throws(StoreFailure) -> [String: String] { [:] }
        func close() async {}
    }

    @Test("a store that cannot commit: 503 with Retry-After, no decision given, and not ready")
    func noDecisionWithoutRecord() async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder, store: RefusingStore())
            try await fixture.app.test(.router) { client in
                try await client.call("/v1/councils/north-somerset/classify", as: .decider, body: "{\"id\":\"F\",\"received\":\"2024-12-20\"}") { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.headers[.retryAfter] == "5")
                    #expect(!ServiceFixture.text(response).contains("respond_by"))
                }
                try await client.call("/readyz", .get, as: .nobody) { #expect($0.status == .serviceUnavailable) }
            }
        }
    }
}
