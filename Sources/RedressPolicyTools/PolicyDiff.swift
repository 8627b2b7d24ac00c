import RedressDiagnostics
import RedressPolicy
import RedressYAML

/// One difference between two versions of a policy, with where it is written in each.
public struct PolicyChange: Sendable {
    public enum Area: String, Sendable, CaseIterable {
        case version, procedure, stage, timescale, handler, routing, exclusion, retention, criterion, timeLimit = "time limit"
        /// A value with no domain wording, shown as `path: old → new`.
        case value
    }

    /// What part of the file a worded change accounts for: the value at `path`, and everything
    /// under it when `includingBelow`.
    public struct Explained: Sendable, Hashable {
        public var path: PolicyPath
        public var includingBelow: Bool

        static func below(_ path: PolicyPath) -> Explained { Explained(path: path, includingBelow: true) }
        static func at(_ path: PolicyPath) -> Explained { Explained(path: path, includingBelow: false) }

        func covers(_ other: PolicyPath) -> Bool { includingBelow ? other.isWithin(path) : other == path }
    }

    public var area: Area
    public var description: String
    public var old: SourceRange?
    public var new: SourceRange?
    /// The values this change accounts for; a value change no worded change accounts for is
    /// listed on its own, so nothing that changed goes unreported.
    public var explains: [Explained] = []
    /// For `.value` changes: the path of the value.
    public var path: PolicyPath?
}

/// What changed between two versions of a policy. Worded changes for procedures, stages
/// (including renamed ones), timescales, handlers, routes, exclusions, retention, behaviour
/// criteria and time limits; then every other value that differs in the files' trees, as
/// `path: old → new`. Empty apart from the version line if and only if the two files hold the same
/// values (layout, key order, quoting and comments aside).
public enum PolicyDiff {
    public static func changes(from old: LoadedPolicy, to new: LoadedPolicy) -> [PolicyChange] {
        let worded = changes(from: old.policy, to: new.policy)
        var all = worded
        for value in PolicyTreeDiff.changes(from: old.document, to: new.document)
        where !worded.contains(where: { change in change.explains.contains { $0.covers(value.path) } }) {
            all.append(
                PolicyChange(
                    area: .value, description: describe(value), old: value.old?.range, new: value.new?.range, path: value.path))
        }
        return all
    }

    static func describe(_ change: ValueChange) -> String {
        let path = "`\(change.path)`"
        switch change.kind {
        case .changed: return "\(path): \(ValueText.short(change.old)) → \(ValueText.short(change.new))"
        case .added: return "\(path) added: \(ValueText.short(change.new))"
        case .removed: return "\(path) removed (was \(ValueText.short(change.old)))"
        case .reordered(let old, let new):
            return "\(path) order: \(old.joined(separator: ", ")) → \(new.joined(separator: ", "))"
        }
    }

    /// The worded changes only (those with domain wording).
    public static func changes(from old: Policy, to new: Policy) -> [PolicyChange] {
        var changes: [PolicyChange] = []
        if old.version.id != new.version.id || old.version.effectiveFrom != new.version.effectiveFrom {
            changes.append(
                PolicyChange(
                    area: .version, description: "version `\(old.version.id)` (from \(old.version.effectiveFrom)) → `\(new.version.id)` (from \(new.version.effectiveFrom))",
                    old: old.range, new: new.range,
                    explains: [.below(PolicyPath(keys: "version", "id")), .below(PolicyPath(keys: "version", "effective_from"))]))
        }
        changes += procedures(old, new)
        changes += routing(old, new)
        changes += retention(old, new)
        changes += criteria(old, new)
        let oldLimit = old.timeLimit.map { "\($0.within)" } ?? "none"
        let newLimit = new.timeLimit.map { "\($0.within)" } ?? "none"
        if oldLimit != newLimit {
            let path = PolicyPath(keys: "time_limit")
            changes.append(
                PolicyChange(
                    area: .timeLimit, description: "time limit to complain \(oldLimit) → \(newLimit)", old: old.timeLimit?.range, new: new.timeLimit?.range,
                    explains: [.at(path), .below(path.key("within"))]))
        }
        return changes
    }

    /// A rule's conditions in the policy's own terms: "service parking and mentions 'pcn'".
    static func describe(_ conditions: RoutingConditions?) -> String {
        guard let conditions else { return "anything" }
        var parts: [String] = []
        if let types = conditions.types { parts.append("type " + types.joined(separator: "/")) }
        if let services = conditions.services { parts.append("service " + services.joined(separator: "/")) }
        if let categories = conditions.categories { parts.append("category " + categories.joined(separator: "/")) }
        if let channels = conditions.channels { parts.append("via " + channels.joined(separator: "/")) }
        if let makers = conditions.makers { parts.append("made by " + makers.joined(separator: "/")) }
        if let mentions = conditions.mentions { parts.append("mentions " + mentions.map { "'\($0)'" }.joined(separator: "/")) }
        if let age = conditions.matterOlderThan { parts.append("matter older than \(age)") }
        return parts.joined(separator: " and ")
    }

    static func timescaleText(_ timescale: Timescale?) -> String {
        guard let timescale else { return "none" }
        return "\(timescale.within) from \(timescale.from)" + (timescale.extendableTo.map { ", extendable to \($0)" } ?? "")
    }

    static func procedures(_ old: Policy, _ new: Policy) -> [PolicyChange] {
        var changes: [PolicyChange] = []
        let oldOwn = old.procedures.filter { $0.definedIn == old.path }
        let newOwn = new.procedures.filter { $0.definedIn == new.path }
        let procedures = PolicyPath(keys: "procedures")
        for procedure in newOwn where old.procedure(procedure.id) == nil {
            let stages = procedure.stages.map { "\($0.id) respond \(timescaleText($0.respond))" }.joined(separator: "; ")
            changes.append(
                PolicyChange(area: .procedure, description: "new procedure `\(procedure.id)` (\(procedure.name)): \(stages)", old: nil, new: procedure.range,
                    explains: [.below(procedures.key(procedure.id))]))
        }
        for procedure in oldOwn where new.procedure(procedure.id) == nil {
            changes.append(PolicyChange(area: .procedure, description: "procedure `\(procedure.id)` removed", old: procedure.range, new: nil,
                    explains: [.below(procedures.key(procedure.id))]))
        }
        for before in oldOwn {
            guard let after = new.procedure(before.id) else { continue }
            let stages = procedures.key(before.id).key("stages")
            for (index, (a, b)) in StagePairing.pair(before.stages, after.stages).enumerated() {
                switch (a, b) {
                case (let a?, nil):
                    changes.append(PolicyChange(area: .stage, description: "`\(before.id)`: stage `\(a.id)` removed", old: a.range, new: nil,
                            explains: [.below(stages.item(a.id))]))
                case (nil, let b?):
                    changes.append(PolicyChange(area: .stage, description: "`\(before.id)`: new stage `\(b.id)`", old: nil, new: b.range,
                            explains: [.below(stages.item(b.id))]))
                case (let a?, let b?):
                    if a.id != b.id || a.name != b.name {
                        changes.append(
                            PolicyChange(
                                area: .stage, description: "`\(before.id)`: stage \(index + 1) renamed `\(a.id)` (\(a.name)) → `\(b.id)` (\(b.name))",
                                old: a.range, new: b.range, explains: [.at(stages.item(b.id).key("id")), .at(stages.item(b.id).key("name"))]))
                    }
                    let stage = stages.item(b.id)
                    for (what, key, x, y) in [
                        ("acknowledge", "acknowledge", a.acknowledge, b.acknowledge), ("respond", "respond", a.respond, b.respond),
                        ("escalation window", "escalate", a.escalate, b.escalate),
                    ] {
                        let (was, now) = (timescaleText(x), timescaleText(y))
                        if was != now {
                            changes.append(
                                PolicyChange(
                                    area: .timescale, description: "`\(after.id)` \(b.id) \(what): \(was) → \(now)",
                                    old: x?.range ?? a.range, new: y?.range ?? b.range,
                                    explains: [.at(stage.key(key))] + ["within", "from", "extendable_to"].map { .below(stage.key(key).key($0)) }))
                        }
                    }
                    if a.handler != b.handler {
                        changes.append(
                            PolicyChange(area: .handler, description: "\(b.id) handled by \(a.handler ?? "unstated") → \(b.handler ?? "unstated")", old: a.range, new: b.range,
                                explains: [.below(stage.key("handler"))]))
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
        let routing = PolicyPath(keys: "routing")
        for rule in new.routing {
            let path = routing.item(rule.id)
            guard let before = oldRules[rule.id] else {
                let area: PolicyChange.Area = if case .exclude = rule.outcome { .exclusion } else { .routing }
                changes.append(
                    PolicyChange(area: area, description: "new rule `\(rule.id)`: \(describe(rule.conditions)) → \(outcomeText(rule.outcome))", old: nil, new: rule.range,
                        explains: [.below(path)]))
                continue
            }
            let (a, b) = (outcomeText(before.outcome), outcomeText(rule.outcome))
            if a != b {
                let excluded = { (o: RoutingOutcome) in if case .exclude = o { true } else { false } }
                changes.append(
                    PolicyChange(
                        area: excluded(before.outcome) || excluded(rule.outcome) ? .exclusion : .routing,
                        description: "rule `\(rule.id)`: \(a) → \(b)", old: before.range, new: rule.range,
                        explains: [.below(path.key("procedure")), .below(path.key("stage")), .below(path.key("feedback")), .at(path.key("exclude")), .below(path.key("exclude").key("reason"))]))
            }
            let (c, d) = (describe(before.conditions), describe(rule.conditions))
            if c != d {
                changes.append(PolicyChange(area: .routing, description: "rule `\(rule.id)` now matches \(d) (was \(c))", old: before.range, new: rule.range,
                        explains: [.below(path.key("when"))]))
            }
            if before.flags != rule.flags {
                changes.append(
                    PolicyChange(
                        area: .routing, description: "rule `\(rule.id)` flags [\(before.flags.joined(separator: ", "))] → [\(rule.flags.joined(separator: ", "))]",
                        old: before.range, new: rule.range, explains: [.below(path.key("flags"))]))
            }
        }
        for rule in old.routing where newRules[rule.id] == nil {
            let area: PolicyChange.Area = if case .exclude = rule.outcome { .exclusion } else { .routing }
            changes.append(PolicyChange(area: area, description: "rule `\(rule.id)` removed (was \(outcomeText(rule.outcome)))", old: rule.range, new: nil,
                    explains: [.below(routing.item(rule.id))]))
        }
        return changes
    }

    static func retention(_ old: Policy, _ new: Policy) -> [PolicyChange] {
        var changes: [PolicyChange] = []
        let oldRules = Dictionary(old.retention.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let retention = PolicyPath(keys: "retention")
        for rule in new.retention {
            guard let before = oldRules[rule.id] else {
                changes.append(PolicyChange(area: .retention, description: "new retention rule `\(rule.id)`: keep \(rule.keep) from \(rule.from.rawValue)", old: nil, new: rule.range,
                        explains: [.below(retention.item(rule.id))]))
                continue
            }
            if before.keep != rule.keep || before.from != rule.from {
                changes.append(
                    PolicyChange(
                        area: .retention, description: "retention `\(rule.id)`: \(before.keep) from \(before.from.rawValue) → \(rule.keep) from \(rule.from.rawValue)",
                        old: before.range, new: rule.range,
                        explains: [.below(retention.item(rule.id).key("keep")), .below(retention.item(rule.id).key("from"))]))
            }
        }
        for rule in old.retention where !new.retention.contains(where: { $0.id == rule.id }) {
            changes.append(PolicyChange(area: .retention, description: "retention rule `\(rule.id)` removed", old: rule.range, new: nil,
                    explains: [.below(retention.item(rule.id))]))
        }
        return changes
    }

    static func criteria(_ old: Policy, _ new: Policy) -> [PolicyChange] {
        let before = old.behaviour?.criteria ?? []
        let after = new.behaviour?.criteria ?? []
        var changes: [PolicyChange] = []
        let criteria = PolicyPath(keys: "behaviour", "criteria")
        for criterion in after where !before.contains(where: { $0.id == criterion.id }) {
            changes.append(PolicyChange(area: .criterion, description: "new behaviour criterion `\(criterion.id)`", old: nil, new: criterion.range,
                    explains: [.below(criteria.item(criterion.id))]))
        }
        for criterion in before where !after.contains(where: { $0.id == criterion.id }) {
            changes.append(PolicyChange(area: .criterion, description: "behaviour criterion `\(criterion.id)` removed", old: criterion.range, new: nil,
                    explains: [.below(criteria.item(criterion.id))]))
        }
        if old.behaviour?.reviewAfter != new.behaviour?.reviewAfter {
            changes.append(
                PolicyChange(
                    area: .criterion,
                    description: "restriction review \(old.behaviour?.reviewAfter.map { "\($0)" } ?? "none") → \(new.behaviour?.reviewAfter.map { "\($0)" } ?? "none")",
                    old: old.behaviour?.range, new: new.behaviour?.range,
                    explains: [.at(PolicyPath(keys: "behaviour", "review_after")), .below(PolicyPath(keys: "behaviour", "review_after", "within"))]))
        }
        return changes
    }
}
