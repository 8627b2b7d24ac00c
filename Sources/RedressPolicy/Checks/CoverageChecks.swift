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
                            .policyNoRetention, "no retention rule covers complaints under `\(id)`", at: rule.range,
                            help: "add a rule under `retention:` with `when: { procedure: \(id) }`"))
                }
            case .feedback(let type):
                guard seen.insert("feedback:" + type).inserted else { continue }
                let covered = policy.retention.contains { ($0.types?.contains(type) ?? false) || ($0.types == nil && $0.procedures == nil && $0.closedAt == nil) }
                if !covered {
                    found.append(
                        .error(.policyNoRetention, "no retention rule covers `\(type)` records", at: rule.range, help: "add a rule with `when: { type: \(type) }`"))
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
        var notes: [Diagnostic] = []
        var listed: Set<SourceRange> = []
        for number in policy.numbers {
            guard let citation = number.citation else {
                found.append(
                    .warning(
                        .policyUncitedNumber, "\(number.what) has no `source:` or `assumed:`", at: number.range,
                        help: "cite where the number comes from, or write `assumed: \"reason\"`"))
                continue
            }
            if citation.isAssumed, listed.insert(citation.range).inserted {
                notes.append(.note(.policyAssumption, "assumed: \(citation.text)", at: citation.range))
            }
        }
        // Assumptions on what states no number (a routing rule, an exclusion, the version's date).
        for citation in policy.citations where citation.isAssumed && listed.insert(citation.range).inserted {
            notes.append(.note(.policyAssumption, "assumed: \(citation.text)", at: citation.range))
        }
        // Each assumption once, by file and line, so the list reads like the files.
        notes.sort { a, b in
            guard let x = a.range, let y = b.range else { return false }
            return (x.file, x.start.line, x.start.column) < (y.file, y.start.line, y.start.column)
        }
        return found + notes
    }
}

/// Where several retention rules cover the same kind of case with different periods, the longest
/// is kept (a record is never deleted while any rule still requires it); the author is told, so
/// the overlap is a choice and not an accident.
struct RetentionOverlapCheck: PolicyCheck {
    struct CaseClass: Hashable {
        var type: String
        var procedure: String?
        var closedAt: String?

        var description: String {
            let what = type == "complaint" ? (procedure.map { "complaints under `\($0)`" } ?? "excluded complaints") : "`\(type)` records"
            return what + (closedAt.map { " closed at `\($0)`" } ?? "")
        }
    }

    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var reported: Set<[String]> = []
        for kind in classes(policy) {
            let matching = policy.retention.filter { $0.matches(type: kind.type, procedure: kind.procedure, closedAt: kind.closedAt) }
            for (index, first) in matching.enumerated() {
                for second in matching[(index + 1)...] where first.keep != second.keep || first.from != second.from {
                    guard reported.insert([first.id, second.id]).inserted else { continue }
                    let longer = first.keep.approximateDays >= second.keep.approximateDays ? first : second
                    found.append(
                        .warning(
                            .policyRetentionOverlap,
                            "retention rules `\(first.id)` (\(first.keep)) and `\(second.id)` (\(second.keep)) both cover \(kind.description); the record is kept for the longer, `\(longer.id)`",
                            at: second.range, help: "narrow one rule's `when:` so each kind of case has one period",
                            related: [RelatedLocation("`\(first.id)` is here", at: first.range)]))
                }
            }
        }
        return found
    }

    /// Every kind of case the routing can produce, with each place it can close.
    func classes(_ policy: Policy) -> [CaseClass] {
        var result: [CaseClass] = []
        var seen: Set<CaseClass> = []
        func add(_ kind: CaseClass) { if seen.insert(kind).inserted { result.append(kind) } }
        for rule in policy.routing {
            switch rule.outcome {
            case .procedure(let id, _):
                guard let procedure = policy.procedure(id) else { continue }
                for stage in procedure.stages { add(CaseClass(type: "complaint", procedure: id, closedAt: stage.id)) }
                add(CaseClass(type: "complaint", procedure: id, closedAt: procedure.then ?? "lgsco"))
            case .exclude:
                add(CaseClass(type: "complaint", procedure: nil, closedAt: nil))
            case .feedback(let type):
                add(CaseClass(type: type, procedure: nil, closedAt: nil))
            }
        }
        return result
    }
}
