import Foundation
import Hummingbird
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressRecords

/// `GET /v1/whoami`, `GET /v1/councils` (the caller's councils only), a council's policy text as
/// served, and its decision records.
extension RedressService {
    func addCouncilRoutes(to router: Router<ServiceRequestContext>) {
        add(.whoami, to: router) { _, _, caller in
            let councils: String
            switch caller.councils {
            case .all: councils = JSONText.quoted("all")
            case .only(let ids): councils = JSONText.array(ids.sorted().map(JSONText.quoted))
            }
            let may = Endpoint.allCases.filter { endpoint in endpoint.roles.map { caller.may($0, council: nil) } ?? true }.map { JSONText.quoted($0.operationID) }
            return Self.json(
                JSONText.object([
                    ("name", JSONText.quoted(caller.name)), ("credential", JSONText.quoted(caller.credential.rawValue)),
                    ("roles", JSONText.array(caller.roles.sorted().map { JSONText.quoted($0.rawValue) })), ("councils", councils),
                    ("may", JSONText.array(may)),
                ]))
        }
        add(.listCouncils, to: router) { _, _, caller in
            Self.json(CouncilListing.json(registry.snapshot.filter { caller.councils.contains($0.key) }))
        }
        add(.policyText, to: router) { _, context, caller in
            let (council, policy) = try council(context, caller: caller)
            guard let version = policy.engine.version(on: CouncilListing.ukDate(Date())) ?? policy.engine.versions.last else {
                throw Problem(.notFound, "the council has no policy serving")
            }
            let name = (version.policy.path as NSString).lastPathComponent
            return Self.json(
                JSONText.object([
                    ("council", JSONText.quoted(council)), ("version", JSONText.quoted(version.policy.version.id)),
                    ("file", JSONText.quoted(name)), ("text", JSONText.quoted(policy.texts[name] ?? "")),
                    ("digest", JSONText.quoted(policy.digest)),
                    ("services", JSONText.array(version.policy.services.map(JSONText.quoted))),
                ]))
        }
        add(.findRecords, to: router) { _, context, _ in
            let council = try context.parameters.require("council")
            let subject = try context.parameters.require("id")
            let records: [StoredRecord]
            do {
                records = try await recorder.store.records(council: council, subject: subject)
            } catch {
                throw Problem(.serviceUnavailable, "the records store cannot be read: \(error)", headers: [.retryAfter: "5"])
            }
            return Self.json(JSONText.object([("council", JSONText.quoted(council)), ("id", JSONText.quoted(subject)), ("records", JSONText.array(records.map(\.json)))]))
        }
    }
}

/// The council list's JSON: each council, its versions with effective dates, the one in force
/// today, its status (always what is serving now), the digest of the files serving, and the
/// problems when rejected.
enum CouncilListing {
    static func json(_ councils: [String: CouncilState]) -> String {
        let today = Self.ukDate(Date())
        let items = councils.keys.sorted().compactMap { id -> String? in
            guard let state = councils[id] else { return nil }
            let versions: [String] = state.engine?.versions.map { compiled -> String in
                let version = compiled.policy.version
                return JSONText.object([
                    ("id", JSONText.quoted(version.id)), ("effective_from", JSONText.quoted("\(version.effectiveFrom)")),
                    ("effective_to", version.effectiveTo.map { JSONText.quoted("\($0)") } ?? "null"),
                ])
            } ?? []
            let renderer = DiagnosticRenderer(sources: state.sources)
            return JSONText.object([
                ("id", JSONText.quoted(id)), ("name", state.engine?.versions.last.map { JSONText.quoted($0.policy.council.name) } ?? "null"),
                ("status", JSONText.quoted(state.status.rawValue)), ("serving", String(state.engine != nil)),
                ("detail", state.detail.map(JSONText.quoted) ?? "null"), ("since", JSONText.quoted(timestamp(state.since))),
                ("versions", JSONText.array(versions)), ("in_force", state.engine?.version(on: today).map { JSONText.quoted($0.policy.version.id) } ?? "null"),
                ("digest", state.digest.map(JSONText.quoted) ?? "null"),
                ("loaded_at", state.loadedAt.map { JSONText.quoted(timestamp($0)) } ?? "null"),
                ("diagnostics", JSONText.array(state.diagnostics.map(renderer.renderJSON))),
            ])
        }
        return JSONText.object([("councils", JSONText.array(items))])
    }

    /// The UK civil date of an instant.
    static func ukDate(_ instant: Date) -> LocalDate {
        let utcMinutes = Int((instant.timeIntervalSince1970 / 60).rounded(.down))
        return LocalDate(dayNumber: Int((Double(UKTime.localMinutes(fromUTCMinutes: utcMinutes)) / 1440).rounded(.down)))
    }

    /// An instant as ISO 8601 in UTC, to the second.
    static func timestamp(_ instant: Date) -> String {
        String(NewRecord.timestamp(instant).prefix(19)) + "Z"
    }
}
