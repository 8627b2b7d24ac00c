import RedressCalendar

/// How a case ended or was resolved besides a stage's answer: a time limit waived, a refusal (out
/// of time, or of a gated stage), other means such as mediation, and the ombudsman's decision.
public struct CaseOutcomes: Sendable, Hashable {
    public var timeLimitWaived: LocalDate?
    public var refusal: Refusal?
    public var alternatives: [AlternativeResolution] = []
    public var ombudsman: OmbudsmanDecision?
    public var joint: JointWorking?

    public init() {}

    /// A complaint handled with another body: who leads, and the partner's own deadline.
    public struct JointWorking: Sendable, Hashable {
        public var on: LocalDate
        public var partner: String
        public var partnerName: String
        public var lead: CaseEvent.JointLead
        /// The partner's time to respond, counted as the policy says (nil when it gives none).
        public var partnerRespondBy: LocalDate?
    }

    public struct Refusal: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case outOfTime
            /// A request for this gated stage was refused.
            case escalation(stage: String)
        }

        public var on: LocalDate
        public var kind: Kind
        public var reason: String?
    }

    public struct AlternativeResolution: Sendable, Hashable {
        public var on: LocalDate
        public var stage: String
        public var means: String
        public var resolved: Bool
        public var remedy: String?
    }

    public struct OmbudsmanDecision: Sendable, Hashable {
        public var on: LocalDate
        public var finding: CaseEvent.OmbudsmanFinding
        public var remedy: String?
        public var remedyType: CaseEvent.RemedyType?
        public var remedyAmount: Money?
        public var compliedOn: LocalDate?

        /// The ombudsman asked the council to do something.
        public var recommendsRemedy: Bool { remedy != nil || remedyType != nil || remedyAmount != nil }
    }
}

/// What the time limit to complain said about a complaint when it was classified.
enum TimeLimitStanding {
    /// In time, or the policy sets no limit.
    case inTime
    case outOfTime
    /// The policy sets a limit but the complaint has no `aware_on`.
    case unknown

    init(_ flags: [CaseFlag]) {
        self = flags.contains(.outOfTime) ? .outOfTime : flags.contains(.awareOnMissing) ? .unknown : .inTime
    }
}

extension CaseReplay {
    mutating func waiveTimeLimit(_ event: CaseEvent) throws(RecordError) {
        guard timeLimit != .inTime else {
            throw RecordError("`time-limit-waived` on \(event.on): the complaint was made within the time limit (or the policy sets none), so there is nothing to waive")
        }
        guard outcomes.timeLimitWaived == nil else { throw RecordError("`time-limit-waived` on \(event.on): the time limit was already waived") }
        outcomes.timeLimitWaived = event.on
        flags.append(.timeLimitWaived)
    }

    /// The complaint is refused as made too late: the case ends where it is, and the complainant
    /// may go to the ombudsman from that day.
    mutating func refuseOutOfTime(_ event: CaseEvent, at stage: String?) throws(RecordError) {
        guard timeLimit != .inTime else {
            throw RecordError("`refused-out-of-time` on \(event.on): the complaint was made within the time limit (or the policy sets none), so it may not be refused as late")
        }
        guard outcomes.timeLimitWaived == nil else {
            throw RecordError("`refused-out-of-time` on \(event.on): the time limit was waived on \(outcomes.timeLimitWaived?.description ?? "")")
        }
        outcomes.refusal = .init(on: event.on, kind: .outOfTime, reason: event.reason)
        flags.append(.refusedOutOfTime)
        closedOn = event.on
        closedAt = stage
    }

    /// Another means (mediation): when it resolves the complaint the case closes at the stage it
    /// had reached; when it does not, the procedure goes on as before.
    mutating func resolveAlternatively(_ event: CaseEvent, at stage: String) throws(RecordError) {
        let means = event.means ?? ""
        guard let procedure, procedure.alternativeMeans.contains(means) else {
            let offered = procedure?.alternativeMeans ?? []
            throw RecordError(
                "`alternative-resolution` on \(event.on): procedure `\(procedure?.id ?? "")` offers \(offered.isEmpty ? "no other means of resolution (`alternative_resolution:` in the policy)" : "only \(offered.map { "`\($0)`" }.joined(separator: ", "))"), not `\(means)`"
            )
        }
        let resolved = event.resolved ?? false
        outcomes.alternatives.append(.init(on: event.on, stage: stage, means: means, resolved: resolved, remedy: event.remedy))
        guard resolved else { return }
        flags.append(.resolvedAlternatively(means: means))
        closedOn = event.on
        closedAt = stage
    }

    /// The council refuses a request for a gated stage (`gate:`): only a stage the policy puts at
    /// the council's discretion may be refused, and only once the current stage has answered.
    mutating func refuseEscalation(_ event: CaseEvent, from index: Int) throws(RecordError) {
        let run = runs[index]
        guard let procedure, let position = procedure.stages.firstIndex(where: { $0.id == run.stage.id }) else {
            throw RecordError("`escalation-refused` on \(event.on): this case is not under a procedure with stages")
        }
        guard let targetID = event.stage ?? (position + 1 < procedure.stages.count ? procedure.stages[position + 1].id : nil) else {
            throw RecordError("`escalation-refused` on \(event.on): `\(run.stage.id)` is the last stage of `\(procedure.id)`, so there is no request to refuse")
        }
        guard let target = procedure.stage(targetID), procedure.stages.firstIndex(of: target).map({ $0 > position }) == true else {
            throw RecordError("`escalation-refused` on \(event.on): procedure `\(procedure.id)` has no stage `\(targetID)` after `\(run.stage.id)`")
        }
        guard target.gate != nil else {
            throw RecordError(
                "`escalation-refused` on \(event.on): stage `\(targetID)` is the complainant's to ask for (the policy gives it no `gate:`), so the request cannot be refused"
            )
        }
        guard run.responded != nil else {
            throw RecordError("`escalation-refused` on \(event.on): stage `\(run.stage.id)` has not been answered yet")
        }
        outcomes.refusal = .init(on: event.on, kind: .escalation(stage: targetID), reason: event.reason)
        flags.append(.escalationRefused(stage: targetID))
        closedOn = event.on
        closedAt = run.stage.id
    }

    /// The council and a partner agree to handle the complaint together: the partner's deadline is
    /// shown beside the council's, which still stands (one co-ordinated response meets both).
    mutating func agreeJoint(_ event: CaseEvent, at index: Int) throws(RecordError) {
        let id = event.partner ?? ""
        guard let partner = procedure?.partners.first(where: { $0.id == id }) else {
            let named = procedure?.partners.map { "`\($0.id)`" } ?? []
            throw RecordError(
                "`joint-agreed` on \(event.on): procedure `\(procedure?.id ?? "")` \(named.isEmpty ? "names no partner (`joint_working:` in the policy)" : "works jointly only with \(named.joined(separator: ", "))"), not `\(id)`"
            )
        }
        guard outcomes.joint == nil else { throw RecordError("`joint-agreed` on \(event.on): joint working was already agreed") }
        let lead = event.lead ?? .council
        outcomes.joint = .init(
            on: event.on, partner: partner.id, partnerName: partner.name, lead: lead,
            partnerRespondBy: try due(partner.respond?.clock, runs[index], acknowledgeBy: nil))
        flags.append(lead == .council ? .jointLedByCouncil(partner: partner.id) : .jointLedByPartner(partner: partner.id))
    }

    /// The ombudsman's decision: the case is (or now counts as) with the ombudsman.
    mutating func ombudsmanDecision(_ event: CaseEvent) throws(RecordError) {
        guard outcomes.ombudsman == nil, let finding = event.finding else {
            throw RecordError("`ombudsman-decision` on \(event.on): the ombudsman's decision was already recorded")
        }
        outcomes.ombudsman = .init(
            on: event.on, finding: finding, remedy: event.remedy, remedyType: event.remedyType, remedyAmount: event.remedyAmount)
        closedAt = procedure?.then ?? "ombudsman"
        if closedOn == nil { closedOn = event.on }
    }

    mutating func ombudsmanComplied(_ event: CaseEvent) throws(RecordError) {
        guard let decision = outcomes.ombudsman, decision.recommendsRemedy else {
            throw RecordError("`ombudsman-complied` on \(event.on): no ombudsman decision recommending a remedy (`remedy`, `remedy_type` or `remedy_amount`) is recorded before it")
        }
        guard decision.compliedOn == nil else { throw RecordError("`ombudsman-complied` on \(event.on): compliance was already recorded") }
        outcomes.ombudsman?.compliedOn = event.on
    }
}
