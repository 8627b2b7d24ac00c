import RedressDiagnostics
import RedressPolicy

/// Everything `redress diff` reports about two versions: every changed value, the classes of
/// complaint routed or dated differently, and (given complaints) the replay counts. Rendered as
/// text for people and JSON for tools.
public struct DiffReport: Sendable {
    public var old: LoadedPolicy
    public var new: LoadedPolicy
    public var changes: [PolicyChange]
    public var equivalence: PolicyEquivalence
    public var impact: PolicyImpact?

    public init(old: LoadedPolicy, new: LoadedPolicy, impact: PolicyImpact? = nil) {
        self.old = old
        self.new = new
        self.changes = PolicyDiff.changes(from: old, to: new)
        self.equivalence = PolicyEquivalence.compare(old.policy, new.policy)
        self.impact = impact
    }

    /// The statement about routing and dates, in words.
    public var verdict: String {
        let e = equivalence
        guard e.isExhaustive else {
            return "Categories or phrases are too many to combine (more than \(ComplaintSpace.maximumGroups) groups), so equivalence was not proved; "
                + "\(e.differences.count) differences found over \(e.classCount) sampled classes."
        }
        guard e.differences.isEmpty else {
            return "\(e.differences.count) group\(e.differences.count == 1 ? "" : "s") of complaints are routed or dated differently (all \(e.classCount) classes of complaint compared)."
        }
        guard e.otherDateChanges.isEmpty else {
            return "The two versions route every complaint the same way with the same timescales (all \(e.classCount) classes compared), "
                + "but dates can differ through \(e.otherDateChanges.joined(separator: ", "))."
        }
        return "The two versions route and date every complaint the same way (all \(e.classCount) classes of complaint compared)."
    }

    func sourceLine(_ range: SourceRange?) -> String? {
        guard let range, let line = sources(range.file)?.line(range.start.line) else { return nil }
        return line.trimmingCharacters(in: .whitespaces)
    }

    func sources(_ file: String) -> SourceFile? { new.sources[file] ?? old.sources[file] }

    public func text() -> String {
        var out = "\(new.policy.council.name): \(old.policy.version.id) → \(new.policy.version.id)\n"
        out += "  was  \(old.policy.path) (in force from \(old.policy.version.effectiveFrom))\n"
        out += "  now  \(new.policy.path) (in force from \(new.policy.version.effectiveFrom))\n\n"
        out += changes.isEmpty ? "No changes: the two files hold the same values.\n" : "Changes (\(changes.count)):\n"
        for change in changes {
            out += "  \(change.area.rawValue): \(change.description)\n"
            out += lines(change.old, change.new, indent: 6)
        }
        out += "\nComplaints routed or dated differently:\n  \(verdict)\n"
        for (index, difference) in equivalence.differences.enumerated() {
            out += "  \(index + 1). \(difference.complaints)\n"
            out += "       decided by: \(rulesText(difference.oldRules)) → \(rulesText(difference.newRules))\n"
            for detail in difference.details {
                out += "       \(detail.text)\n"
                out += lines(detail.old, detail.new, indent: 11)
            }
        }
        return out
    }

    func rulesText(_ rules: [RoutingRule?]) -> String {
        var seen: Set<String> = []
        return rules.compactMap { rule -> String? in
            let text = rule.map { "`\($0.id)` (\($0.range))" } ?? "no rule"
            return seen.insert(text).inserted ? text : nil
        }.joined(separator: ", ")
    }

    func lines(_ old: SourceRange?, _ new: SourceRange?, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = ""
        if let old { out += "\(pad)was  \(old)" + (sourceLine(old).map { "  \($0)" } ?? "") + "\n" }
        if let new { out += "\(pad)now  \(new)" + (sourceLine(new).map { "  \($0)" } ?? "") + "\n" }
        return out
    }

    public func json() -> String {
        func location(_ range: SourceRange?) -> String? {
            guard let range else { return nil }
            return JSONText.object([
                ("file", JSONText.quoted(range.file)), ("line", String(range.start.line)), ("column", String(range.start.column)),
                ("text", sourceLine(range).map(JSONText.quoted)),
            ])
        }
        func version(_ loaded: LoadedPolicy) -> String {
            JSONText.object([
                ("path", JSONText.quoted(loaded.policy.path)), ("version", JSONText.quoted(loaded.policy.version.id)),
                ("effective_from", JSONText.quoted("\(loaded.policy.version.effectiveFrom)")),
            ])
        }
        let changeObjects = changes.map { change in
            JSONText.object([
                ("area", JSONText.quoted(change.area.rawValue)), ("description", JSONText.quoted(change.description)),
                ("path", change.path.map { JSONText.quoted("\($0)") }), ("old", location(change.old)), ("new", location(change.new)),
            ])
        }
        let differences = equivalence.differences.map { difference in
            JSONText.object([
                ("complaints", JSONText.quoted(difference.complaints)), ("classes", String(difference.classCount)),
                ("old_rules", JSONText.array(difference.oldRules.map { $0.map { JSONText.quoted($0.id) } ?? "null" })),
                ("new_rules", JSONText.array(difference.newRules.map { $0.map { JSONText.quoted($0.id) } ?? "null" })),
                (
                    "details",
                    JSONText.array(
                        difference.details.map { detail in
                            JSONText.object([("text", JSONText.quoted(detail.text)), ("old", location(detail.old)), ("new", location(detail.new))])
                        })
                ),
            ])
        }
        let classes = JSONText.object([
            ("compared", String(equivalence.classCount)), ("exhaustive", String(equivalence.isExhaustive)),
            ("same_routes_and_timescales", String(equivalence.routesAndTimescalesEqual)),
            ("dates_also_move_through", JSONText.array(equivalence.otherDateChanges.map(JSONText.quoted))),
            ("verdict", JSONText.quoted(verdict)), ("differences", JSONText.array(differences)),
        ])
        return JSONText.object([
            ("council", JSONText.quoted(new.policy.council.id)), ("old", version(old)), ("new", version(new)),
            ("changes", JSONText.array(changeObjects)), ("classes", classes), ("impact", impact.map(impactJSON)),
        ]) + "\n"
    }

    func impactJSON(_ impact: PolicyImpact) -> String {
        JSONText.object(
            [("complaints", String(impact.total)), ("unchanged", String(impact.unchanged))]
                + PolicyImpact.Kind.allCases.compactMap { kind in
                    impact.counts[kind].map { (kind.rawValue.replacingOccurrences(of: " ", with: "_"), String($0)) }
                })
    }
}
