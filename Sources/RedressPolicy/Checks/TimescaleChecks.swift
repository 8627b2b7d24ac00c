import RedressDiagnostics

/// Every stage says when it must respond.
struct StageTimescaleCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        policy.procedures.filter { $0.definedIn == policy.path }.flatMap { procedure in
            procedure.stages.filter { $0.respond == nil && !$0.respondWritten }.map { stage in
                Diagnostic.error(
                    "policy.no-response-timescale", "stage `\(stage.id)` of `\(procedure.id)` has no response timescale",
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
                                "policy.extension-below-base",
                                "stage `\(stage.id)`: `extendable_to` (\(limit)) is less than `within` (\(timescale.within))",
                                at: timescale.range, help: "`extendable_to` is the total after extension, not the extra time"))
                    }
                }
            }
        }
        return found
    }
}

/// A council's procedure that implements a statutory route does not allow itself more time than
/// the statute does, stage by stage.
struct StatutoryLimitCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for procedure in policy.procedures where procedure.definedIn == policy.path {
            guard let id = procedure.implements, let statute = policy.procedure(id), statute.kind == .statutory else { continue }
            for stage in procedure.stages {
                guard let limit = statute.stage(stage.id) else {
                    found.append(
                        .error(
                            "policy.statutory-stage", "statutory procedure `\(id)` has no stage `\(stage.id)`", at: stage.range,
                            help: statute.stages.map(\.id).suggestion(for: stage.id)))
                    continue
                }
                let pairs: [(String, PolicyDuration?, PolicyDuration?, Timescale?)] = [
                    ("acknowledge", stage.acknowledge?.within, limit.acknowledge?.within, stage.acknowledge),
                    ("respond", stage.respond?.within, limit.respond?.within, stage.respond),
                    ("extendable_to", stage.respond?.extendableTo, limit.respond?.extendableTo ?? limit.respond?.within, stage.respond),
                ]
                for (what, own, statutory, timescale) in pairs {
                    guard let own, let statutory, let timescale, Self.longer(own, than: statutory) else { continue }
                    found.append(
                        .error(
                            "policy.loosens-statute",
                            "stage `\(stage.id)` allows \(own) to \(what) where `\(id)` allows at most \(statutory)",
                            at: timescale.range, help: "a council may be stricter than the statute, never looser"))
                }
            }
        }
        return found
    }

    static func longer(_ a: PolicyDuration, than b: PolicyDuration) -> Bool {
        a.unit == b.unit ? a.amount > b.amount : a.approximateDays > b.approximateDays
    }
}
