import Foundation
import RedressDiagnostics

/// The field names a kind of record may carry, and the near misses that must not pass through
/// silently: a misspelt or renamed field (`servce`, `Service`, `service_area`) would otherwise be
/// kept as an unknown field and the complaint routed as if it had none — a statutory complaint sent
/// to the catch-all. Names far from every contract field still pass through untouched.
public struct FieldContract: Sendable {
    public let fields: Set<String>

    public init(_ fields: Set<String>) {
        self.fields = fields
    }

    public static let complaint = FieldContract(Complaint.knownFields)
    public static let contact = FieldContract([
        "complainant", "on", "kind", "channel", "case", "service", "categories", "route", "procedure_exhausted", "criterion",
        "criteria", "officer", "decided_by", "restriction", "text", "id",
    ])

    /// The contract field `name` was most likely meant to be, when it is a near miss of one: the
    /// same after case and `-`/space/`_` folding, within a small edit distance, or a longer name
    /// built on it (`service_area`, `date_received`).
    public func nearMiss(_ name: String) -> String? {
        guard !fields.contains(name) else { return nil }
        let folded = Self.fold(name)
        if let exact = fields.first(where: { Self.fold($0) == folded }) { return exact }
        let candidates = fields.filter { $0.count >= 4 }
        if folded.count >= 4, let close = SpellingSuggestion.closest(to: folded, in: candidates) { return close }
        let parts = Set(folded.split(separator: "_").map(String.init))
        return candidates.sorted().first { field in field != "text" && parts.contains(field) }
    }

    /// The first near-miss among `names`, as an error message with its suggestion.
    public func problem(in names: some Sequence<String>) -> String? {
        for name in names {
            if let meant = nearMiss(name) { return "unknown field `\(name)`; did you mean `\(meant)`?" }
        }
        return nil
    }

    static func fold(_ name: String) -> String {
        String(name.lowercased().trimmingCharacters(in: .whitespaces).map { $0 == "-" || $0 == " " ? "_" : $0 })
    }
}
