import RedressDiagnostics

/// Every name the policy uses refers to something that exists: procedures, stages, services,
/// timescale anchors, retention stages, statutory procedures implemented.
struct ReferenceCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let procedureIDs = policy.procedures.map(\.id)
        for rule in policy.routing {
            if case .procedure(let id, let stage) = rule.outcome {
                guard let procedure = policy.procedure(id) else {
                    found.append(
                        .error(
                            .policyUnknownProcedure, "routing rule `\(rule.id)` names unknown procedure `\(id)`",
                            at: rule.referenceRange, help: procedureIDs.suggestion(for: id)))
                    continue
                }
                if let stage, procedure.stage(stage) == nil {
                    found.append(
                        .error(
                            .policyUnknownStage, "procedure `\(id)` has no stage `\(stage)`", at: rule.referenceRange,
                            help: procedure.stages.map(\.id).suggestion(for: stage)))
                }
            }
            if case .feedback(let type) = rule.outcome, !policy.feedback.contains(where: { $0.type == type }) {
                found.append(
                    .warning(
                        .policyFeedbackUnhandled, "routing rule `\(rule.id)` records `\(type)` feedback but `feedback` says nothing about `\(type)`",
                        at: rule.range))
            }
            for service in rule.conditions?.services ?? [] where !policy.services.contains(service) {
                found.append(
                    .error(
                        .policyUnknownService, "routing rule `\(rule.id)` names unknown service `\(service)`",
                        at: rule.conditions?.range ?? rule.range,
                        help: policy.services.suggestion(for: service) ?? "add it to `services:` if it is a service of this council"))
            }
        }
        found += directorates(policy)
        for procedure in policy.procedures where procedure.definedIn == policy.path {
            found += anchors(procedure)
            if let implements = procedure.implements {
                if let target = policy.procedure(implements) {
                    if target.kind != .statutory {
                        found.append(
                            .error(.policyImplementsNotStatutory, "`implements` must name a statutory procedure; `\(implements)` is \(target.kind.rawValue)", at: procedure.implementsRange ?? procedure.range))
                    }
                } else {
                    found.append(
                        .error(
                            .policyUnknownProcedure, "procedure `\(procedure.id)` implements unknown procedure `\(implements)`",
                            at: procedure.implementsRange ?? procedure.range, help: procedureIDs.suggestion(for: implements) ?? "import the statutory fragment that defines it"))
                }
            }
        }
        let stageIDs = Set(policy.procedures.flatMap { $0.stages.map(\.id) })
        let closable = Array(stageIDs) + policy.vocabulary.ombudsmen.map(\.id)
        for rule in policy.retention {
            for id in rule.procedures ?? [] where policy.procedure(id) == nil {
                found.append(
                    .error(.policyUnknownProcedure, "retention rule `\(rule.id)` names unknown procedure `\(id)`", at: rule.range, help: procedureIDs.suggestion(for: id)))
            }
            for id in rule.closedAt ?? [] where !closable.contains(id) {
                found.append(
                    .error(.policyUnknownStage, "retention rule `\(rule.id)` names unknown stage `\(id)`", at: rule.range, help: closable.sorted().suggestion(for: id)))
            }
        }
        return found
    }

    /// Each timescale runs from a known anchor or a milestone of its own stage.
    private func anchors(_ procedure: Procedure) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for stage in procedure.stages {
            let allowed = Vocabulary.anchors + stage.milestones.map(\.id)
            let timescales = [stage.acknowledge, stage.respond, stage.escalate].compactMap { $0 } + stage.milestones.map(\.timescale)
            for timescale in timescales where !allowed.contains(timescale.from) {
                found.append(
                    .error(
                        .policyUnknownAnchor, "a timescale in stage `\(stage.id)` runs from unknown `\(timescale.from)`",
                        at: timescale.fromRange ?? timescale.range, help: allowed.suggestion(for: timescale.from) ?? "expected one of: \(allowed.joined(separator: ", "))"))
            }
        }
        return found
    }
}
