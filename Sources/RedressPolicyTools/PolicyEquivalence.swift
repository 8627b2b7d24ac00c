import RedressDiagnostics
import RedressPolicy

/// A class of complaint that two versions route or date differently, in words, with the rules
/// that decide it in each version and what changes for it.
public struct RouteDifference: Sendable {
    public struct Detail: Sendable {
        public var text: String
        public var old: SourceRange?
        public var new: SourceRange?
    }

    /// The complaints affected, described by their conditions.
    public var complaints: String
    public var classCount: Int
    /// The rules that decide these complaints in each version (nil: no rule matches).
    public var oldRules: [RoutingRule?]
    public var newRules: [RoutingRule?]
    /// The route change first (when the route itself differs), then each deadline that differs.
    public var details: [Detail]
}

/// Which complaints two versions treat differently, computed over every class of complaint
/// (`ComplaintSpace`) rather than from examples: the route (procedure, starting stage, exclusion,
/// feedback type) and each stage's timescales.
public struct PolicyEquivalence: Sendable {
    public var classCount: Int
    /// False when categories or phrases were too many to combine; then no claim of equivalence.
    public var isExhaustive: Bool
    public var differences: [RouteDifference]
    /// Parts outside routing that move dates: the calendar, the time limit, retention.
    public var otherDateChanges: [String]

    /// True when every class is routed the same way with the same timescales.
    public var routesAndTimescalesEqual: Bool { isExhaustive && differences.isEmpty }

    public static func compare(_ old: Policy, _ new: Policy) -> PolicyEquivalence {
        let space = ComplaintSpace(tables: [old.routing, new.routing], types: old.vocabulary.adding(new.vocabulary).feedbackTypes)
        var groups: [String: (Int?, Int?, [ComplaintClass])] = [:]
        var order: [String] = []
        space.forEach { complaint in
            let a = space.decidingRule(in: old.routing, for: complaint)
            let b = space.decidingRule(in: new.routing, for: complaint)
            let key = "\(a ?? -1)/\(b ?? -1)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: (a, b, [])].2.append(complaint)
        }
        // Rule pairs that make the same change are one group of complaints.
        var merged: [String: (RouteDifference, [ComplaintClass])] = [:]
        var mergedOrder: [String] = []
        for key in order {
            guard let (a, b, classes) = groups[key] else { continue }
            let oldRule = a.map { old.routing[$0] }
            let newRule = b.map { new.routing[$0] }
            let details = RouteComparison(old: old, new: new).details(oldRule, newRule)
            guard !details.isEmpty else { continue }
            let change = details.map(\.text).joined(separator: "\n")
            if var existing = merged[change] {
                existing.0.oldRules.append(oldRule)
                existing.0.newRules.append(newRule)
                existing.1 += classes
                merged[change] = existing
            } else {
                mergedOrder.append(change)
                merged[change] = (RouteDifference(complaints: "", classCount: 0, oldRules: [oldRule], newRules: [newRule], details: details), classes)
            }
        }
        let differences = mergedOrder.compactMap { key -> RouteDifference? in
            guard let (found, classes) = merged[key] else { return nil }
            var difference = found
            difference.complaints = space.describe(classes)
            difference.classCount = classes.count
            return difference
        }
        var other: [String] = []
        if old.calendar.region != new.calendar.region || old.calendar.closures != new.calendar.closures || old.calendar.cutoff != new.calendar.cutoff {
            other.append("the calendar")
        }
        if old.timeLimit?.within != new.timeLimit?.within || old.timeLimit?.from != new.timeLimit?.from { other.append("the time limit to complain") }
        let retention = { (policy: Policy) in policy.retention.map { "\($0.id) \($0.keep) \($0.from.rawValue) \($0.types ?? []) \($0.procedures ?? []) \($0.closedAt ?? [])" } }
        if retention(old) != retention(new) { other.append("retention") }
        return PolicyEquivalence(classCount: space.count, isExhaustive: space.isExhaustive, differences: differences, otherDateChanges: other)
    }
}

/// What differs for a complaint decided by one rule in the old version and one in the new.
struct RouteComparison {
    var old: Policy
    var new: Policy

    func details(_ a: RoutingRule?, _ b: RoutingRule?) -> [RouteDifference.Detail] {
        let (was, now) = (outcome(a, in: old), outcome(b, in: new))
        guard case .procedure(let p, let ps)? = a?.outcome, case .procedure(let q, let qs)? = b?.outcome,
            let before = old.procedure(p), let after = new.procedure(q)
        else {
            return was == now ? [] : [RouteDifference.Detail(text: "\(was) → \(now)", old: a?.referenceRange, new: b?.referenceRange)]
        }
        var details: [RouteDifference.Detail] = []
        if was != now { details.append(RouteDifference.Detail(text: "\(was) → \(now)", old: a?.referenceRange, new: b?.referenceRange)) }
        let oldStages = Array(before.stages.drop { stage in ps.map { stage.id != $0 } ?? false })
        let newStages = Array(after.stages.drop { stage in qs.map { stage.id != $0 } ?? false })
        for index in 0..<max(oldStages.count, newStages.count) {
            let x = index < oldStages.count ? oldStages[index] : nil
            let y = index < newStages.count ? newStages[index] : nil
            guard let x, let y else {
                let stage = x ?? y
                let label = stage.map { "`\($0.id)` (\($0.name))" } ?? "a stage"
                details.append(RouteDifference.Detail(text: x == nil ? "adds \(label)" : "no longer has \(label)", old: x?.range, new: y?.range))
                continue
            }
            let label = x.name == y.name ? x.name : "\(x.name) / \(y.name)"
            for (what, s, t) in [("acknowledge", x.acknowledge, y.acknowledge), ("respond", x.respond, y.respond), ("escalation window", x.escalate, y.escalate)] {
                if let change = Self.timescaleChange(s, t) {
                    details.append(RouteDifference.Detail(text: "\(label) \(what) \(change)", old: s?.range ?? x.range, new: t?.range ?? y.range))
                }
            }
        }
        if before.then != after.then {
            details.append(
                RouteDifference.Detail(text: "then \(before.then ?? "nothing") → \(after.then ?? "nothing")", old: before.range, new: after.range))
        }
        return details
    }

    func outcome(_ rule: RoutingRule?, in policy: Policy) -> String {
        guard let rule else { return "no rule matches" }
        switch rule.outcome {
        case .procedure(let id, let stage): return "procedure `\(id)`" + (stage.map { " from `\($0)`" } ?? "")
        case .exclude(let exclusion): return "excluded (\(exclusion.reason))" + (exclusion.redirect.map { ", redirected to \($0)" } ?? "")
        case .feedback(let type): return "recorded as \(type)"
        }
    }

    /// "10 → 20 working days" when only the amount changed, else both timescales in full; nil when equal.
    static func timescaleChange(_ a: Timescale?, _ b: Timescale?) -> String? {
        let (x, y) = (PolicyDiff.timescaleText(a), PolicyDiff.timescaleText(b))
        guard x != y else { return nil }
        if let a, let b, a.within.unit == b.within.unit, a.from == b.from, a.extendableTo == b.extendableTo {
            return "\(a.within.amount) → \(b.within.amount) \(b.within.unit.rawValue)"
        }
        return "\(x) → \(y)"
    }
}
