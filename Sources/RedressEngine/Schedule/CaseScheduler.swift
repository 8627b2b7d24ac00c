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
        let calendar = compiled.calendar
        let procedure = decision.procedure.flatMap(compiled.procedure)
        var replay = CaseReplay(
            procedure: procedure, statute: procedure?.statuteID.flatMap(compiled.procedure), firstStage: decision.stage, received: decision.deemedReceived, calendar: calendar, asOf: asOf,
            awareOn: history.complaint.awareOn ?? history.complaint.received.date, timeLimit: TimeLimitStanding(decision.flags))
        try replay.apply(history.events, receivedOn: history.complaint.received.date)
        let stages = try replay.stageSchedules()
        var result = CaseSchedule(
            id: decision.id, councilID: decision.councilID, versionID: decision.versionID, type: decision.type,
            procedure: decision.procedure, excluded: decision.excluded, stages: stages, status: .open, nextDue: nil,
            ombudsmanFrom: nil, ombudsman: procedure?.then, closedOn: replay.closedOn, closedAt: replay.closedAt,
            deleteAfter: nil, retentionRule: nil, flags: decision.flags + replay.flags, extra: history.complaint.extra)
        result.deemedReceived = decision.deemedReceived
        result.exclusionReason = decision.exclusionReason
        result.outcomes = replay.outcomes
        if decision.excluded {
            result.flags.append(.excluded)
            if result.closedOn == nil { result.closedOn = decision.deemedReceived }
        }
        // The ombudsman is next once the last stage that must run has answered (later optional
        // stages, like Warwickshire's commissioned investigation, need not run).
        if let procedure, let last = stages.last, let responded = last.responded,
            let position = procedure.stages.firstIndex(where: { $0.id == last.stage }),
            procedure.stages[(position + 1)...].allSatisfy(\.optional)
        {
            result.ombudsmanFrom = responded
        }
        // A refusal ends the procedure: the complainant may take it to the ombudsman from that day.
        if let refusal = replay.outcomes.refusal { result.ombudsmanFrom = refusal.on }
        if let decision = replay.outcomes.ombudsman, decision.recommendsRemedy, decision.compliedOn == nil {
            result.flags.append(.ombudsmanRemedyOutstanding)
        }
        endUnclosedCase(&result, asOf: asOf)
        try applyRetention(&result, rules: compiled.retention, calendar: calendar, lastContact: replay.lastContact)
        try applyStatus(&result, calendar: calendar, asOf: asOf, dueSoonWithin: dueSoonWithin)
        func isProjected(_ date: LocalDate?) -> Bool { date.map(calendar.isProjected) == true }
        let projected = result.stages.contains { isProjected($0.acknowledgeBy) || isProjected($0.respondBy) || isProjected($0.escalateBy) }
        if projected, !result.flags.contains(.projectedCalendar) {
            result.flags.append(.projectedCalendar)
        }
        return result
    }

    /// Cases end even when nobody records a closure: a stage answered without an acknowledgement
    /// no longer owes one (flagged `acknowledgement-missed:STAGE`); an answer the complainant did
    /// not take further closes the case when the window to escalate ends, and a final answer
    /// closes it on the day it was given (flagged `closed-by-time`) — so neither stays open or
    /// overdue for ever. Retention then runs from that day (a later `closed` event still wins).
    private func endUnclosedCase(_ result: inout CaseSchedule, asOf: LocalDate) {
        for run in result.stages where run.acknowledgeBy != nil && run.acknowledged == nil && run.responded != nil {
            result.flags.append(.acknowledgementMissed(stage: run.stage))
        }
        guard result.closedOn == nil, !result.excluded, let last = result.stages.last, let responded = last.responded else { return }
        if let window = last.escalateBy {
            guard window < asOf else { return }
            result.closedOn = window
        } else if result.ombudsmanFrom != nil {
            result.closedOn = responded
        } else {
            return
        }
        result.closedAt = last.stage
        result.flags.append(.closedByTime)
    }

    private func applyRetention(_ result: inout CaseSchedule, rules: [RetentionRule], calendar: WorkingDayCalendar, lastContact: LocalDate)
        throws(RecordError)
    {
        // Every matching rule applies and the longest wins: a record is never deleted while any
        // rule still requires it, whatever order the rules are written in. (Rules are read in
        // place by index: copying one costs a reference count for each of its parts.)
        let matching = rules.indices.filter {
            rules[$0].matches(type: result.type, procedure: result.procedure, closedAt: result.closedAt)
        }
        guard let first = matching.first else {
            if result.closedOn != nil { result.flags.append(.noRetentionRule) }
            return
        }
        guard let closedOn = result.closedOn else {
            result.retentionRule = matching.count == 1 ? rules[first].id : nil
            return
        }
        var deciding: (rule: Int, date: LocalDate)?
        for index in matching {
            let from = rules[index].from == .closure ? closedOn : max(closedOn, lastContact)
            let date: LocalDate
            do {
                date = try rules[index].keep.date(after: from, calendar: calendar)
            } catch {
                throw RecordError("retention `\(rules[index].id)`: \(error)")
            }
            if deciding.map({ date > $0.date }) ?? true { deciding = (index, date) }
        }
        guard let deciding else { return }
        result.retentionRule = rules[deciding.rule].id
        result.deleteAfter = deciding.date
        if matching.count > 1 { result.flags.append(.retentionLongestOf(rules: matching.map { rules[$0].id })) }
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
            if run.acknowledged == nil, run.responded == nil, let due = run.acknowledgeBy {
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
            result.flags.append(.overdue)
        } else if let remaining = try? calendar.workingDays(from: asOf, to: next.due), remaining <= dueSoonWithin {
            result.status = .dueSoon
        }
    }
}
