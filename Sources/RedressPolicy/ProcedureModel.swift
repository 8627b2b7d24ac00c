import RedressCalendar
import RedressDiagnostics

/// A deadline rule: `within` a duration, counted `from` an anchor, optionally extendable.
public struct Timescale: Sendable, Hashable {
    /// What the clock runs from: `receipt`, `acknowledgement`, `escalation`, `agreed-record`,
    /// `response` (the previous stage's), or the id of a milestone of the same stage.
    public var from: String
    public var within: PolicyDuration
    /// The most the deadline may be extended to, in total (children's Stage 1: 10 → at most 20).
    public var extendableTo: PolicyDuration?
    /// `extendable_to: by agreement`: longer only as agreed with the complainant, with no fixed
    /// maximum (the SPSO and NIPSO models' "revised time limits agreed with you").
    public var extensionByAgreement = false
    /// `or_if_later:` a second window; the deadline is whichever of the two ends later (the Scottish
    /// and Northern Irish Stage 2 request: 2 months from the response, or 6 months from the event).
    public var orIfLater: AlternativeWindow?
    /// True when the limit is advice rather than a rule (Stockton's Stage 2 request window).
    public var advisory: Bool
    public var citation: Citation?
    /// Where `within` is written (the caret of most diagnostics about the timescale).
    public var range: SourceRange
    /// Where `from` and `extendable_to` are written, when they are.
    public var fromRange: SourceRange?
    public var extendableToRange: SourceRange?

    public init(
        from: String, within: PolicyDuration, extendableTo: PolicyDuration? = nil, advisory: Bool = false,
        citation: Citation? = nil, range: SourceRange, fromRange: SourceRange? = nil, extendableToRange: SourceRange? = nil
    ) {
        self.from = from
        self.within = within
        self.extendableTo = extendableTo
        self.advisory = advisory
        self.citation = citation
        self.range = range
        self.fromRange = fromRange
        self.extendableToRange = extendableToRange
    }
}

/// The second window of an `or_if_later:` timescale.
public struct AlternativeWindow: Sendable, Hashable {
    public enum Anchor: String, Sendable, Hashable, CaseIterable {
        /// When the complainant became aware of the matter (`aware_on`, else the receipt).
        case aware
        /// The complaint's receipt.
        case receipt
    }

    public var within: PolicyDuration
    public var from: Anchor
    public var range: SourceRange

    public init(within: PolicyDuration, from: Anchor, range: SourceRange) {
        self.within = within
        self.from = from
        self.range = range
    }
}

/// An intermediate deadline inside a stage (the children's review panel: meeting, report).
public struct Milestone: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var timescale: Timescale
}

/// One stage of a procedure.
public struct Stage: Sendable, Hashable {
    public var id: String
    public var name: String
    public var handler: String?
    public var acknowledge: Timescale?
    public var respond: Timescale?
    /// True when `respond` was written, even if it failed to decode (so checks do not pile a
    /// second error on the first).
    public var respondWritten: Bool
    public var milestones: [Milestone]
    /// How many times the stage may be run (North Somerset may offer a second Stage 1).
    public var repeatable: Int
    /// The window in which the complainant may ask for the next stage.
    public var escalate: Timescale?
    /// True when a case may skip this stage (Stockton's Early Resolution): the next stage then
    /// runs from when this one started.
    public var optional: Bool = false
    /// The earlier stage this stage's handler may send the case back to for further work (North
    /// Somerset's Stage 2 reviewer and Stage 1); a referral starts a new run of that stage.
    public var referBackTo: String?
    /// Set when entering this stage is at the council's discretion (North Somerset's director
    /// decides whether a full Stage 2 investigation is appropriate): the request may be refused.
    public var gate: StageGate? = nil
    public var range: SourceRange
}

/// A body a joint complaint is handled with: one of them leads and one response is co-ordinated.
public struct JointPartner: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The partner's own time to respond, shown beside the council's.
    public var respond: Timescale?
    public var range: SourceRange
}

/// Who decides whether a case may enter a gated stage.
public struct StageGate: Sendable, Hashable {
    public var decidedBy: String?
    public var range: SourceRange
}

/// A complaints procedure: the corporate one, or a statutory route.
public struct Procedure: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case corporate, statutory
    }

    public var id: String
    public var name: String
    public var kind: Kind
    /// For a council's own procedure that carries out a statutory route: the statutory procedure's
    /// id, whose limits it may not loosen.
    public var implements: String?
    public var stages: [Stage]
    /// What follows the last stage: an ombudsman id (`lgsco`, `housing-ombudsman`).
    public var then: String?
    /// The time limit to complain under this procedure, overriding the policy's.
    public var timeLimit: TimeLimit?
    /// Other ways the council may resolve a complaint under this procedure (`mediation`), each
    /// recorded by an `alternative-resolution` event.
    public var alternativeMeans: [String] = []
    /// Bodies this procedure handles one complaint with, when it spans both (`joint_working`):
    /// adult social care and the NHS under SI 2009/309 reg 9.
    public var partners: [JointPartner] = []
    /// The file that defined it (the policy, or an imported fragment).
    public var definedIn: String
    public var range: SourceRange
    /// Where the `implements:` value is written.
    public var implementsRange: SourceRange?

    /// The stage with this id; only the one found is copied (as `Policy.procedure(_:)`).
    public func stage(_ id: String) -> Stage? {
        for index in stages.indices where stages[index].id == id { return stages[index] }
        return nil
    }

    /// The statutory procedure whose limits bind this one: itself when statutory, else the one it
    /// `implements`.
    public var statuteID: String? { kind == .statutory ? id : implements }
}

/// How long after the matter (or after becoming aware of it) a complaint is normally accepted.
/// Late complaints are flagged, never silently excluded: councils may accept them.
public struct TimeLimit: Sendable, Hashable {
    public enum Anchor: String, Sendable, Hashable, CaseIterable {
        /// From `aware_on`: when the complainant became aware of the matter.
        case aware
    }

    public var within: PolicyDuration
    public var from: Anchor
    public var citation: Citation?
    public var range: SourceRange
}

/// How a non-complaint feedback type (compliment, comment, suggestion) is handled.
public struct FeedbackHandling: Sendable, Hashable {
    public var type: String
    public var handler: String?
    public var acknowledge: Timescale?
    public var respond: Timescale?
    public var range: SourceRange
}
