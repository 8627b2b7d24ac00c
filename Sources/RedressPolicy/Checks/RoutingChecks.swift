import RedressDiagnostics

/// Routing ends with a catch-all rule (one without `when`), so every complaint gets a decision.
struct CatchAllCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        guard policy.routingIsComplete else { return [] }
        guard let last = policy.routing.last else {
            return [.error(.policyEmptyRouting, "`routing` has no rules", at: policy.range)]
        }
        guard last.isCatchAll else {
            // Name the complaints no rule was meant for, found over every class of complaint.
            let space = ComplaintSpace(tables: [policy.routing], types: policy.vocabulary.feedbackTypes)
            var undecided: [ComplaintClass] = []
            space.forEach { complaint in
                if space.decidingRule(in: policy.routing, for: complaint) == nil { undecided.append(complaint) }
            }
            let which = undecided.isEmpty ? "" : " (complaints with \(space.describe(undecided)))"
            return [
                .error(
                    .policyNoCatchAll, "routing does not end with a catch-all rule, so some complaints would get no decision\(which)",
                    at: last.range, help: "add a last rule without `when`, e.g. `- { id: everything-else, procedure: corporate }`")
            ]
        }
        return []
    }
}

/// A rule that can never decide a complaint because earlier rules decide every complaint it would
/// match, alone or together (found over every class of complaint, `ComplaintSpace`).
struct UnreachableRuleCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        guard policy.routingIsComplete else { return [] }
        let space = ComplaintSpace(tables: [policy.routing], types: policy.vocabulary.feedbackTypes)
        guard space.isExhaustive else { return pairwise(policy) }
        var decides = Array(repeating: false, count: policy.routing.count)
        var shadowedBy = Array(repeating: Set<Int>(), count: policy.routing.count)
        space.forEach { complaint in
            guard let first = space.decidingRule(in: policy.routing, for: complaint) else { return }
            decides[first] = true
            for index in policy.routing.indices.dropFirst(first + 1) where !decides[index] && space.matches(policy.routing[index].conditions, complaint) {
                shadowedBy[index].insert(first)
            }
        }
        var found: [Diagnostic] = []
        for (index, rule) in policy.routing.enumerated() where !decides[index] {
            let earlier = shadowedBy[index].sorted().map { policy.routing[$0] }
            let names = earlier.map { "`\($0.id)`" }.joined(separator: ", ")
            let what = earlier.count == 1 ? "\(names) comes first and matches everything it would" : "earlier rules (\(names)) decide every complaint it would match"
            found.append(
                .warning(
                    .policyUnreachableRule, "routing rule `\(rule.id)` can never match: \(what)", at: rule.range,
                    help: earlier.count == 1 ? "move `\(rule.id)` above \(names), or narrow \(names)" : "move `\(rule.id)` above them, or narrow them",
                    related: earlier.map { RelatedLocation("`\($0.id)` is here", at: $0.range) }))
        }
        return found
    }

    /// When the classes are too many to combine, only a single earlier rule covering a later one is found.
    func pairwise(_ policy: Policy) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (index, rule) in policy.routing.enumerated() {
            guard let earlier = policy.routing[..<index].first(where: { covers($0.conditions, rule.conditions) }) else { continue }
            found.append(
                .warning(
                    .policyUnreachableRule, "routing rule `\(rule.id)` can never match: `\(earlier.id)` comes first and matches everything it would",
                    at: rule.range, help: "move `\(rule.id)` above `\(earlier.id)`, or narrow `\(earlier.id)`",
                    related: [RelatedLocation("`\(earlier.id)` is here", at: earlier.range)]))
        }
        return found
    }

    /// True when every complaint that satisfies `later` also satisfies `earlier`.
    func covers(_ earlier: RoutingConditions?, _ later: RoutingConditions?) -> Bool {
        guard let earlier, !earlier.isEmpty else { return true }
        guard let later else { return false }
        func subset(_ a: [String]?, _ b: [String]?, folding: Bool = false) -> Bool {
            guard let a else { return true }
            guard let b else { return false }
            let normalise = { (s: String) in folding ? s.lowercased() : s }
            return Set(b.map(normalise)).isSubset(of: Set(a.map(normalise)))
        }
        let age: Bool
        if let earlierAge = earlier.matterOlderThan {
            guard let laterAge = later.matterOlderThan, laterAge.unit == earlierAge.unit else { return false }
            age = laterAge.amount >= earlierAge.amount
        } else {
            age = true
        }
        return age && subset(earlier.types, later.types) && subset(earlier.services, later.services)
            && subset(earlier.categories, later.categories, folding: true) && subset(earlier.channels, later.channels)
            && subset(earlier.makers, later.makers) && subset(earlier.mentions, later.mentions, folding: true)
    }
}
