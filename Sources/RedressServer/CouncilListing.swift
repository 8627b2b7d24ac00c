import Foundation
import RedressCalendar
import RedressDiagnostics
import RedressEngine

/// `GET /v1/councils`: each council, its versions with effective dates, the one in force today,
/// the digest of the files in use, and the last reload with its diagnostics when rejected.
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
            let inForce = state.engine?.version(on: today)?.policy.version.id
            let reload = state.lastReload.map { outcome in
                let renderer = DiagnosticRenderer(sources: outcome.sources)
                return JSONText.object([
                    ("result", JSONText.quoted(outcome.result.rawValue)), ("at", JSONText.quoted(Self.timestamp(outcome.at))),
                    ("diagnostics", JSONText.array(outcome.diagnostics.map(renderer.renderJSON))),
                ])
            }
            return JSONText.object([
                ("id", JSONText.quoted(id)), ("name", state.engine?.versions.last.map { JSONText.quoted($0.policy.council.name) } ?? "null"),
                ("serving", String(state.engine != nil)), ("versions", JSONText.array(versions)),
                ("in_force", inForce.map(JSONText.quoted) ?? "null"), ("digest", state.digest.map(JSONText.quoted) ?? "null"),
                ("last_reload", reload ?? "null"),
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
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let date = LocalDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
        let inDay = seconds - date.dayNumber * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date)T\(two(inDay / 3600)):\(two(inDay % 3600 / 60)):\(two(inDay % 60))Z"
    }
}
