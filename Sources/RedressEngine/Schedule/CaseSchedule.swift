import RedressCalendar
import RedressDiagnostics

/// The deadlines of one run of a stage (a stage may run twice when it is repeatable).
public struct StageSchedule: Sendable, Hashable {
    public var stage: String
    /// 1 for the first run of the stage, 2 for a repeat.
    public var occurrence: Int
    public var started: LocalDate
    public var acknowledgeBy: LocalDate?
    public var acknowledged: LocalDate?
    public var respondBy: LocalDate?
    public var responded: LocalDate?
    /// Whether the response came by its due date (nil while unanswered).
    public var met: Bool?
    /// Working days late (0 when on time).
    public var daysLate: Int?
    public var extendedDays: Int
    public var pausedDays: Int
    /// The last day to ask for the next stage (nil when the policy gives no window).
    public var escalateBy: LocalDate?
    /// Intermediate deadlines: id, due date, date met.
    public var milestones: [MilestoneSchedule]
    /// What the response found, when the `responded` event says (`outcome`).
    public var outcome: CaseEvent.Outcome? = nil
    public var remedy: String? = nil
    /// What the council learned from the complaint, when the `responded` event says (`learning`).
    public var learning: String? = nil
    public var remedyType: CaseEvent.RemedyType? = nil
    public var remedyAmount: Money? = nil
}

public struct MilestoneSchedule: Sendable, Hashable {
    public var id: String
    public var due: LocalDate?
    public var done: LocalDate?
}

/// Where a case stands as of a date.
public enum CaseStatus: String, Sendable, Hashable {
    case open
    case dueSoon = "due-soon"
    case overdue
    case closed
    case deleteDue = "delete-due"
}

/// A due date a team must act on, for summaries and calendars.
public struct DueItem: Sendable, Hashable {
    public var caseID: String
    public var what: String
    public var due: LocalDate

    public init(caseID: String, what: String, due: LocalDate) {
        self.caseID = caseID
        self.what = what
        self.due = due
    }
}

/// Everything `schedule` says about one case.
public struct CaseSchedule: Sendable {
    public var id: String
    public var councilID: String
    public var versionID: String
    public var type: String
    public var procedure: String?
    public var excluded: Bool
    public var stages: [StageSchedule]
    public var status: CaseStatus
    /// The earliest open deadline.
    public var nextDue: DueItem?
    /// Every open deadline of the current stage.
    public var openItems: [DueItem] = []
    /// When the complainant may go to the ombudsman (the last stage answered).
    public var ombudsmanFrom: LocalDate?
    public var ombudsman: String?
    public var closedOn: LocalDate?
    public var closedAt: String?
    public var deleteAfter: LocalDate?
    public var retentionRule: String?
    public var flags: [CaseFlag]
    public var extra: [RecordField]
    /// The first working day the complaint counts as received (for reports by period).
    public var deemedReceived: LocalDate? = nil
    /// Why it is outside the procedure, when excluded (for reports by reason).
    public var exclusionReason: String? = nil
    /// Refusals, other means of resolution and the ombudsman's decision, as the events recorded them.
    public var outcomes = CaseOutcomes()
}
