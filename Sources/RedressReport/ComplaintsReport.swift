import RedressCalendar
import RedressEngine

/// A complaints performance report for one period, accumulated one case at a time: volumes,
/// timeliness per stage, escalation (escalated or direct), outcomes, remedies and learning,
/// exclusions, the ombudsman, feedback, the landlord measures, and the position at the report
/// date. Memory grows with the number of distinct services, stages and reasons (and the remedies
/// and lessons recorded), never with the number of cases.
public struct ComplaintsReport: Sendable {
    public enum Dimension: String, Sendable, CaseIterable {
        case procedure, service, channel
        case madeBy = "made_by"
    }

    public let period: ReportPeriod
    public let asOf: LocalDate
    let feedbackTypes: Set<String>
    public internal(set) var complaints = 0
    public internal(set) var outsidePeriod = 0
    public internal(set) var failed = 0
    public internal(set) var volumes: [Dimension: [String: Int]] = [:]
    public internal(set) var byBucket: [String: Int] = [:]
    /// Feedback that is not a complaint (compliments, comments, suggestions), by type and service.
    public internal(set) var feedback: [String: Int] = [:]
    public internal(set) var feedbackByService: [String: [String: Int]] = [:]
    /// Stages in order of first appearance.
    public internal(set) var stageOrder: [StageKey] = []
    public internal(set) var stages: [StageKey: StageFigures] = [:]
    /// Per procedure: how many cases reached its 1st, 2nd, … stage, and how.
    public internal(set) var reached: [String: [StageReach]] = [:]
    /// Per procedure: its stage ids in order (from the cases' policy versions).
    public internal(set) var stageIDs: [String: [String]] = [:]
    public internal(set) var ombudsmanReferrals: [String: Int] = [:]
    public internal(set) var exclusions: [String: Int] = [:]
    public internal(set) var outOfTime = 0
    public internal(set) var openAtEnd = 0
    public internal(set) var overdueAtEnd = 0
    public internal(set) var closedByTime = 0
    public internal(set) var deletionDue = 0
    public internal(set) var extensionsBeyondMaximum = 0
    public internal(set) var learning: [LearningItem] = []
    public internal(set) var landlord = LandlordFigures()
    public internal(set) var resolutions = ResolutionFigures()

    public init(period: ReportPeriod, asOf: LocalDate, feedbackTypes: Set<String> = []) {
        self.period = period
        self.asOf = asOf
        self.feedbackTypes = feedbackTypes
    }

    /// Complaints and feedback received in the period.
    public var received: Int { complaints + feedback.values.reduce(0, +) }

    /// Records that could not be read or scheduled (counted, shown in the report).
    public mutating func addFailures(_ count: Int) { failed += count }

    /// Adds one case, scheduled as of the report date, with its procedure's stage ids in order and
    /// the calendar its deadlines count in. Every case is offered to every period: the landlord
    /// measures count responses made in the period whenever the complaint came in.
    public mutating func add(_ schedule: CaseSchedule, complaint: Complaint, procedureStages: [String], calendar: WorkingDayCalendar) {
        if schedule.ombudsman == "housing-ombudsman", !schedule.excluded { addLandlord(schedule, procedureStages: procedureStages) }
        let receivedOn = schedule.deemedReceived ?? complaint.received.date
        guard period.contains(receivedOn) else {
            outsidePeriod += 1
            return
        }
        let service = complaint.service ?? ReportLabels.unassigned
        if feedbackTypes.contains(schedule.type) {
            feedback[schedule.type, default: 0] += 1
            feedbackByService[schedule.type, default: [:]][service, default: 0] += 1
            return
        }
        complaints += 1
        byBucket[period.bucket(receivedOn), default: 0] += 1
        let procedure = schedule.excluded ? "excluded" : schedule.procedure ?? schedule.type
        for (dimension, value) in [
            (Dimension.procedure, procedure), (.service, service), (.channel, complaint.channel ?? ReportLabels.unassigned),
            (.madeBy, complaint.madeBy ?? ReportLabels.unassigned),
        ] {
            volumes[dimension, default: [:]][value, default: 0] += 1
        }
        if schedule.excluded {
            exclusions[schedule.exclusionReason ?? "(no reason given)", default: 0] += 1
            return  // handled elsewhere: never counted as out of time, open or overdue here
        }
        if schedule.flags.contains(.outOfTime) { outOfTime += 1 }
        if schedule.flags.contains(.closedByTime) { closedByTime += 1 }
        if schedule.flags.contains(where: { $0.kind == .extensionBeyondMaximum }) { extensionsBeyondMaximum += 1 }
        if let ombudsman = schedule.ombudsman, schedule.closedAt == ombudsman { ombudsmanReferrals[ombudsman, default: 0] += 1 }
        switch schedule.status {
        case .open, .dueSoon: openAtEnd += 1
        case .overdue:
            openAtEnd += 1
            overdueAtEnd += 1
        case .closed, .deleteDue: break
        }
        if let deleteAfter = schedule.deleteAfter, deleteAfter <= asOf { deletionDue += 1 }
        resolutions.add(schedule)
        addStages(schedule, caseID: complaint.id, service: service, procedure: procedure, procedureStages: procedureStages, calendar: calendar)
    }

    private mutating func addStages(
        _ schedule: CaseSchedule, caseID: String, service: String, procedure: String, procedureStages: [String], calendar: WorkingDayCalendar
    ) {
        var positions = Set<Int>()
        for (index, run) in schedule.stages.enumerated() {
            let key = StageKey(procedure: procedure, stage: run.stage)
            if stages[key] == nil { stageOrder.append(key) }
            var figures = stages[key] ?? StageFigures()
            figures.runs += 1
            if run.occurrence > 1 { figures.repeats += 1 }
            if let due = run.acknowledgeBy, run.acknowledged != nil || due <= asOf {
                figures.acknowledgementsDue += 1
                if let done = run.acknowledged, done <= due { figures.acknowledgedOnTime += 1 }
            }
            if let responded = run.responded {
                figures.answered += 1
                if run.met == true { figures.answeredOnTime += 1 }
                if let days = try? calendar.workingDays(from: run.started, to: responded) {
                    figures.daysToAnswer[days, default: 0] += 1
                    figures.totalDaysToAnswer += days
                }
                figures.outcomes[run.outcome.map(Self.kind) ?? .notRecorded, default: 0] += 1
                if run.remedy != nil { figures.remedies += 1 }
                if run.remedy != nil || run.learning != nil {
                    learning.append(LearningItem(service: service, stage: key, caseID: caseID, remedy: run.remedy, learning: run.learning))
                }
            }
            if let daysLate = run.daysLate, daysLate > 0 {
                figures.late += 1
                figures.daysLate += daysLate
            }
            if run.extendedDays > 0 { figures.extended += 1 }
            if run.pausedDays > 0 { figures.paused += 1 }
            if index == schedule.stages.count - 1, schedule.closedOn != nil, schedule.closedAt == run.stage { figures.closedHere += 1 }
            stages[key] = figures
            if let position = procedureStages.firstIndex(of: run.stage) { positions.insert(position) }
        }
        guard !procedureStages.isEmpty else { return }
        stageIDs[procedure] = procedureStages
        var counts = reached[procedure] ?? Array(repeating: StageReach(), count: procedureStages.count)
        for position in positions where position < counts.count {
            counts[position].cases += 1
            if position > 0 {
                if positions.contains(position - 1) { counts[position].escalated += 1 } else { counts[position].direct += 1 }
            }
        }
        reached[procedure] = counts
    }

    private mutating func addLandlord(_ schedule: CaseSchedule, procedureStages: [String]) {
        let receivedOn = schedule.deemedReceived
        for run in schedule.stages {
            guard let position = procedureStages.firstIndex(of: run.stage), position < 2 else { continue }
            if position == 0, run.occurrence == 1, let receivedOn, period.contains(receivedOn) { landlord.stage1Received += 1 }
            if position == 1, run.occurrence == 1, period.contains(run.started) { landlord.stage2Escalated += 1 }
            guard let responded = run.responded, period.contains(responded) else { continue }
            if position == 0 {
                landlord.stage1Responses += 1
                if run.met == true { landlord.stage1OnTime += 1 }
            } else {
                landlord.stage2Responses += 1
                if run.met == true { landlord.stage2OnTime += 1 }
            }
        }
    }

    static func kind(_ outcome: CaseEvent.Outcome) -> OutcomeKind {
        switch outcome {
        case .upheld: .upheld
        case .partlyUpheld: .partlyUpheld
        case .notUpheld: .notUpheld
        }
    }
}
