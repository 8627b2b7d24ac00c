import RedressDiagnostics

/// Every stage says when it must respond.
struct StageTimescaleCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        policy.procedures.filter { $0.definedIn == policy.path }.flatMap { procedure in
            procedure.stages.filter { $0.respond == nil && !$0.respondWritten }.map { stage in
                Diagnostic.error(
                    .policyNoResponseTimescale, "stage `\(stage.id)` of `\(procedure.id)` has no response timescale",
                    at: stage.range, help: "add `respond: { within: 10 working days, source: … }`")
            }
        }
    }
}

/// An extension maximum is not below the timescale it extends.
struct ExtensionCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for procedure in policy.procedures where procedure.definedIn == policy.path {
            for stage in procedure.stages {
                for timescale in [stage.acknowledge, stage.respond].compactMap({ $0 }) {
                    guard let limit = timescale.extendableTo else { continue }
                    let below =
                        limit.unit == timescale.within.unit
                        ? limit.amount < timescale.within.amount : limit.approximateDays < timescale.within.approximateDays
                    if below {
                        found.append(
                            .error(
                                .policyExtensionBelowBase,
                                "stage `\(stage.id)`: `extendable_to` (\(limit)) is less than `within` (\(timescale.within))",
                                at: timescale.range, help: "`extendable_to` is the total after extension, not the extra time"))
                    }
                }
            }
        }
        return found
    }
}

/// `refer_back_to` names an earlier stage of the same procedure; a last stage is not optional.
struct StageLinkCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for procedure in policy.procedures where procedure.definedIn == policy.path {
            for (position, stage) in procedure.stages.enumerated() {
                if let target = stage.referBackTo, !procedure.stages[..<position].contains(where: { $0.id == target }) {
                    found.append(
                        .error(
                            .policyReferBack, "stage `\(stage.id)` refers back to `\(target)`, which is not an earlier stage of `\(procedure.id)`",
                            at: stage.range, help: procedure.stages[..<position].map(\.id).suggestion(for: target)))
                }
                if stage.optional, position == procedure.stages.count - 1, procedure.stages.count == 1 {
                    found.append(
                        .error(.policyOptionalStage, "stage `\(stage.id)` is the only stage of `\(procedure.id)` and cannot be optional", at: stage.range))
                }
            }
        }
        return found
    }
}
