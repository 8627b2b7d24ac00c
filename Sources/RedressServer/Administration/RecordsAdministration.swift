import Foundation
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressRecords

/// `redress-server records verify|show|export|prune|import`.
public enum RecordsAdministration {
    /// Every chain walked; one line per council and one per problem.
    public static func verify(_ store: any RecordStore, signer: CheckpointSigner?) async throws(StoreFailure) -> (report: ChainReport, text: String) {
        let report = try await RecordAudit.verify(store, signer: signer)
        var lines = report.checked.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value) record\($0.value == 1 ? "" : "s") checked" }
        lines += report.problems.map { "error: \($0)" }
        lines.append(report.isIntact ? "every chain verifies" : "\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"): the records were changed outside the service")
        if signer == nil { lines.append("note: no signing key was given, so checkpoint signatures were not checked") }
        return (report, lines.joined(separator: "\n") + "\n")
    }

    /// Every record about a complaint, newest first, one JSON object per line.
    public static func show(_ store: any RecordStore, council: String, subject: String) async throws(StoreFailure) -> [StoredRecord] {
        try await store.records(council: council, subject: subject)
    }

    /// Records as JSON Lines, council by council in chain order, within `[from, to)` when given
    /// (ISO 8601 instants or dates, compared as text).
    public static func export(
        _ store: any RecordStore, council: String?, from: String?, to: String?, write: (String) throws -> Void
    ) async throws -> Int {
        var count = 0
        for id in try await store.councils() where council == nil || council == id {
            var next: Int64 = 1
            while true {
                let batch = try await store.records(council: id, from: next, limit: 1_000)
                for record in batch {
                    if let from, record.record.time < from { continue }
                    if let to, record.record.time >= to { continue }
                    try write(record.json + "\n")
                    count += 1
                }
                guard let last = batch.last, batch.count == 1_000 else { break }
                next = last.sequence + 1
            }
        }
        return count
    }

    /// How long each council's records must be kept: the longest retention period any rule of any
    /// of its policy versions sets, plus `caseAllowance` (retention runs from a case's closure,
    /// which comes after the decision), and never less than `keepAtLeast`.
    public struct Retention: Sendable {
        public var periods: [PolicyDuration]
        public var caseAllowance: PolicyDuration
        public var keepAtLeast: PolicyDuration?

        /// True when a record made on `made` may go on `asOf` under every period.
        func isDue(made: LocalDate, asOf: LocalDate, calendar: WorkingDayCalendar) -> Bool {
            guard let start = try? caseAllowance.date(after: made, calendar: calendar) else { return false }
            for period in periods + (keepAtLeast.map { [$0] } ?? []) {
                guard let end = try? period.date(after: start, calendar: calendar), end <= asOf else { return false }
            }
            return !periods.isEmpty
        }
    }

    public static func retention(council: String, library: String, caseAllowance: PolicyDuration, keepAtLeast: PolicyDuration?) -> (Retention, WorkingDayCalendar)? {
        guard let engine = try? Engine.load(path: library + "/councils/" + council, library: PolicyLibrary(root: library)) else { return nil }
        let periods = engine.versions.flatMap { $0.policy.retention.map(\.keep) }
        guard let calendar = engine.versions.last?.calendar else { return nil }
        return (Retention(periods: periods, caseAllowance: caseAllowance, keepAtLeast: keepAtLeast), calendar)
    }

    /// Prunes every council whose policy says records may go; a council not in the library (or
    /// whose policy states no retention) keeps everything, and says so.
    public static func prune(
        _ store: any RecordStore, signer: CheckpointSigner, library: String, asOf: LocalDate, dryRun: Bool, caseAllowance: PolicyDuration,
        keepAtLeast: PolicyDuration?
    ) async throws(StoreFailure) -> String {
        var lines: [String] = []
        for council in try await store.councils() {
            guard let (retention, calendar) = retention(council: council, library: library, caseAllowance: caseAllowance, keepAtLeast: keepAtLeast),
                !retention.periods.isEmpty
            else {
                lines.append("\(council): kept whole — no policy in the library states how long its records are kept")
                continue
            }
            let outcome = try await RecordAudit.prune(council: council, in: store, signer: signer, dryRun: dryRun) { record in
                // The decision's UTC date, a day later to be safe across midnight in UK time.
                guard let day = try? LocalDate(iso: record.time.prefix(10)) else { return false }
                return retention.isDue(made: day.adding(days: 1), asOf: asOf, calendar: calendar)
            }
            let longest = retention.periods.max { $0.approximateDays < $1.approximateDays }.map(\.description) ?? "—"
            let verb = dryRun ? "would remove" : "removed"
            lines.append(
                "\(council): \(verb) \(outcome.count) record\(outcome.count == 1 ? "" : "s")"
                    + (outcome.through.map { " (up to record \($0))" } ?? "")
                    + "; kept: longest retention \(longest) + \(caseAllowance) for the case to close"
                    + (outcome.firstKept.map { "; oldest kept from \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Imports an old `--decision-log` JSON Lines file: each line becomes an `imported` record
    /// (time, request id, council, digest, input and result as they were), chained like any other.
    public static func importLog(_ path: String, into store: any RecordStore) async throws -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { throw StoreFailure("cannot read \(path)") }
        var batch: [NewRecord] = []
        var count = 0
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() where !line.allSatisfy(\.isWhitespace) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let council = object["council"] as? String,
                let time = object["time"] as? String
            else { throw StoreFailure("\(path):\(index + 1): not a decision log line (needs council and time)") }
            func json(_ key: String) -> String {
                guard let value = object[key], let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) else { return "null" }
                return String(decoding: data, as: UTF8.self)
            }
            let result = object["result"] as? [String: Any]
            let policy = result?["policy"] as? [String: Any]
            batch.append(
                NewRecord(
                    time: time, requestID: object["request_id"] as? String ?? "imported-\(index + 1)", caller: "imported:\((path as NSString).lastPathComponent)",
                    council: council, kind: .imported, subject: (object["input"] as? [String: Any])?["id"] as? String,
                    policyVersion: policy?["version"] as? String, policyDigest: object["digest"] as? String, input: json("input"), result: json("result")))
            if batch.count == 1_000 {
                try await store.append(batch)
                count += batch.count
                batch = []
            }
        }
        try await store.append(batch)
        return count + batch.count
    }
}
