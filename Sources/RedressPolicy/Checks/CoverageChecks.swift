import RedressDiagnostics

/// Every kind of case the policy produces has a retention rule: each procedure that routing can
/// reach, and each feedback type it records.
struct RetentionCoverageCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen: Set<String> = []
        for rule in policy.routing {
            switch rule.outcome {
            case .procedure(let id, _):
                guard seen.insert("procedure:" + id).inserted, let procedure = policy.procedure(id) else { continue }
                let covered = policy.retention.contains { retention in
                    (retention.types?.contains("complaint") ?? true)
                        && (retention.procedures?.contains(id) ?? true)
                        && (retention.closedAt.map { stages in procedure.stages.contains { stages.contains($0.id) } } ?? true)
                }
                if !covered {
                    found.append(
                        .error(
                            "policy.no-retention", "no retention rule covers complaints under `\(id)`", at: rule.range,
                            help: "add a rule under `retention:` with `when: { procedure: \(id) }`"))
                }
            case .feedback(let type):
                guard seen.insert("feedback:" + type).inserted else { continue }
                let covered = policy.retention.contains { ($0.types?.contains(type) ?? false) || ($0.types == nil && $0.procedures == nil && $0.closedAt == nil) }
                if !covered {
                    found.append(
                        .error("policy.no-retention", "no retention rule covers `\(type)` records", at: rule.range, help: "add a rule with `when: { type: \(type) }`"))
                }
            case .exclude:
                continue
            }
        }
        return found
    }
}

/// Numbers with neither `source:` nor `assumed:` are warned about; assumptions are listed as notes
/// so a policy officer sees everything that still needs confirming.
struct CitationCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var listed: Set<SourceRange> = []
        for number in policy.numbers {
            guard let citation = number.citation else {
                found.append(
                    .warning(
                        "policy.uncited-number", "\(number.what) has no `source:` or `assumed:`", at: number.range,
                        help: "cite where the number comes from, or write `assumed: \"reason\"`"))
                continue
            }
            if citation.isAssumed, listed.insert(citation.range).inserted {
                found.append(.note("policy.assumption", "assumed: \(citation.text)", at: citation.range))
            }
        }
        return found
    }
}
