import RedressCalendar
import RedressPolicy

extension Engine {
    /// Where a case stands on `asOf`: every stage's deadlines, whether each was met, the escalation
    /// window, the ombudsman route, retention and a status. Events after `asOf` are ignored.
    public func schedule(_ history: CaseHistory, asOf: LocalDate, dueSoonWithin: Int = 5) throws(RecordError) -> CaseSchedule {
        let decision = try classify(history.complaint)
        guard let compiled = version(on: decision.deemedReceived) ?? version(on: history.complaint.received.date) else {
            throw RecordError("no policy version is in force on \(decision.deemedReceived)")
        }
        let policy = compiled.policy
        let calendar = compiled.calendar
        let procedure = decision.procedure.flatMap(policy.procedure)
        var replay = CaseReplay(
            procedure: procedure, firstStage: decision.stage, received: decision.deemedReceived, calendar: calendar, asOf: asOf)
        try replay.apply(history.events, receivedOn: history.complaint.received.date)
        let stages = try replay.stageSchedules()
        var result = CaseSchedule(
            id: decision.id, councilID: decision.councilID, versionID: decision.versionID, type: decision.type,
            procedure: decision.procedure, excluded: decision.excluded, stages: stages, status: .open, nextDue: nil,
            ombudsmanFrom: nil, ombudsman: procedure?.then, closedOn: replay.closedOn, closedAt: replay.closedAt,
            deleteAfter: nil, retentionRule: nil, flags: decision.flags + replay.flags, extra: history.complaint.extra)
        if decision.excluded {
            result.flags.append("excluded")
            if result.closedOn == nil { result.closedOn = decision.deemedReceived }
        }
        if let procedure, let last = stages.last, last.stage == procedure.stages.last?.id, let responded = last.responded {
            result.ombudsmanFrom = responded
        }
        try applyRetention(&result, policy: policy, calendar: calendar, lastContact: replay.lastContact)
        try applyStatus(&result, calendar: calendar, asOf: asOf, dueSoonWithin: dueSoonWithin)
        return result
    }

    private func applyRetention(_ result: inout CaseSchedule, policy: Policy, calendar: WorkingDayCalendar, lastContact: LocalDate)
        throws(RecordError)
    {
        let rule = policy.retention.first { rule in
            (rule.types?.contains(result.type) ?? true)
                && (rule.procedures.map { ids in result.procedure.map(ids.contains) ?? false } ?? true)
                && (rule.closedAt.map { ids in result.closedAt.map(ids.contains) ?? false } ?? true)
        }
        guard let rule else {
            if result.closedOn != nil { result.flags.append("no-retention-rule") }
            return
        }
        result.retentionRule = rule.id
        guard let closedOn = result.closedOn else { return }
        let from = rule.from == .closure ? closedOn : max(closedOn, lastContact)
        do {
            result.deleteAfter = try rule.keep.date(after: from, calendar: calendar)
        } catch {
            // Long retention (75 years) runs past the bank holiday data only for working-day units,
            // which no retention rule uses; report rather than guess.
            throw RecordError("retention `\(rule.id)`: \(error)")
        }
    }

    private func applyStatus(_ result: inout CaseSchedule, calendar: WorkingDayCalendar, asOf: LocalDate, dueSoonWithin: Int)
        throws(RecordError)
    {
        if result.closedOn != nil {
            result.status = result.deleteAfter.map { $0 <= asOf } == true ? .deleteDue : .closed
            return
        }
        var open: [DueItem] = []
        if let run = result.stages.last {
            if run.acknowledged == nil, let due = run.acknowledgeBy {
                open.append(DueItem(caseID: result.id, what: "acknowledge \(run.stage)", due: due))
            }
            for milestone in run.milestones where milestone.done == nil {
                if let due = milestone.due { open.append(DueItem(caseID: result.id, what: "\(milestone.id) (\(run.stage))", due: due)) }
            }
            if run.responded == nil, let due = run.respondBy {
                open.append(DueItem(caseID: result.id, what: "respond \(run.stage)", due: due))
            }
        }
        result.openItems = open.sorted { $0.due < $1.due }
        result.nextDue = result.openItems.first
        guard let next = result.nextDue else { return }
        if next.due < asOf {
            result.status = .overdue
            result.flags.append("overdue")
        } else if let remaining = try? calendar.workingDays(from: asOf, to: next.due), remaining <= dueSoonWithin {
            result.status = .dueSoon
        }
    }
}
