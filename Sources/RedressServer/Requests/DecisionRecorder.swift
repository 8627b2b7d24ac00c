import Foundation
import Logging
import RedressRecords

/// One item of a decision request as answered: what came in, what went out, and what the record
/// needs to name (the complaint or complainant, the policy version that decided).
struct AnsweredItem: Sendable {
    var input: String
    var output: String
    var subject: String?
    var policyVersion: String?
    /// False for an item answered with its error record.
    var decided: Bool
}

/// Makes the record of every answered item and stores them before the answer is given: no
/// decision leaves the service unrecorded. Masking happens here, before a record exists.
public struct DecisionRecorder: Sendable {
    public let store: any RecordStore
    public let mask: RecordMask
    public let signer: CheckpointSigner?

    public init(store: any RecordStore, mask: RecordMask = RecordMask(paths: [], salt: []), signer: CheckpointSigner? = nil) {
        self.store = store
        self.mask = mask
        self.signer = signer
    }

    /// Stores one record per item, all in one transaction; throws 503 when the store cannot.
    func record(
        _ items: [AnsweredItem], kind: RecordKind, council: String, policy: ServingPolicy, caller: Identity, requestID: String, logger: Logger,
        metrics: ServerMetrics
    ) async throws {
        guard !items.isEmpty else { return }
        let time = NewRecord.timestamp(Date())
        let records = items.map { item in
            NewRecord(
                time: time, requestID: requestID, caller: caller.recordName, council: council, kind: kind, subject: item.subject,
                policyVersion: item.policyVersion, policyDigest: policy.digest, input: mask.apply(toObject: item.input), result: item.output)
        }
        do {
            try await store.append(records)
        } catch {
            metrics.recordFailure()
            logger.error("could not store decision records; the request was refused", metadata: ["store": "\(store.location)", "caller": "\(caller.recordName)", "error": "\(error.description)"])
            throw Problem(
                .serviceUnavailable, "the decisions could not be recorded, so none is given", help: "no decision is given without its record; try again shortly",
                headers: [.retryAfter: "5"])
        }
    }
}
