import RedressCalendar
import RedressPolicy

/// Replays a case's events against its procedure. Histories that make no sense throw a per-case
/// error; nothing is ever given a made-up date.
struct CaseReplay {
    struct Run {
        /// The procedure's stages and which of them this run is: a `Stage` held in every run
        /// cost a reference count for each of its parts (timescales, citations, source ranges)
        /// whenever a run was copied; the array costs one.
        let stages: [Stage]
        let stageIndex: Int
        var stage: Stage { stages[stageIndex] }
        var occurrence: Int
        var start: LocalDate
        var acknowledged: LocalDate?
        var responded: LocalDate?
        var outcome: CaseEvent.Outcome?
        var remedy: String?
        var remedyType: CaseEvent.RemedyType?
        var remedyAmount: Money?
        var learning: String?
        var recordAgreed: LocalDate?
        var milestones: [String: LocalDate] = [:]
        /// Extensions in the order recorded: when each was made, by how many working days, and
        /// whether it was agreed with the complainant.
        var extensions: [(on: LocalDate, days: Int, agreed: Bool)] = []
        var paused = 0
        var pauseStart: LocalDate?
        /// Ended by a referral back to an earlier stage (does not count against `repeatable`).
        var referredBack = false
    }

    let procedure: Procedure?
    /// The statutory procedure binding `procedure` (itself, or the one it implements): its
    /// extension ceilings cap the council's.
    let statute: Procedure?
    let calendar: WorkingDayCalendar
    let asOf: LocalDate
    /// When the complainant became aware of the matter (`aware_on`, else the receipt): the anchor
    /// of an `or_if_later` window "from the event".
    let awareOn: LocalDate
    var runs: [Run] = []
    var closedOn: LocalDate?
    var closedAt: String?
    var lastContact: LocalDate
    var flags: [CaseFlag] = []
    /// What the complaint's time limit said when it was classified.
    let timeLimit: TimeLimitStanding
    var outcomes = CaseOutcomes()

    init(
        procedure: Procedure?, statute: Procedure?, firstStage: String?, received: LocalDate, calendar: WorkingDayCalendar,
        asOf: LocalDate, awareOn: LocalDate, timeLimit: TimeLimitStanding
    ) {
        self.timeLimit = timeLimit
        self.procedure = procedure
        self.statute = statute
        self.calendar = calendar
        self.asOf = asOf
        self.awareOn = awareOn
        lastContact = received
        let stages = procedure?.stages ?? []
        if let index = firstStage.flatMap({ id in stages.firstIndex { $0.id == id } }) ?? stages.indices.first {
            runs = [Run(stages: stages, stageIndex: index, occurrence: 1, start: received)]
        }
    }

    mutating func apply(_ events: [CaseEvent], receivedOn: LocalDate) throws(RecordError) {
        var previous: (on: LocalDate, kind: CaseEvent.Kind)?
        for event in events {
            if let previous, event.on < previous.on {
                throw RecordError("events out of order: `\(event.kind.rawValue)` on \(event.on) is listed after `\(previous.kind.rawValue)` on \(previous.on)")
            }
            previous = (event.on, event.kind)
            guard event.on >= receivedOn else {
                throw RecordError("`\(event.kind.rawValue)` on \(event.on) is before the complaint was received (\(receivedOn))")
            }
            guard event.on <= asOf else {
                flags.append(.eventsAfterAsOf)
                break
            }
            lastContact = max(lastContact, event.on)
            try apply(event)
        }
        if let start = runs.last?.pauseStart, let last = runs.indices.last {
            runs[last].paused += try days { () throws(CalendarError) in try calendar.workingDays(from: start, to: asOf) }
            flags.append(.paused)
        }
    }

    private mutating func apply(_ event: CaseEvent) throws(RecordError) {
        let name = event.kind.rawValue
        let afterClosure: Bool
        switch event.kind {
        case .referredToOmbudsman, .contact, .ombudsmanDecision, .ombudsmanComplied: afterClosure = true
        default: afterClosure = false
        }
        if closedOn != nil, !afterClosure {
            throw RecordError("`\(name)` on \(event.on) after the case was closed")
        }
        switch event.kind {
        case .contact: return
        case .ombudsmanDecision: return try ombudsmanDecision(event)
        case .ombudsmanComplied: return try ombudsmanComplied(event)
        case .timeLimitWaived: return try waiveTimeLimit(event)
        default: break
        }
        guard let index = runs.indices.last else {
            // Excluded complaints and feedback have no stages: record-keeping events are fine,
            // stage events are not.
            switch event.kind {
            case .acknowledged, .responded, .contact: return
            case .refusedOutOfTime: try refuseOutOfTime(event, at: nil)
            case .closed: closedOn = event.on
            case .referredToOmbudsman:
                // The ombudsman this procedure ends with (the Housing Ombudsman, the SPSO, …).
                closedAt = procedure?.then ?? "ombudsman"
                if closedOn == nil { closedOn = event.on }
            default:
                throw RecordError("`\(name)` on \(event.on): this case is not under a procedure (excluded or feedback), so it has no stages")
            }
            return
        }
        let current = runs[index].stage.id
        let namesAnotherStage: Bool
        switch event.kind {
        case .escalated, .referredBack, .closed, .escalationRefused: namesAnotherStage = true
        default: namesAnotherStage = false
        }
        if let stage = event.stage, !namesAnotherStage, stage != current {
            throw RecordError("`\(name)` on \(event.on) names stage `\(stage)`, but the case is at stage `\(current)`")
        }
        switch event.kind {
        case .acknowledged:
            if runs[index].acknowledged != nil { flags.append(.acknowledgedTwice) } else { runs[index].acknowledged = event.on }
        case .responded:
            guard runs[index].responded == nil else {
                throw RecordError("stage `\(current)` was answered twice without an escalation (\(event.on))")
            }
            runs[index].responded = event.on
            runs[index].outcome = event.outcome
            runs[index].remedy = event.remedy
            runs[index].remedyType = event.remedyType
            runs[index].remedyAmount = event.remedyAmount
            runs[index].learning = event.learning
        case .escalated:
            try escalate(event, from: index)
        case .extended:
            runs[index].extensions.append((event.on, event.days ?? 0, event.agreed))
        case .referredBack:
            try referBack(event, from: index)
        case .paused:
            guard runs[index].pauseStart == nil else { throw RecordError("paused on \(event.on) while already paused") }
            runs[index].pauseStart = event.on
        case .resumed:
            guard let start = runs[index].pauseStart else { throw RecordError("resumed on \(event.on) without a pause") }
            runs[index].paused += try days { () throws(CalendarError) in try calendar.workingDays(from: start, to: event.on) }
            runs[index].pauseStart = nil
        case .closed:
            if let stage = event.stage, stage != current {
                throw RecordError("closed at stage `\(stage)`, but the case is at stage `\(current)`")
            }
            closedOn = event.on
            closedAt = current
        case .referredToOmbudsman:
            closedAt = procedure?.then ?? "lgsco"
            if closedOn == nil { closedOn = event.on }
        case .recordAgreed:
            runs[index].recordAgreed = event.on
        case .milestone:
            guard let id = event.milestone, runs[index].stage.milestones.contains(where: { $0.id == id }) else {
                throw RecordError("stage `\(current)` has no milestone `\(event.milestone ?? "")`")
            }
            runs[index].milestones[id] = event.on
        case .refusedOutOfTime: try refuseOutOfTime(event, at: current)
        case .alternativeResolution: try resolveAlternatively(event, at: current)
        case .escalationRefused: try refuseEscalation(event, from: index)
        case .jointAgreed: try agreeJoint(event, at: index)
        case .contact, .timeLimitWaived, .ombudsmanDecision, .ombudsmanComplied:
            break
        }
    }

    private mutating func escalate(_ event: CaseEvent, from index: Int) throws(RecordError) {
        guard let procedure else { return }
        let run = runs[index]
        let skipped = run.responded == nil
        if skipped, !run.stage.optional {
            throw RecordError("escalated on \(event.on) before stage `\(run.stage.id)` was answered")
        }
        if run.pauseStart != nil { throw RecordError("escalated on \(event.on) while stage `\(run.stage.id)` is paused") }
        guard let position = procedure.stages.firstIndex(where: { $0.id == run.stage.id }) else { return }
        let targetID = event.stage ?? (position + 1 < procedure.stages.count ? procedure.stages[position + 1].id : nil)
        guard let targetID else {
            throw RecordError("stage `\(run.stage.id)` is the last stage of `\(procedure.id)`; record `referred-to-ombudsman` instead")
        }
        guard let targetPosition = procedure.stages.firstIndex(where: { $0.id == targetID }) else {
            throw RecordError("procedure `\(procedure.id)` has no stage `\(targetID)`")
        }
        let repeatable = procedure.stages[targetPosition].repeatable
        if targetPosition < position { throw RecordError("escalated back from `\(run.stage.id)` to earlier stage `\(targetID)`") }
        let occurrence = runs.count(where: { $0.stage.id == targetID }) + 1
        if runs.count(where: { $0.stage.id == targetID && !$0.referredBack }) + 1 > repeatable {
            throw RecordError("stage `\(targetID)` may run at most \(repeatable) time\(repeatable == 1 ? "" : "s")")
        }
        if run.responded != nil, let window = run.stage.escalate, let end = try? due(window.clock, run, acknowledgeBy: nil), event.on > end {
            flags.append(window.advisory ? .escalatedAfterRecommendedWindow : .escalatedOutsideWindow)
        }
        if skipped {
            // An optional stage not used: the next stage runs from when the skipped one started
            // (Stockton's Stage 1 "from receipt" without Early Resolution) — the earliest reading.
            if targetPosition != position + 1 {
                throw RecordError("escalated from optional stage `\(run.stage.id)` to `\(targetID)`, skipping more than one stage")
            }
            flags.append(.skipped(stage: run.stage.id))
            runs.append(Run(stages: procedure.stages, stageIndex: targetPosition, occurrence: occurrence, start: run.start))
            return
        }
        let start = try days { () throws(CalendarError) in try calendar.workingDay(onOrAfter: event.on) }
        runs.append(Run(stages: procedure.stages, stageIndex: targetPosition, occurrence: occurrence, start: start))
    }

    /// The handler sends the case back to an earlier stage for more work (North Somerset's Stage 2
    /// reviewer, seed 002): a new run of that stage starts on the day of the referral.
    private mutating func referBack(_ event: CaseEvent, from index: Int) throws(RecordError) {
        let run = runs[index]
        guard let allowed = run.stage.referBackTo else {
            throw RecordError("`referred-back` on \(event.on): stage `\(run.stage.id)` cannot refer a case back (the policy gives it no `refer_back_to`)")
        }
        let targetID = event.stage ?? allowed
        guard targetID == allowed, let procedure, let targetPosition = procedure.stages.firstIndex(where: { $0.id == targetID }) else {
            throw RecordError("`referred-back` on \(event.on) names stage `\(targetID)`; stage `\(run.stage.id)` refers back to `\(allowed)`")
        }
        if run.pauseStart != nil { throw RecordError("referred back on \(event.on) while stage `\(run.stage.id)` is paused") }
        runs[index].referredBack = true
        flags.append(.referredBack(stage: run.stage.id))
        let start = try days { () throws(CalendarError) in try calendar.workingDay(onOrAfter: event.on) }
        runs.append(Run(stages: procedure.stages, stageIndex: targetPosition, occurrence: runs.count(where: { $0.stage.id == targetID }) + 1, start: start))
    }

    func days<T>(_ body: () throws(CalendarError) -> T) throws(RecordError) -> T {
        do {
            return try body()
        } catch {
            throw RecordError("\(error)")
        }
    }

    /// The date a timescale ends for a run, or nil while what it runs from has not happened.
    func due(_ clock: DeadlineClock?, _ run: Run, acknowledgeBy: LocalDate?) throws(RecordError) -> LocalDate? {
        guard let clock else { return nil }
        let anchor: LocalDate?
        switch clock.from {
        case "receipt", "escalation": anchor = run.start
        case "acknowledgement": anchor = run.acknowledged ?? acknowledgeBy
        case "agreed-record": anchor = run.recordAgreed
        case "response": anchor = run.responded
        default: anchor = run.milestones[clock.from]
        }
        guard let anchor else { return nil }
        let date = try days { () throws(CalendarError) in try clock.within.date(after: anchor, calendar: calendar) }
        guard let alternative = clock.alternative else { return date }
        // Whichever ends later: the reading that gives the complainant the longer window.
        let start = alternative.from == .aware ? awareOn : runs.first?.start ?? anchor
        return max(date, try days { () throws(CalendarError) in try alternative.within.date(after: start, calendar: calendar) })
    }

    /// The schedules of every run, with extensions capped and pauses applied to the response deadline.
    mutating func stageSchedules() throws(RecordError) -> [StageSchedule] {
        var result: [StageSchedule] = []
        result.reserveCapacity(runs.count)
        // Each run read where it is (a `for … in` loop would copy every run).
        let runs = self.runs
        for index in runs.indices {
            result.append(try stageSchedule(runs[index]))
        }
        return result
    }

    /// One run's schedule.
    private mutating func stageSchedule(_ run: Run) throws(RecordError) -> StageSchedule {
        let acknowledgeBy = try due(run.stage.acknowledge?.clock, run, acknowledgeBy: nil)
        var respondBy = try due(run.stage.respond?.clock, run, acknowledgeBy: acknowledgeBy)
        var extended = 0
        if let base = respondBy, !run.extensions.isEmpty {
            (respondBy, extended) = try extend(base, run, acknowledgeBy: acknowledgeBy)
        }
        if let deadline = respondBy, run.paused > 0 {
            respondBy = try days { () throws(CalendarError) in try calendar.adding(workingDays: run.paused, to: deadline) }
        }
        var met: Bool?
        var late: Int?
        if let responded = run.responded, let respondBy {
            met = responded <= respondBy
            late = max(0, try days { () throws(CalendarError) in try calendar.workingDays(from: respondBy, to: responded) })
        }
        let milestones = try run.stage.milestones.map { (milestone) throws(RecordError) in
            MilestoneSchedule(
                id: milestone.id, due: try due(milestone.timescale.clock, run, acknowledgeBy: acknowledgeBy),
                done: run.milestones[milestone.id])
        }
        return StageSchedule(
            stage: run.stage.id, occurrence: run.occurrence, started: run.start, acknowledgeBy: acknowledgeBy,
            acknowledged: run.acknowledged, respondBy: respondBy, responded: run.responded, met: met, daysLate: late,
            extendedDays: extended, pausedDays: run.paused,
            escalateBy: run.responded == nil ? nil : try due(run.stage.escalate?.clock, run, acknowledgeBy: acknowledgeBy),
            milestones: milestones, outcome: run.outcome, remedy: run.remedy, learning: run.learning,
            remedyType: run.remedyType, remedyAmount: run.remedyAmount)
    }

    /// Applies a run's extensions to its response deadline. An extension made after the deadline
    /// had passed does not revive it. The total never passes the stage's `extendable_to` or the
    /// statute's, whichever is earlier — except where they extend `by agreement`: then an extension
    /// agreed with the complainant (`agreed: true`) sets the revised limit, and only an extension
    /// not recorded as agreed is capped at `within` (flagged `extension-not-agreed`). Returns the
    /// deadline and the working days the extensions actually added.
    private mutating func extend(_ base: LocalDate, _ run: Run, acknowledgeBy: LocalDate?) throws(RecordError) -> (LocalDate, Int) {
        var deadline = base
        var made = false
        var allAgreed = true
        for granted in run.extensions {
            guard granted.on <= deadline else {
                flags.append(.extensionAfterDeadline(stage: run.stage.id))
                continue
            }
            deadline = try days { () throws(CalendarError) in try calendar.adding(workingDays: granted.days, to: deadline) }
            made = true
            allAgreed = allAgreed && granted.agreed
        }
        guard made else { return (base, 0) }
        var ceilings: [LocalDate] = []
        var byAgreement = false
        /// The ceiling a timescale sets: its `extendable_to`; none for extensions agreed `by
        /// agreement`; otherwise `within` when `capWithin` (a statute allows no extension).
        func ceiling(_ respond: Timescale, capWithin: Bool) throws(RecordError) {
            var capped = respond
            if let limit = respond.extendableTo {
                capped.within = limit
            } else if respond.extensionByAgreement {
                byAgreement = true
                if allAgreed { return }
            } else if !capWithin {
                return
            }
            if let date = try due(capped.clock, run, acknowledgeBy: acknowledgeBy) { ceilings.append(date) }
        }
        if let respond = run.stage.respond { try ceiling(respond, capWithin: false) }
        if let statute, statute.id != procedure?.id, let respond = statute.stage(run.stage.id)?.respond { try ceiling(respond, capWithin: true) }
        if let ceiling = ceilings.min(), deadline > ceiling {
            flags.append(byAgreement && !allAgreed ? .extensionNotAgreed(stage: run.stage.id) : .extensionBeyondMaximum(stage: run.stage.id))
            deadline = ceiling
        } else if ceilings.isEmpty {
            flags.append(byAgreement && allAgreed ? .extensionAgreed(stage: run.stage.id) : .extensionWithoutMaximum(stage: run.stage.id))
        }
        let counted = try days { () throws(CalendarError) in try calendar.workingDays(from: base, to: deadline) }
        return (deadline, max(0, counted))
    }
}
