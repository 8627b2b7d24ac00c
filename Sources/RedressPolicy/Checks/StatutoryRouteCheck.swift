import RedressDiagnostics

/// Statutory complaints reach their statutory procedure wherever they can land. The policy says in
/// `statutory_routes:` which services are children's and adults social care and which statutory
/// procedure each must reach (or, with `none:`, why it has none); then every routing rule that can
/// decide a complaint about such a service must send it to that procedure or to a procedure that
/// `implements:` it. An exclusion may take such complaints only where it cites its `source:`.
struct StatutoryRouteCheck: PolicyCheck {
    static let example =
        "add `statutory_routes: { childrens-social-care: children-statutory, adult-social-care: adults-statutory }` (importing statutory/children-england and statutory/adults-england), or `statutory_routes: { none: \"why\" }` for a council without social care functions"

    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        guard policy.routingIsComplete else { return [] }
        guard let declared = policy.statutoryRoutes else {
            return [
                .error(
                    .policyStatutoryRoutesMissing, "the policy does not say which services are under a statutory complaints procedure",
                    at: policy.range, help: Self.example)
            ]
        }
        var found: [Diagnostic] = []
        for route in declared.routes {
            guard policy.services.contains(route.service) else {
                found.append(
                    .error(
                        .policyUnknownService, "`statutory_routes` names unknown service `\(route.service)`", at: route.range,
                        help: policy.services.suggestion(for: route.service) ?? "add it to `services:`"))
                continue
            }
            guard let statute = policy.procedure(route.procedure) else {
                found.append(
                    .error(
                        .policyUnknownProcedure, "`statutory_routes` names unknown procedure `\(route.procedure)` for `\(route.service)`",
                        at: route.range,
                        help: policy.procedures.filter { $0.kind == .statutory }.map(\.id).suggestion(for: route.procedure)
                            ?? "import the statutory fragment that defines it, e.g. `statutory/children-england`"))
                continue
            }
            guard statute.kind == .statutory else {
                found.append(
                    .error(
                        .policyImplementsNotStatutory, "`statutory_routes` must name a statutory procedure; `\(route.procedure)` is \(statute.kind.rawValue)",
                        at: route.range))
                continue
            }
            found += walk(policy, route: route)
        }
        return found
    }

    /// Follows complaints about `route.service` down the routing table until a rule takes all of them.
    private func walk(_ policy: Policy, route: StatutoryRoutes.Route) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for rule in policy.routing {
            let conditions = rule.conditions
            if let services = conditions?.services, !services.contains(route.service) { continue }
            if let types = conditions?.types, !types.contains("complaint") { continue }
            switch rule.outcome {
            case .procedure(let id, _):
                let target = policy.procedure(id)
                if id != route.procedure, target?.implements != route.procedure, target != nil {
                    found.append(
                        .error(
                            .policyStatutoryMisroute,
                            "routing rule `\(rule.id)` can send `\(route.service)` complaints to `\(id)`, but they must go to the statutory procedure `\(route.procedure)`",
                            at: rule.referenceRange,
                            help: "route `\(route.service)` to `\(route.procedure)` in a rule above this one, or give `\(id)` `implements: \(route.procedure)`"))
                }
            case .exclude(let exclusion):
                if exclusion.citation == nil || exclusion.citation?.isAssumed == true {
                    found.append(
                        .error(
                            .policyStatutoryExclusionUncited,
                            "routing rule `\(rule.id)` can exclude `\(route.service)` complaints, which `\(route.procedure)` must hear",
                            at: rule.range,
                            help: "cite the regulation that allows the exclusion with `source:` on `exclude`, or route `\(route.service)` above this rule"))
                }
            case .feedback:
                if conditions?.types == nil {
                    found.append(
                        .error(
                            .policyStatutoryMisroute, "routing rule `\(rule.id)` can record `\(route.service)` complaints as feedback",
                            at: rule.range, help: "add `type:` to its `when` so complaints are not recorded as feedback"))
                }
            }
            if takesAll(conditions) { break }
        }
        return found
    }

    /// True when, for complaints about one service, the rule's conditions always hold.
    private func takesAll(_ conditions: RoutingConditions?) -> Bool {
        guard let conditions else { return true }
        return conditions.categories == nil && conditions.channels == nil && conditions.makers == nil && conditions.mentions == nil
            && conditions.matterOlderThan == nil
    }
}
