import RedressCalendar

/// One event in a case's history (docs/input-output.md, "Case histories").
public struct CaseEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case acknowledged, responded, escalated, extended, paused, resumed, closed
        case referredToOmbudsman = "referred-to-ombudsman"
        /// The complaint record was agreed with the complainant (children's Stage 2 clock).
        case recordAgreed = "record-agreed"
        /// An intermediate deadline was met (`milestone: panel-meeting`).
        case milestone
        /// Any other contact with the complainant (for "last contact" retention).
        case contact
        /// The stage's handler sent the case back to an earlier stage (`refer_back_to`).
        case referredBack = "referred-back"
        /// A complaint made after the time limit was accepted by discretion.
        case timeLimitWaived = "time-limit-waived"
        /// A complaint made after the time limit was refused: the case ends.
        case refusedOutOfTime = "refused-out-of-time"
        /// The council tried another way to resolve it (`means: mediation`), `resolved` or not.
        case alternativeResolution = "alternative-resolution"
        /// The request for a gated stage (`gate:`) was refused, with a `reason`: the case ends.
        case escalationRefused = "escalation-refused"
        /// The ombudsman's decision on the case (`finding`, and any remedy it recommended).
        case ombudsmanDecision = "ombudsman-decision"
        /// The council did what the ombudsman recommended.
        case ombudsmanComplied = "ombudsman-complied"
        /// The council and a `partner` of the procedure's `joint_working` agreed to handle the
        /// complaint together, and which of them leads (`lead: council` or `partner`).
        case jointAgreed = "joint-agreed"

        /// Every kind, in the contract's order.
        public static let every: [Kind] = allCases

        /// The kind with this name, found by comparing names in turn: for a couple of dozen short
        /// names that is quicker than `init(rawValue:)`, which hashes the name first.
        public static func named(_ name: String) -> Kind? {
            for kind in every where kind.rawValue == name { return kind }
            return nil
        }
    }

    public var on: LocalDate
    public var kind: Kind
    /// The stage the event concerns (for `escalated` and `referred-back`: the stage moved to).
    public var stage: String?
    /// Working days, for `extended`.
    public var days: Int?
    /// The milestone id, for `milestone`.
    public var milestone: String?
    /// For `responded`: what the response found.
    public var outcome: Outcome?
    /// For `responded`: the remedy offered, in words.
    public var remedy: String?
    /// For `responded`: what the council learned or will change, in words (the report lists it by
    /// service).
    public var learning: String?
    /// For `extended`: the extension was agreed with the complainant (the revised limit of a
    /// procedure that extends `by agreement`).
    public var agreed: Bool = false
    /// For `responded` and `ombudsman-decision`: the kind of remedy and any sum paid.
    public var remedyType: RemedyType? = nil
    public var remedyAmount: Money? = nil
    /// For `escalation-refused`, `refused-out-of-time` and `time-limit-waived`: why, in words.
    public var reason: String? = nil
    /// For `alternative-resolution`: the means (one of the procedure's `alternative_resolution`)
    /// and whether it resolved the complaint.
    public var means: String? = nil
    public var resolved: Bool? = nil
    /// For `ombudsman-decision`: what the ombudsman found.
    public var finding: OmbudsmanFinding? = nil
    /// For `joint-agreed`: the partner and who leads.
    public var partner: String? = nil
    public var lead: JointLead? = nil

    /// Who leads a joint complaint: co-ordinates the handling and sends the one response.
    public enum JointLead: String, Sendable, Hashable, CaseIterable {
        case council, partner
    }

    /// What kind of remedy a response or the ombudsman gave.
    public enum RemedyType: String, Sendable, Hashable, CaseIterable {
        case apology, explanation
        case putRight = "put-right"
        case financial
        case serviceImprovement = "service-improvement"
        case other
    }

    /// What the ombudsman found (its annual review letters count the same three).
    public enum OmbudsmanFinding: String, Sendable, Hashable, CaseIterable {
        case upheld
        case notUpheld = "not-upheld"
        /// Closed after initial enquiries, premature, or outside its jurisdiction.
        case notInvestigated = "not-investigated"
    }

    /// What a response found about the complaint (for reports).
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case upheld
        case partlyUpheld = "partly-upheld"
        case notUpheld = "not-upheld"
    }

    public init(
        on: LocalDate, kind: Kind, stage: String? = nil, days: Int? = nil, milestone: String? = nil, outcome: Outcome? = nil, remedy: String? = nil
    ) {
        self.init(
            on: on, kind: kind, stage: stage, days: days, milestone: milestone, outcome: outcome, remedy: remedy, learning: nil, agreed: false,
            remedyType: nil, remedyAmount: nil, reason: nil, means: nil, resolved: nil, finding: nil, partner: nil, lead: nil)
    }

    /// Every field at once: the plain event reader's, so that an event is made in place rather
    /// than made and then changed field by field (each change a copy across modules).
    @inlinable
    package init(
        on: LocalDate, kind: Kind, stage: String?, days: Int?, milestone: String?, outcome: Outcome?, remedy: String?, learning: String?,
        agreed: Bool, remedyType: RemedyType?, remedyAmount: Money?, reason: String?, means: String?, resolved: Bool?,
        finding: OmbudsmanFinding?, partner: String?, lead: JointLead?
    ) {
        self.on = on
        self.kind = kind
        self.stage = stage
        self.days = days
        self.milestone = milestone
        self.outcome = outcome
        self.remedy = remedy
        self.learning = learning
        self.agreed = agreed
        self.remedyType = remedyType
        self.remedyAmount = remedyAmount
        self.reason = reason
        self.means = means
        self.resolved = resolved
        self.finding = finding
        self.partner = partner
        self.lead = lead
    }
}

/// A complaint with the events of its handling so far.
public struct CaseHistory: Sendable {
    public var complaint: Complaint
    public var events: [CaseEvent]

    public init(complaint: Complaint, events: [CaseEvent]) {
        self.complaint = complaint
        self.events = events
    }
}
