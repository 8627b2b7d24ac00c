/// A stage of a procedure, by ids (`corporate`, `stage-1`): the stable key of its rows.
public struct StageKey: Sendable, Hashable {
    public var procedure: String
    public var stage: String

    public var id: String { "\(procedure)/\(stage)" }
}

/// The figures for one stage of one procedure, over the complaints received in the period.
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
    /// Cases that ended at this stage (closed here, or answered here and not taken further).
    public var closedHere = 0
    /// Working days from the stage's start to its answer, as counts per value (exact percentiles in
    /// bounded memory), and their sum (for the average the SPSO and NIPSO ask for).
    public var daysToAnswer: [Int: Int] = [:]
    public var totalDaysToAnswer = 0
    public var outcomes: [OutcomeKind: Int] = [:]
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

    public var averageDays: Double? { answered > 0 ? Double(totalDaysToAnswer) / Double(answered) : nil }
}

/// What a response found, with "not recorded" as a kind of its own so no answer goes uncounted.
public enum OutcomeKind: String, Sendable, Hashable, CaseIterable {
    case upheld
    case partlyUpheld = "partly-upheld"
    case notUpheld = "not-upheld"
    case notRecorded = "not-recorded"

    public var label: String {
        switch self {
        case .upheld: "upheld"
        case .partlyUpheld: "partly upheld"
        case .notUpheld: "not upheld"
        case .notRecorded: "not recorded"
        }
    }
}

/// How many cases reached a stage, and how: escalated from the stage before, or straight in (a
/// complex complaint that goes directly to Stage 2 under the SPSO and NIPSO models).
public struct StageReach: Sendable, Hashable {
    public var cases = 0
    public var escalated = 0
    public var direct = 0
}

/// A remedy or a lesson a response recorded, listed by service in the report.
public struct LearningItem: Sendable, Hashable {
    public var service: String
    public var stage: StageKey
    public var caseID: String
    public var remedy: String?
    public var learning: String?
}

/// The Regulator of Social Housing's tenant satisfaction complaint measures (CH01, CH02) over
/// complaints that go to the Housing Ombudsman: Stage 1 complaints received in the period, Stage 2
/// complaints by the date they were escalated in the period, and responses *made* in the period
/// (whenever the complaint came in) and how many were within the policy's timescale.
public struct LandlordFigures: Sendable, Hashable {
    public var stage1Received = 0
    public var stage2Escalated = 0
    public var stage1Responses = 0
    public var stage1OnTime = 0
    public var stage2Responses = 0
    public var stage2OnTime = 0
}
