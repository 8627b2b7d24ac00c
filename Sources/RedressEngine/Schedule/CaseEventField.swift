/// The fields of an event in a case history: the one typed home of the event contract. The
/// reader accepts exactly these; docs/input-output.md and the API document's `CaseHistory`
/// schema are tested against (or made from) them.
public enum CaseEventField: String, Sendable, CaseIterable {
    case on, event, stage, days, milestone, outcome, remedy
    case remedyType = "remedy_type"
    case remedyAmount = "remedy_amount"
    case learning, agreed, reason, means, resolved, finding, partner, lead, note, by

    /// Every field, in the order the reader checks them.
    public static let every: [CaseEventField] = allCases

    /// The field with this name, found by comparing names in turn (`on` and `event`, on every
    /// event, first): quicker than `init(rawValue:)`, which hashes the name first.
    public static func named(_ name: String) -> CaseEventField? {
        for field in every where field.rawValue == name { return field }
        return nil
    }

    /// The field's own bit, for a set of fields held in one integer.
    public var bit: UInt32 {
        switch self {
        case .on: 1 << 0
        case .event: 1 << 1
        case .stage: 1 << 2
        case .days: 1 << 3
        case .milestone: 1 << 4
        case .outcome: 1 << 5
        case .remedy: 1 << 6
        case .remedyType: 1 << 7
        case .remedyAmount: 1 << 8
        case .learning: 1 << 9
        case .agreed: 1 << 10
        case .reason: 1 << 11
        case .means: 1 << 12
        case .resolved: 1 << 13
        case .finding: 1 << 14
        case .partner: 1 << 15
        case .lead: 1 << 16
        case .note: 1 << 17
        case .by: 1 << 18
        }
    }

    /// Whether the field may appear on an event of `kind`.
    @inlinable
    public func isAllowed(on kind: CaseEvent.Kind) -> Bool {
        switch self {
        case .on, .event, .stage, .note, .by: true
        case .days, .agreed: kind == .extended
        case .milestone: kind == .milestone
        case .outcome: kind == .responded
        case .learning: kind == .responded || kind == .alternativeResolution
        case .remedy, .remedyType, .remedyAmount: kind == .responded || kind == .alternativeResolution || kind == .ombudsmanDecision
        case .reason: kind == .escalationRefused || kind == .refusedOutOfTime || kind == .timeLimitWaived
        case .means, .resolved: kind == .alternativeResolution
        case .finding: kind == .ombudsmanDecision
        case .partner, .lead: kind == .jointAgreed
        }
    }

    /// Whether an event of `kind` must carry the field.
    @inlinable
    public func isRequired(on kind: CaseEvent.Kind) -> Bool {
        switch self {
        case .on, .event: true
        case .days: kind == .extended
        case .milestone: kind == .milestone
        case .reason: kind == .escalationRefused
        case .means, .resolved: kind == .alternativeResolution
        case .finding: kind == .ombudsmanDecision
        case .partner, .lead: kind == .jointAgreed
        default: false
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
