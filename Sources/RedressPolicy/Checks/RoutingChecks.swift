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

    /// When the classes are too many to combine, only a single earlier rule covering a later one is
    /// found. Each rule's conditions are made into sets once, so the n² comparisons each cost a few
    /// set tests, the most telling (services) first.
    func pairwise(_ policy: Policy) -> [Diagnostic] {
        let conditions = policy.routing.map { ConditionSets($0.conditions) }
        var found: [Diagnostic] = []
        for (index, rule) in policy.routing.enumerated() {
            let later = conditions[index]
            guard let earlier = conditions[..<index].firstIndex(where: { $0.covers(later) }).map({ policy.routing[$0] }) else { continue }
            found.append(
                .warning(
                    .policyUnreachableRule, "routing rule `\(rule.id)` can never match: `\(earlier.id)` comes first and matches everything it would",
                    at: rule.range, help: "move `\(rule.id)` above `\(earlier.id)`, or narrow `\(earlier.id)`",
                    related: [RelatedLocation("`\(earlier.id)` is here", at: earlier.range)]))
        }
        return found
    }
}

/// A rule's conditions as sets (categories and phrases case-folded), for comparing rules; a class,
/// so the n² comparisons share one copy.
final class ConditionSets {
    /// Nil: the rule has no `when` (or an empty one), so it matches every complaint.
    let conditions: RoutingConditions?
    let types: Set<String>?, services: Set<String>?, channels: Set<String>?, makers: Set<String>?
    let categories: Set<String>?, mentions: Set<String>?

    init(_ conditions: RoutingConditions?) {
        self.conditions = conditions.flatMap { $0.isEmpty ? nil : $0 }
        types = conditions?.types.map(Set.init)
        services = conditions?.services.map(Set.init)
        channels = conditions?.channels.map(Set.init)
        makers = conditions?.makers.map(Set.init)
        categories = conditions?.categories.map { Set($0.map { $0.lowercased() }) }
        mentions = conditions?.mentions.map { Set($0.map { $0.lowercased() }) }
    }

    /// True when every complaint that satisfies `later` also satisfies this (earlier) rule.
    func covers(_ later: ConditionSets) -> Bool {
        guard let earlier = conditions else { return true }
        // A later rule without conditions matches complaints this one does not.
        guard let laterConditions = later.conditions else { return false }
        func subset(_ a: Set<String>?, _ b: Set<String>?) -> Bool {
            guard let a else { return true }
            guard let b else { return false }
            return b.isSubset(of: a)
        }
        guard subset(services, later.services), subset(types, later.types), subset(channels, later.channels), subset(makers, later.makers),
            subset(categories, later.categories), subset(mentions, later.mentions)
        else { return false }
        guard let earlierAge = earlier.matterOlderThan else { return true }
        guard let laterAge = laterConditions.matterOlderThan, laterAge.unit == earlierAge.unit else { return false }
        return laterAge.amount >= earlierAge.amount
    }
}
