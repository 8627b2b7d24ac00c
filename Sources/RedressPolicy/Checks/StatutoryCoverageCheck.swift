import RedressDiagnostics

/// No social care complaint escapes its statute through what `statutory_routes` leaves out: a
/// social care service the council handles itself (some routing rule can send its complaints to a
/// procedure) must be named in `statutory_routes`, and `statutory_routes: { none: … }` is only for
/// councils that handle none (they redirect or exclude them). The statutes also require complaints
/// made on someone's behalf to be heard, so no exclusion by `made_by` may take them, whatever its
/// `source:` says.
struct StatutoryCoverageCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        guard policy.routingIsComplete, let declared = policy.statutoryRoutes else { return [] }
        var found: [Diagnostic] = []
        for service in Vocabulary.socialCareServices where policy.services.contains(service) {
            let route = declared.routes.first { $0.service == service }
            for rule in rulesReaching(service, in: policy) {
                switch rule.outcome {
                case .procedure(let id, _) where route == nil:
                    if let reason = declared.noneReason {
                        found.append(
                            .error(
                                .policyStatutoryRoutesNoneRouted,
                                "`statutory_routes` says no complaint here is under a social care statute, but routing rule `\(rule.id)` sends `\(service)` complaints to `\(id)`",
                                at: rule.referenceRange,
                                help: "redirect them to the body that provides the service (`exclude: { reason: …, redirect: … }`), or name their statutory procedure in `statutory_routes`",
                                related: [RelatedLocation("`none:` says: \(reason)", at: declared.range)]))
                    } else {
                        found.append(
                            .error(
                                .policyStatutoryRouteMissing,
                                "routing rule `\(rule.id)` sends `\(service)` complaints to `\(id)`, but `statutory_routes` does not name the statutory procedure they must reach",
                                at: rule.referenceRange,
                                help: "add `\(service): \(Self.englishProcedure(service))` to `statutory_routes` (importing its statutory fragment), or redirect them if another body provides the service",
                                related: [RelatedLocation("`statutory_routes` is here", at: declared.range)]))
                    }
                case .exclude where route != nil && rule.conditions?.makers != nil:
                    found.append(
                        .error(
                            .policyStatutoryExclusionRepresentative,
                            "routing rule `\(rule.id)` excludes `\(service)` complaints by who made them; the statute requires complaints made on someone's behalf to be heard",
                            at: rule.range, help: "remove `made_by` from the rule, or limit it to services outside `statutory_routes`"))
                default: break
                }
            }
        }
        return found
    }

    static func englishProcedure(_ service: String) -> String {
        service == "adult-social-care" ? "adults-statutory" : "children-statutory"
    }

    /// The routing rules that can decide a complaint about `service`, down to the first that takes
    /// all of them.
    func rulesReaching(_ service: String, in policy: Policy) -> [RoutingRule] {
        var reached: [RoutingRule] = []
        for rule in policy.routing {
            let conditions = rule.conditions
            if let services = conditions?.services, !services.contains(service) { continue }
            if let types = conditions?.types, !types.contains("complaint") { continue }
            reached.append(rule)
            if conditions == nil || (conditions?.categories == nil && conditions?.channels == nil && conditions?.makers == nil
                && conditions?.mentions == nil && conditions?.matterOlderThan == nil)
            {
                break
            }
        }
        return reached
    }
}

extension FloorComparison {
    /// A statutory stage keeps its shape: not skippable where the statute's is not, and run no more
    /// often than the statute allows.
    mutating func structure(_ stage: Stage, against floor: Stage) {
        let related = [RelatedLocation("`\(statute.id)` defines the stage here", at: floor.range)]
        if stage.optional, !floor.optional {
            found.append(
                .error(
                    .policyLoosensStatute, "stage `\(stage.id)` is `optional`, but `\(statute.id)` requires it: a case may not skip it",
                    at: stage.range, help: "remove `optional: true`", related: related))
        }
        if let gate = stage.gate, floor.gate == nil {
            found.append(
                .error(
                    .policyLoosensStatute,
                    "stage `\(stage.id)` has a `gate`, but under `\(statute.id)` the complainant may ask for it as of right: the council may not refuse it",
                    at: gate.range, help: "remove `gate:`", related: related))
        }
        if stage.repeatable > floor.repeatable {
            found.append(
                .error(
                    .policyLoosensStatute,
                    "stage `\(stage.id)` may run \(stage.repeatable) times, but `\(statute.id)` runs it \(floor.repeatable == 1 ? "once" : "\(floor.repeatable) times"): a repeat delays the statutory next stage",
                    at: stage.range, help: "remove `repeatable:`", related: related))
        }
    }
}
