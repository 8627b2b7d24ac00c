import RedressCalendar
import RedressDiagnostics

/// A council's procedure that implements a statutory route gives the complainant nothing less than
/// the statute does, compared on what the complainant experiences: the latest date each deadline
/// can fall, measured from the same event, on every start date the calendar covers (so chained
/// anchors, milestones, extension ceilings and mixed units are all compared exactly); the time
/// limit to complain and the window to escalate no shorter; no stage the statute lacks and none of
/// its stages missing.
struct StatutoryFloorCheck: PolicyCheck {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic] {
        guard let calendar = context.calendar else { return [] }
        let comparison = DeadlineComparison(calendar: calendar)
        var found: [Diagnostic] = []
        for procedure in policy.procedures where procedure.definedIn == policy.path {
            guard let id = procedure.implements, let statute = policy.procedure(id), statute.kind == .statutory else { continue }
            var compare = FloorComparison(procedure: procedure, statute: statute, comparison: comparison)
            for stage in procedure.stages {
                guard let floor = statute.stage(stage.id) else {
                    compare.found.append(
                        .error(
                            .policyStatutoryStage, "statutory procedure `\(id)` has no stage `\(stage.id)`", at: stage.range,
                            help: statute.stages.map(\.id).suggestion(for: stage.id) ?? "a statutory route may not add stages"))
                    continue
                }
                compare.stage(stage, against: floor)
            }
            for floor in statute.stages where procedure.stage(floor.id) == nil {
                compare.found.append(
                    .error(
                        .policyStatutoryStageMissing, "`\(procedure.id)` implements `\(id)` but has no stage `\(floor.id)`",
                        at: procedure.range, help: "add the stage; a council may not remove a statutory stage",
                        related: [RelatedLocation("`\(floor.id)` is here", at: floor.range)]))
            }
            compare.timeLimit(own: procedure.timeLimit ?? policy.timeLimit, statute: statute.timeLimit ?? policy.timeLimit)
            found += compare.found
        }
        return found
    }
}

/// The comparisons of one implementing procedure against its statute.
struct FloorComparison {
    let procedure: Procedure
    let statute: Procedure
    let comparison: DeadlineComparison
    var found: [Diagnostic] = []

    init(procedure: Procedure, statute: Procedure, comparison: DeadlineComparison) {
        self.procedure = procedure
        self.statute = statute
        self.comparison = comparison
    }

    mutating func stage(_ stage: Stage, against floor: Stage) {
        if let limit = floor.acknowledge {
            if let own = stage.acknowledge {
                deadline("acknowledgement", own, in: stage, against: limit, in: floor, ceiling: false)
            } else {
                found.append(
                    .error(
                        .policyLoosensStatute, "stage `\(stage.id)` sets no time to acknowledge; `\(statute.id)` requires \(limit.within)",
                        at: stage.range, help: "add `acknowledge: { within: \(limit.within), source: … }`",
                        related: [RelatedLocation("the statute's limit is here", at: limit.range)]))
            }
        }
        // Milestones first: a late panel meeting is the cause, and the response it delays is not
        // reported again.
        let before = found.count
        for milestone in floor.milestones {
            guard let own = stage.milestones.first(where: { $0.id == milestone.id }) else { continue }
            deadline("milestone `\(milestone.id)`", own.timescale, in: stage, against: milestone.timescale, in: floor, ceiling: false)
        }
        if let own = stage.respond, let limit = floor.respond, found.count == before {
            deadline("response", own, in: stage, against: limit, in: floor, ceiling: false)
            if own.extensionByAgreement, !limit.extensionByAgreement {
                found.append(
                    .error(
                        .policyLoosensStatute,
                        "stage `\(stage.id)`: the response may be extended by agreement with no maximum; `\(statute.id)` allows at most \(limit.extendableTo ?? limit.within)",
                        at: own.extendableToRange ?? own.range, help: "write `extendable_to: \(limit.extendableTo ?? limit.within)` or less",
                        related: [RelatedLocation("`\(statute.id)` sets it here", at: limit.extendableToRange ?? limit.range)]))
            } else if own.extendableTo != nil, !limit.extensionByAgreement {
                deadline("extended response", own, in: stage, against: limit, in: floor, ceiling: true)
            }
        }
        if let limit = floor.escalate, !limit.advisory, let own = stage.escalate, !own.advisory {
            window("the window to ask for the next stage", own: own, in: stage, limit: limit, in: floor)
            laterWindow(own: own, in: stage, limit: limit)
        }
        structure(stage, against: floor)
    }

    mutating func timeLimit(own: TimeLimit?, statute limit: TimeLimit?) {
        guard let own, let limit else { return }
        let ownPath = DeadlinePath(root: .start, steps: [own.within])
        let limitPath = DeadlinePath(root: .start, steps: [limit.within])
        guard let example = comparison.earlierExample(ownPath, than: limitPath) else { return }
        found.append(
            .error(
                .policyLoosensStatute,
                "the time limit to complain (\(own.within)) is shorter than `\(statute.id)` allows (\(limit.within))",
                at: own.range,
                help: "aware on \(example.start): the complainant would be out of time after \(example.own), not \(example.limit); a council may accept more complaints than the statute, never fewer",
                related: [RelatedLocation("the statute's limit is here", at: limit.range)]))
    }

    private mutating func deadline(
        _ what: String, _ own: Timescale, in stage: Stage, against limit: Timescale, in floor: Stage, ceiling: Bool
    ) {
        let related = [RelatedLocation("`\(statute.id)` sets it here", at: limit.range)]
        let ownPath: DeadlinePath
        let limitPath: DeadlinePath
        do {
            ownPath = try DeadlinePath.of(own, in: stage, ceiling: ceiling)
        } catch {
            found.append(unbounded(error, what: what, stage: stage, at: own.range, related: related))
            return
        }
        do {
            limitPath = try DeadlinePath.of(limit, in: floor, ceiling: ceiling)
        } catch {
            return
        }
        if ownPath.root == .agreedRecord, limitPath.root == .start {
            found.append(
                .error(
                    .policyLoosensStatute,
                    "stage `\(stage.id)`: the \(what) runs from the agreed record, which can come any time after the stage starts; `\(statute.id)` runs it from the stage's start",
                    at: own.range, help: "run it from `receipt`/`escalation`, as the statute does", related: related))
            return
        }
        guard let example = comparison.laterExample(ownPath, than: limitPath) else { return }
        found.append(
            .error(
                .policyLoosensStatute,
                "stage `\(stage.id)`: the \(what) can fall later than `\(statute.id)` allows (\(ownPath) against \(limitPath))",
                at: (ceiling ? own.extendableToRange : nil) ?? own.range,
                help: "from \(example.start): \(example.own) against \(example.limit); a council may be stricter than the statute, never looser",
                related: related))
    }

    private mutating func window(_ what: String, own: Timescale, in stage: Stage, limit: Timescale, in floor: Stage) {
        guard let ownPath = try? DeadlinePath.of(own, in: stage), let limitPath = try? DeadlinePath.of(limit, in: floor),
            ownPath.root == limitPath.root, let example = comparison.earlierExample(ownPath, than: limitPath)
        else { return }
        found.append(
            .error(
                .policyLoosensStatute,
                "stage `\(stage.id)`: \(what) (\(ownPath)) is shorter than `\(statute.id)` allows (\(limitPath))",
                at: own.range, help: "from \(example.start): it closes \(example.own), not \(example.limit)",
                related: [RelatedLocation("`\(statute.id)` sets it here", at: limit.range)]))
    }

    /// A statute's `or_if_later` window is part of the floor: the council's must be there and no shorter.
    private mutating func laterWindow(own: Timescale, in stage: Stage, limit: Timescale) {
        guard let floor = limit.orIfLater else { return }
        let related = [RelatedLocation("`\(statute.id)` sets it here", at: floor.range)]
        guard let mine = own.orIfLater else {
            found.append(
                .error(
                    .policyLoosensStatute,
                    "stage `\(stage.id)`: the window to ask for the next stage lacks `\(statute.id)`'s alternative (\(floor.within) from \(floor.from.rawValue), whichever is later)",
                    at: own.range, help: "add `or_if_later: { within: \(floor.within), from: \(floor.from.rawValue) }`", related: related))
            return
        }
        if mine.from != floor.from || mine.within.approximateDays < floor.within.approximateDays {
            found.append(
                .error(
                    .policyLoosensStatute,
                    "stage `\(stage.id)`: `or_if_later` (\(mine.within) from \(mine.from.rawValue)) is shorter than `\(statute.id)`'s (\(floor.within) from \(floor.from.rawValue))",
                    at: mine.range, related: related))
        }
    }

    private func unbounded(_ error: DeadlinePath.Unbounded, what: String, stage: Stage, at range: SourceRange, related: [RelatedLocation])
        -> Diagnostic
    {
        switch error {
        case .acknowledgementHasNoLimit:
            .error(
                .policyLoosensStatute,
                "stage `\(stage.id)`: the \(what) runs from the acknowledgement, which has no time limit, so it has no latest date",
                at: range, help: "add `acknowledge:` to the stage, or run the \(what) from `receipt`", related: related)
        case .unknownAnchor(let name):
            .error(
                .policyLoosensStatute, "stage `\(stage.id)`: the \(what) runs from `\(name)`, which has no latest date", at: range,
                related: related)
        }
    }
}
