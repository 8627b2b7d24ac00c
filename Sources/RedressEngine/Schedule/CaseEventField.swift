/// The fields of an event in a case history: the one typed home of the event contract. The
/// reader accepts exactly these; docs/input-output.md and the API document's `CaseHistory`
/// schema are tested against (or made from) them.
public enum CaseEventField: String, Sendable, CaseIterable {
    case on, event, stage, days, milestone, outcome, remedy
    case remedyType = "remedy_type"
    case remedyAmount = "remedy_amount"
    case learning, agreed, reason, means, resolved, finding, partner, lead, note, by

    /// The events the field may appear on (nil: any).
    public var allowedOn: Set<CaseEvent.Kind>? {
        switch self {
        case .on, .event, .stage, .note, .by: nil
        case .days: [.extended]
        case .milestone: [.milestone]
        case .outcome: [.responded]
        case .learning: [.responded, .alternativeResolution]
        case .remedy, .remedyType, .remedyAmount: [.responded, .alternativeResolution, .ombudsmanDecision]
        case .agreed: [.extended]
        case .reason: [.escalationRefused, .refusedOutOfTime, .timeLimitWaived]
        case .means, .resolved: [.alternativeResolution]
        case .finding: [.ombudsmanDecision]
        case .partner, .lead: [.jointAgreed]
        }
    }

    /// The events that must carry the field.
    public var requiredOn: Set<CaseEvent.Kind> {
        switch self {
        case .on, .event: Set(CaseEvent.Kind.allCases)
        case .days: [.extended]
        case .milestone: [.milestone]
        case .reason: [.escalationRefused]
        case .means, .resolved: [.alternativeResolution]
        case .finding: [.ombudsmanDecision]
        case .partner, .lead: [.jointAgreed]
        default: []
        }
    }

    /// The field's JSON Schema (as a YAML flow mapping, for the API document).
    public var schema: String {
        func oneOf(_ values: [String]) -> String { "{ type: string, enum: [\(values.joined(separator: ", "))] }" }
        switch self {
        case .on: return "{ type: string, format: date }"
        case .event: return oneOf(CaseEvent.Kind.allCases.map(\.rawValue))
        case .days: return "{ type: integer, minimum: 1, maximum: 500 }"
        case .outcome: return oneOf(CaseEvent.Outcome.allCases.map(\.rawValue))
        case .remedyType: return oneOf(CaseEvent.RemedyType.allCases.map(\.rawValue))
        case .remedyAmount: return "{ oneOf: [{ type: number, minimum: 0, maximum: 10000000 }, { type: string, pattern: \"^[0-9]+(\\\\.[0-9]{1,2})?$\" }] }"
        case .agreed, .resolved: return "{ type: boolean }"
        case .finding: return oneOf(CaseEvent.OmbudsmanFinding.allCases.map(\.rawValue))
        case .lead: return oneOf(CaseEvent.JointLead.allCases.map(\.rawValue))
        case .partner: return "{ type: string }"
        case .stage, .milestone, .remedy, .learning, .reason, .means, .note, .by: return "{ type: string }"
        }
    }

    /// What the field says, for the API document.
    public var meaning: String {
        switch self {
        case .on: "the date of the event"
        case .event: "what happened"
        case .stage: "the stage it concerns (for `escalated`, `referred-back` and `escalation-refused`: the stage moved to or refused)"
        case .days: "working days, for `extended`"
        case .milestone: "the milestone met"
        case .outcome: "what the response found"
        case .remedy: "the remedy offered or recommended, in words"
        case .remedyType: "the kind of remedy"
        case .remedyAmount: "a sum paid or recommended, in pounds (`150` or `150.50`)"
        case .learning: "what the council learned or will change"
        case .agreed: "the extension was agreed with the complainant"
        case .reason: "why, in words"
        case .means: "the alternative means used, one the procedure's `alternative_resolution` names"
        case .resolved: "whether the alternative means resolved the complaint"
        case .finding: "what the ombudsman found"
        case .partner: "the body the complaint is handled with, one the procedure's `joint_working` names"
        case .lead: "who leads a joint complaint and sends the one response"
        case .note: "free text, kept with the record"
        case .by: "who recorded it"
        }
    }
}

/// A sum of money in pence, read from pounds (`150`, `150.5`, `150.50`) and written with two
/// decimals. Never a floating-point number.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var pence: Int

    public init(pence: Int) { self.pence = pence }

    /// Pounds as written: digits, optionally a point and one or two digits; at most £10,000,000.
    public init?(pounds text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 8, whole.allSatisfy(\.isASCIIDigit),
            let pounds = Int(whole)
        else { return nil }
        var pence = pounds * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit), let value = Int(fraction) else { return nil }
            pence += fraction.count == 1 ? value * 10 : value
        }
        guard pence <= 1_000_000_000 else { return nil }
        self.pence = pence
    }

    public var description: String {
        let fraction = pence % 100
        return "\(pence / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.pence < rhs.pence }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
