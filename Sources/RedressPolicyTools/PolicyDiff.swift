import RedressDiagnostics
import RedressPolicy

/// One structural difference between two versions of a policy, with where it is written in each.
public struct PolicyChange: Sendable {
    public enum Area: String, Sendable, CaseIterable {
        case version, procedure, stage, timescale, handler, routing, exclusion, retention, criterion, timeLimit = "time limit"
    }

    public var area: Area
    public var description: String
    public var old: SourceRange?
    public var new: SourceRange?
}

/// What changed between two versions of a policy: procedures, stages (including renamed ones),
/// timescales, handlers, routes, exclusions, retention, behaviour criteria and time limits.
public enum PolicyDiff {
    public static func changes(from old: Policy, to new: Policy) -> [PolicyChange] {
        var changes: [PolicyChange] = []
        changes.append(
            PolicyChange(
                area: .version, description: "version `\(old.version.id)` (from \(old.version.effectiveFrom)) → `\(new.version.id)` (from \(new.version.effectiveFrom))",
                old: old.range, new: new.range))
        changes += procedures(old, new)
        changes += routing(old, new)
        changes += retention(old, new)
        changes += criteria(old, new)
        let oldLimit = old.timeLimit.map { "\($0.within)" } ?? "none"
        let newLimit = new.timeLimit.map { "\($0.within)" } ?? "none"
        if oldLimit != newLimit {
            changes.append(PolicyChange(area: .timeLimit, description: "time limit to complain \(oldLimit) → \(newLimit)", old: old.timeLimit?.range, new: new.timeLimit?.range))
        }
        return changes
    }

    static func timescaleText(_ timescale: Timescale?) -> String {
        guard let timescale else { return "none" }
        return "\(timescale.within) from \(timescale.from)" + (timescale.extendableTo.map { ", extendable to \($0)" } ?? "")
    }

    static func procedures(_ old: Policy, _ new: Policy) -> [PolicyChange] {
        var changes: [PolicyChange] = []
        let oldOwn = old.procedures.filter { $0.definedIn == old.path }
        let newOwn = new.procedures.filter { $0.definedIn == new.path }
        for procedure in newOwn where old.procedure(procedure.id) == nil {
            let stages = procedure.stages.map { "\($0.id) respond \(timescaleText($0.respond))" }.joined(separator: "; ")
            changes.append(
                PolicyChange(area: .procedure, description: "new procedure `\(procedure.id)` (\(procedure.name)): \(stages)", old: nil, new: procedure.range))
        }
        for procedure in oldOwn where new.procedure(procedure.id) == nil {
            changes.append(PolicyChange(area: .procedure, description: "procedure `\(procedure.id)` removed", old: procedure.range, new: nil))
        }
        for before in oldOwn {
            guard let after = new.procedure(before.id) else { continue }
            // Stages are matched by position: a stage with a new id at the same place is a rename.
            for index in 0..<max(before.stages.count, after.stages.count) {
                let a = index < before.stages.count ? before.stages[index] : nil
                let b = index < after.stages.count ? after.stages[index] : nil
                switch (a, b) {
                case (let a?, nil):
                    changes.append(PolicyChange(area: .stage, description: "`\(before.id)`: stage `\(a.id)` removed", old: a.range, new: nil))
                case (nil, let b?):
                    changes.append(PolicyChange(area: .stage, description: "`\(before.id)`: new stage `\(b.id)`", old: nil, new: b.range))
                case (let a?, let b?):
                    if a.id != b.id || a.name != b.name {
                        changes.append(
                            PolicyChange(
                                area: .stage, description: "`\(before.id)`: stage \(index + 1) renamed `\(a.id)` (\(a.name)) → `\(b.id)` (\(b.name))",
                                old: a.range, new: b.range))
                    }
                    for (what, x, y) in [("acknowledge", a.acknowledge, b.acknowledge), ("respond", a.respond, b.respond), ("escalation window", a.escalate, b.escalate)] {
                        let (was, now) = (timescaleText(x), timescaleText(y))
                        if was != now {
                            changes.append(
                                PolicyChange(
                                    area: .timescale, description: "`\(after.id)` \(b.id) \(what): \(was) → \(now)",
                                    old: x?.range ?? a.range, new: y?.range ?? b.range))
                        }
                    }
                    if a.handler != b.handler {
                        changes.append(
                            PolicyChange(area: .handler, description: "\(b.id) handled by \(a.handler ?? "unstated") → \(b.handler ?? "unstated")", old: a.range, new: b.range))
                    }
                case (nil, nil):
                    break
                }
            }
        }
        return changes
    }

    static func outcomeText(_ outcome: RoutingOutcome) -> String {
        switch outcome {
        case .procedure(let id, let stage): "procedure `\(id)`" + (stage.map { " at `\($0)`" } ?? "")
        case .exclude(let exclusion): "excluded (\(exclusion.reason))"
        case .feedback(let type): "recorded as \(type)"
        }
    }

    static func routing(_ old: Policy, _ new: Policy) -> [PolicyChange] {
        var changes: [PolicyChange] = []
        let oldRules = Dictionary(old.routing.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newRules = Dictionary(new.routing.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for rule in new.routing {
            guard let before = oldRules[rule.id] else {
                let area: PolicyChange.Area = if case .exclude = rule.outcome { .exclusion } else { .routing }
                changes.append(
                    PolicyChange(area: area, description: "new rule `\(rule.id)`: \(PolicyDiagram.describe(rule.conditions)) → \(outcomeText(rule.outcome))", old: nil, new: rule.range))
                continue
            }
            let (a, b) = (outcomeText(before.outcome), outcomeText(rule.outcome))
            if a != b {
                let excluded = { (o: RoutingOutcome) in if case .exclude = o { true } else { false } }
                changes.append(
                    PolicyChange(
                        area: excluded(before.outcome) || excluded(rule.outcome) ? .exclusion : .routing,
                        description: "rule `\(rule.id)`: \(a) → \(b)", old: before.range, new: rule.range))
            }
            let (c, d) = (PolicyDiagram.describe(before.conditions), PolicyDiagram.describe(rule.conditions))
            if c != d {
                changes.append(PolicyChange(area: .routing, description: "rule `\(rule.id)` now matches \(d) (was \(c))", old: before.range, new: rule.range))
            }
            if before.flags != rule.flags {
                changes.append(
                    PolicyChange(
                        area: .routing, description: "rule `\(rule.id)` flags [\(before.flags.joined(separator: ", "))] → [\(rule.flags.joined(separator: ", "))]",
                        old: before.range, new: rule.range))
            }
        }
        for rule in old.routing where newRules[rule.id] == nil {
            let area: PolicyChange.Area = if case .exclude = rule.outcome { .exclusion } else { .routing }
            changes.append(PolicyChange(area: area, description: "rule `\(rule.id)` removed (was \(outcomeText(rule.outcome)))", old: rule.range, new: nil))
        }
        return changes
    }

    static func retention(_ old: Policy, _ new: Policy) -> [PolicyChange] {
        var changes: [PolicyChange] = []
        let oldRules = Dictionary(old.retention.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for rule in new.retention {
            guard let before = oldRules[rule.id] else {
                changes.append(PolicyChange(area: .retention, description: "new retention rule `\(rule.id)`: keep \(rule.keep) from \(rule.from.rawValue)", old: nil, new: rule.range))
                continue
            }
            if before.keep != rule.keep || before.from != rule.from {
                changes.append(
                    PolicyChange(
                        area: .retention, description: "retention `\(rule.id)`: \(before.keep) from \(before.from.rawValue) → \(rule.keep) from \(rule.from.rawValue)",
                        old: before.range, new: rule.range))
            }
        }
        for rule in old.retention where !new.retention.contains(where: { $0.id == rule.id }) {
            changes.append(PolicyChange(area: .retention, description: "retention rule `\(rule.id)` removed", old: rule.range, new: nil))
        }
        return changes
    }

    static func criteria(_ old: Policy, _ new: Policy) -> [PolicyChange] {
        let before = old.behaviour?.criteria ?? []
        let after = new.behaviour?.criteria ?? []
        var changes: [PolicyChange] = []
        for criterion in after where !before.contains(where: { $0.id == criterion.id }) {
            changes.append(PolicyChange(area: .criterion, description: "new behaviour criterion `\(criterion.id)`", old: nil, new: criterion.range))
        }
        for criterion in before where !after.contains(where: { $0.id == criterion.id }) {
            changes.append(PolicyChange(area: .criterion, description: "behaviour criterion `\(criterion.id)` removed", old: criterion.range, new: nil))
        }
        if old.behaviour?.reviewAfter != new.behaviour?.reviewAfter {
            changes.append(
                PolicyChange(
                    area: .criterion,
                    description: "restriction review \(old.behaviour?.reviewAfter.map { "\($0)" } ?? "none") → \(new.behaviour?.reviewAfter.map { "\($0)" } ?? "none")",
                    old: old.behaviour?.range, new: new.behaviour?.range))
        }
        return changes
    }
}
