import RedressDiagnostics
import RedressPolicy

/// What a routing rule decides, resolved once when the policy is compiled: the procedure and
/// stage (or exclusion, or feedback handling), the timescales to date, the time limit, and the
/// flags that follow from the rule alone. Classifying a complaint then only computes its dates.
/// A class, so taking a rule's plan costs one reference count rather than a copy of every field.
package final class RuleOutcomePlan: Sendable {
    package let ruleID: String
    package let range: SourceRange
    package let sourceText: String
    /// The rule's own flags (written before `service-missing`).
    package let ruleFlags: [CaseFlag]
    package let outcome: RuleOutcome
    /// The rule's flags then the outcome's: a decision's flags when no other applies.
    let fixedFlags: [CaseFlag]

    init(_ rule: RoutingRule, policy: Policy) {
        ruleID = rule.id
        range = rule.range
        sourceText = rule.range.description
        ruleFlags = rule.flags.map(CaseFlag.policy)
        outcome = RuleOutcome(rule, policy: policy)
        fixedFlags = ruleFlags + outcome.flags
    }

    /// What the response clock counts from, when it can be dated on receipt.
    enum ResponseAnchor: Sendable {
        /// The deemed receipt (or escalation, the same day for a complaint entering at a later stage).
        case receipt
        /// The acknowledgement date, assumed on time (else the receipt when there is none).
        case acknowledgement
    }
}

/// A rule's outcome, worked out from the policy once, at compile time.
package struct RuleOutcome: Sendable {
    package var procedure: String?
    package var stage: String?
    package var excluded = false
    package var exclusionReason: String?
    package var redirect: String?
    /// The rule's handler, else the entry stage's or the feedback type's.
    package var handler: String?
    /// The clocks dated on receipt, and the time limit, as bare durations (what is read per
    /// complaint: no citation or anchor text to copy).
    var acknowledge: PolicyDuration?
    var respond: PolicyDuration?
    var respondFrom = RuleOutcomePlan.ResponseAnchor.receipt
    var timeLimit: PolicyDuration?
    /// Flags from the outcome (entry stage, feedback, clocks awaiting an event), in the order a
    /// decision lists them.
    package var flags: [CaseFlag] = []
    /// A rule routing to a procedure with no stages cannot decide anything: every complaint it
    /// matches is an error record saying so.
    var failure: String?

    init(_ rule: RoutingRule, policy: Policy) {
        timeLimit = policy.timeLimit?.within
        handler = rule.handler
        switch rule.outcome {
        case .procedure(let id, let stageID):
            guard let procedure = policy.procedure(id), let stage = stageID.flatMap(procedure.stage) ?? procedure.stages.first else {
                failure = "policy `\(policy.council.id)` routes to `\(id)`, which has no stages"
                return
            }
            self.procedure = id
            self.stage = stage.id
            timeLimit = procedure.timeLimit?.within ?? timeLimit
            if stage.id != procedure.stages.first?.id { flags.append(.enteredAt(stage: stage.id)) }
            handler = handler ?? stage.handler
            plan(acknowledge: stage.acknowledge, respond: stage.respond)
        case .exclude(let exclusion):
            excluded = true
            exclusionReason = exclusion.reason
            redirect = exclusion.redirect
        case .feedback(let type):
            flags.append(.feedback)
            let handling = policy.feedback.first { $0.type == type }
            handler = handler ?? handling?.handler
            plan(acknowledge: handling?.acknowledge, respond: handling?.respond)
        }
    }

    /// Which clocks can be dated on receipt; the others are flagged as awaiting their event.
    private mutating func plan(acknowledge: Timescale?, respond: Timescale?) {
        if let acknowledge {
            if acknowledge.from == "receipt" || acknowledge.from == "escalation" {
                self.acknowledge = acknowledge.within
            } else {
                flags.append(.acknowledgeAwaits(event: acknowledge.from))
            }
        }
        guard let respond else { return }
        switch respond.from {
        case "receipt", "escalation":
            self.respond = respond.within
            respondFrom = .receipt
        case "acknowledgement":
            self.respond = respond.within
            respondFrom = .acknowledgement
            flags.append(.respondByAssumesAcknowledgementOnTime)
        default:
            flags.append(.respondAwaits(event: respond.from))
        }
    }
}
