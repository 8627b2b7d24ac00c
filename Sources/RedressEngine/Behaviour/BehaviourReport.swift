import RedressCalendar
import RedressDiagnostics
import RedressPolicy

/// A criterion that may be met, with the contacts that show it. Advice to staff, never a decision.
public struct CriterionFinding: Sendable {
    public var criterion: String
    public var text: String
    public var citation: Citation?
    /// `signal` when measured from contacts, `staff` when recorded by an officer.
    public var basis: String
    public var evidence: [ContactRecord]
}

/// A decision to restrict contact and when it must be reviewed.
public struct RestrictionReview: Sendable {
    public var decidedOn: LocalDate
    public var decidedBy: String
    public var criteria: [String]
    public var restriction: String
    public var reviewBy: LocalDate?
    /// `scheduled`, `due` (review date on or before --as-of) or `no-review-period`.
    public var status: String
}

/// What the behaviour section of a policy says about one complainant.
public struct BehaviourReport: Sendable {
    public var complainant: String
    public var councilID: String
    public var versionID: String
    public var contacts: Int
    public var findings: [CriterionFinding]
    public var restrictions: [RestrictionReview]
}
