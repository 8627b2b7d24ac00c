import RedressCalendar
import RedressEngine

/// The reporting period: complaints (deemed) received from `from` to `to` inclusive, grouped by
/// month or quarter of receipt.
public struct ReportPeriod: Sendable, Hashable {
    public enum Grouping: String, Sendable, CaseIterable {
        case month, quarter
    }

    public var from: LocalDate
    public var to: LocalDate
    public var grouping: Grouping

    public init(from: LocalDate, to: LocalDate, grouping: Grouping) {
        self.from = from
        self.to = to
        self.grouping = grouping
    }

    public func contains(_ date: LocalDate) -> Bool { date >= from && date <= to }

    /// `2025-01` or `2025-Q1`.
    public func bucket(_ date: LocalDate) -> String {
        switch grouping {
        case .month: return "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)"
        case .quarter: return "\(date.year)-Q\((date.month - 1) / 3 + 1)"
        }
    }

    /// Every bucket of the period in order, so empty months still show.
    public var buckets: [String] {
        var names: [String] = []
        var date = from
        while date <= to {
            let name = bucket(date)
            if names.last != name { names.append(name) }
            date = date.adding(days: 1)
        }
        return names
    }
}

/// The figures for one stage of one procedure (`corporate / stage-1`).
public struct StageFigures: Sendable, Hashable {
    public var runs = 0
    /// Runs whose acknowledgement was due by the report date, and how many were acknowledged in time.
    public var acknowledgementsDue = 0
    public var acknowledgedOnTime = 0
    public var answered = 0
    public var answeredOnTime = 0
    public var late = 0
    public var daysLate = 0
    public var extended = 0
    public var paused = 0
    public var repeats = 0
    /// Working days from the stage's start to its answer, as counts per value (exact percentiles in
    /// bounded memory).
    public var daysToAnswer: [Int: Int] = [:]
    public var outcomes: [CaseEvent.Outcome: Int] = [:]
    public var remedies = 0

    /// The nearest-rank percentile of the working days to answer (`p` in 1…100); nil when none.
    public func percentile(_ p: Int) -> Int? {
        guard answered > 0 else { return nil }
        let rank = max(1, (p * answered + 99) / 100)
        var seen = 0
        for days in daysToAnswer.keys.sorted() {
            seen += daysToAnswer[days] ?? 0
            if seen >= rank { return days }
        }
        return nil
    }
}

/// A complaints performance report accumulated one case at a time (memory grows with the number of
/// distinct services, stages and reasons, never with the number of cases): volumes, timeliness per
/// stage, escalation, outcomes, exclusions, and the position at the report date.
public struct ComplaintsReport: Sendable {
    public enum Dimension: String, Sendable, CaseIterable {
        case type, procedure, service, channel
        case madeBy = "made_by"
    }

    public let period: ReportPeriod
    public let asOf: LocalDate
    public private(set) var cases = 0
    public private(set) var outsidePeriod = 0
    public private(set) var failed = 0
    public private(set) var volumes: [Dimension: [String: Int]] = [:]
    public private(set) var byBucket: [String: Int] = [:]
    /// Stage keys (`procedure / stage`) in order of first appearance.
    public private(set) var stageOrder: [String] = []
    public private(set) var stages: [String: StageFigures] = [:]
    /// Per procedure: how many cases reached its 1st, 2nd, … stage.
    public private(set) var reached: [String: [Int]] = [:]
    public private(set) var ombudsmanReferrals = 0
    public private(set) var exclusions: [String: Int] = [:]
    public private(set) var outOfTime = 0
    public private(set) var openAtEnd = 0
    public private(set) var overdueAtEnd = 0
    public private(set) var deletionDue = 0
    public private(set) var extensionsBeyondMaximum = 0

    public init(period: ReportPeriod, asOf: LocalDate) {
        self.period = period
        self.asOf = asOf
    }

    /// Records that could not be read or scheduled (counted, shown in the report).
    public mutating func addFailures(_ count: Int) { failed += count }

    /// Adds one case, scheduled as of the report date, with the calendar its deadlines count in.
    public mutating func add(_ schedule: CaseSchedule, complaint: Complaint, procedureStages: [String], calendar: WorkingDayCalendar) {
        let received = schedule.deemedReceived ?? complaint.received.date
        guard period.contains(received) else {
            outsidePeriod += 1
            return
        }
        cases += 1
        byBucket[period.bucket(received), default: 0] += 1
        let procedure = schedule.excluded ? "excluded" : schedule.procedure ?? schedule.type
        for (dimension, value) in [
            (Dimension.type, schedule.type), (.procedure, procedure), (.service, complaint.service ?? "(none)"),
            (.channel, complaint.channel ?? "(none)"), (.madeBy, complaint.madeBy ?? "(none)"),
        ] {
            volumes[dimension, default: [:]][value, default: 0] += 1
        }
        if schedule.excluded { exclusions[schedule.exclusionReason ?? "(no reason given)", default: 0] += 1 }
        if schedule.flags.contains("out-of-time") { outOfTime += 1 }
        if schedule.flags.contains(where: { $0.hasPrefix("extension-beyond-maximum") }) { extensionsBeyondMaximum += 1 }
        if let ombudsman = schedule.ombudsman, schedule.closedAt == ombudsman { ombudsmanReferrals += 1 }
        switch schedule.status {
        case .open, .dueSoon: openAtEnd += 1
        case .overdue:
            openAtEnd += 1
            overdueAtEnd += 1
        case .closed, .deleteDue: break
        }
        if let deleteAfter = schedule.deleteAfter, deleteAfter <= asOf { deletionDue += 1 }
        addStages(schedule, procedure: procedure, procedureStages: procedureStages, calendar: calendar)
    }

    private mutating func addStages(_ schedule: CaseSchedule, procedure: String, procedureStages: [String], calendar: WorkingDayCalendar) {
        var reachedHere = Set<Int>()
        for run in schedule.stages {
            let key = "\(procedure) / \(run.stage)"
            if stages[key] == nil {
                stageOrder.append(key)
                stages[key] = StageFigures()
            }
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
                if let days = try? calendar.workingDays(from: run.started, to: responded) { figures.daysToAnswer[days, default: 0] += 1 }
                if let outcome = run.outcome { figures.outcomes[outcome, default: 0] += 1 }
                if run.remedy != nil { figures.remedies += 1 }
            }
            if let daysLate = run.daysLate, daysLate > 0 {
                figures.late += 1
                figures.daysLate += daysLate
            }
            if run.extendedDays > 0 { figures.extended += 1 }
            if run.pausedDays > 0 { figures.paused += 1 }
            stages[key] = figures
            if let position = procedureStages.firstIndex(of: run.stage) { reachedHere.insert(position) }
        }
        guard !procedureStages.isEmpty, !schedule.excluded else { return }
        var counts = reached[procedure] ?? Array(repeating: 0, count: procedureStages.count)
        for position in reachedHere where position < counts.count { counts[position] += 1 }
        reached[procedure] = counts
    }
}
