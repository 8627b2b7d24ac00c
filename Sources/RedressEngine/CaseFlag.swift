import RedressPolicy

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

    /// Every kind of flag, without its payload (its home is in RedressPolicy, so `check` can keep a
    /// policy's own flags from spelling one of these).
    public typealias Kind = FlagKind

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
