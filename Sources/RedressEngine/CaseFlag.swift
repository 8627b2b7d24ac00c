/// A word on a decision or a schedule that a reader must see: the one typed home of every flag
/// Redress sets. Outputs write `description` (`out-of-time`, `skipped:stage-1`); `CaseFlag.Kind` lists
/// them all with their meanings, and docs/input-output.md's flag table is tested against it.
public enum CaseFlag: Sendable, Hashable, CustomStringConvertible {
    // On decisions (and so on schedules).
    case outOfTime
    case awareOnMissing
    case serviceMissing
    case feedback
    case enteredAt(stage: String)
    case respondByAssumesAcknowledgementOnTime
    case acknowledgeAwaits(event: String)
    case respondAwaits(event: String)
    case projectedCalendar
    /// A flag the deciding rule sets itself (`flags:` in the policy).
    case policy(String)
    // On schedules only.
    case excluded
    case paused
    case overdue
    case eventsAfterAsOf
    case acknowledgedTwice
    case escalatedOutsideWindow
    case escalatedAfterRecommendedWindow
    case skipped(stage: String)
    case referredBack(stage: String)
    case extensionAfterDeadline(stage: String)
    case extensionBeyondMaximum(stage: String)
    case extensionWithoutMaximum(stage: String)
    case extensionAgreed(stage: String)
    case extensionNotAgreed(stage: String)
    case acknowledgementMissed(stage: String)
    case closedByTime
    case noRetentionRule
    case retentionLongestOf(rules: [String])
    case timeLimitWaived
    case refusedOutOfTime
    case escalationRefused(stage: String)
    case resolvedAlternatively(means: String)
    case ombudsmanRemedyOutstanding
    case jointLedByCouncil(partner: String)
    case jointLedByPartner(partner: String)

    /// Every kind of flag, without its payload: what the flag table documents.
    public enum Kind: String, Sendable, CaseIterable {
        case outOfTime = "out-of-time"
        case awareOnMissing = "aware-on-missing"
        case serviceMissing = "service-missing"
        case feedback
        case enteredAt = "entered-at:STAGE"
        case respondByAssumesAcknowledgementOnTime = "respond-by-assumes-acknowledgement-on-time"
        case acknowledgeAwaits = "acknowledge-awaits-EVENT"
        case respondAwaits = "respond-awaits-EVENT"
        case projectedCalendar = "projected-calendar"
        case policy = "(the rule's own)"
        case excluded
        case paused
        case overdue
        case eventsAfterAsOf = "events-after-as-of"
        case acknowledgedTwice = "acknowledged-twice"
        case escalatedOutsideWindow = "escalated-outside-window"
        case escalatedAfterRecommendedWindow = "escalated-after-recommended-window"
        case skipped = "skipped:STAGE"
        case referredBack = "referred-back:STAGE"
        case extensionAfterDeadline = "extension-after-deadline:STAGE"
        case extensionBeyondMaximum = "extension-beyond-maximum:STAGE"
        case extensionWithoutMaximum = "extension-without-maximum:STAGE"
        case extensionAgreed = "extension-agreed:STAGE"
        case extensionNotAgreed = "extension-not-agreed:STAGE"
        case acknowledgementMissed = "acknowledgement-missed:STAGE"
        case closedByTime = "closed-by-time"
        case noRetentionRule = "no-retention-rule"
        case retentionLongestOf = "retention-longest-of:A,B"
        case timeLimitWaived = "time-limit-waived"
        case refusedOutOfTime = "refused-out-of-time"
        case escalationRefused = "escalation-refused:STAGE"
        case resolvedAlternatively = "resolved-alternatively:MEANS"
        case ombudsmanRemedyOutstanding = "ombudsman-remedy-outstanding"
        case jointLedByCouncil = "joint-led-by-council:PARTNER"
        case jointLedByPartner = "joint-led-by-partner:PARTNER"

        /// How the flag is written, with its payload as a placeholder in capitals.
        public var pattern: String { rawValue }

        /// Whether `classify` sets it (else only `schedule` does).
        public var onDecisions: Bool {
            switch self {
            case .outOfTime, .awareOnMissing, .serviceMissing, .feedback, .enteredAt, .respondByAssumesAcknowledgementOnTime,
                .acknowledgeAwaits, .respondAwaits, .projectedCalendar, .policy:
                true
            default: false
            }
        }

        public var meaning: String { CaseFlagMeaning.of(self) }
    }

    public var kind: Kind {
        switch self {
        case .outOfTime: .outOfTime
        case .awareOnMissing: .awareOnMissing
        case .serviceMissing: .serviceMissing
        case .feedback: .feedback
        case .enteredAt: .enteredAt
        case .respondByAssumesAcknowledgementOnTime: .respondByAssumesAcknowledgementOnTime
        case .acknowledgeAwaits: .acknowledgeAwaits
        case .respondAwaits: .respondAwaits
        case .projectedCalendar: .projectedCalendar
        case .policy: .policy
        case .excluded: .excluded
        case .paused: .paused
        case .overdue: .overdue
        case .eventsAfterAsOf: .eventsAfterAsOf
        case .acknowledgedTwice: .acknowledgedTwice
        case .escalatedOutsideWindow: .escalatedOutsideWindow
        case .escalatedAfterRecommendedWindow: .escalatedAfterRecommendedWindow
        case .skipped: .skipped
        case .referredBack: .referredBack
        case .extensionAfterDeadline: .extensionAfterDeadline
        case .extensionBeyondMaximum: .extensionBeyondMaximum
        case .extensionWithoutMaximum: .extensionWithoutMaximum
        case .extensionAgreed: .extensionAgreed
        case .extensionNotAgreed: .extensionNotAgreed
        case .acknowledgementMissed: .acknowledgementMissed
        case .closedByTime: .closedByTime
        case .noRetentionRule: .noRetentionRule
        case .retentionLongestOf: .retentionLongestOf
        case .timeLimitWaived: .timeLimitWaived
        case .refusedOutOfTime: .refusedOutOfTime
        case .escalationRefused: .escalationRefused
        case .resolvedAlternatively: .resolvedAlternatively
        case .ombudsmanRemedyOutstanding: .ombudsmanRemedyOutstanding
        case .jointLedByCouncil: .jointLedByCouncil
        case .jointLedByPartner: .jointLedByPartner
        }
    }

    /// The flag as outputs write it.
    public var description: String {
        switch self {
        case .enteredAt(let stage): "entered-at:\(stage)"
        case .acknowledgeAwaits(let event): "acknowledge-awaits-\(event)"
        case .respondAwaits(let event): "respond-awaits-\(event)"
        case .policy(let word): word
        case .skipped(let stage): "skipped:\(stage)"
        case .referredBack(let stage): "referred-back:\(stage)"
        case .extensionAfterDeadline(let stage): "extension-after-deadline:\(stage)"
        case .extensionBeyondMaximum(let stage): "extension-beyond-maximum:\(stage)"
        case .extensionWithoutMaximum(let stage): "extension-without-maximum:\(stage)"
        case .extensionAgreed(let stage): "extension-agreed:\(stage)"
        case .extensionNotAgreed(let stage): "extension-not-agreed:\(stage)"
        case .acknowledgementMissed(let stage): "acknowledgement-missed:\(stage)"
        case .retentionLongestOf(let rules): "retention-longest-of:\(rules.joined(separator: ","))"
        case .escalationRefused(let stage): "escalation-refused:\(stage)"
        case .resolvedAlternatively(let means): "resolved-alternatively:\(means)"
        case .jointLedByCouncil(let partner): "joint-led-by-council:\(partner)"
        case .jointLedByPartner(let partner): "joint-led-by-partner:\(partner)"
        default: kind.rawValue
        }
    }
}
