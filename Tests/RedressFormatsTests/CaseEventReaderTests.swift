import RedressEngine
import Testing

@testable import RedressFormats

/// The event reader against the event contract (`CaseEventField`), for every field on every kind
/// of event: it accepts exactly the fields allowed there and refuses an event missing a required
/// one, whatever shortcuts the reader takes to be fast.
@Suite("Case event reader")
struct CaseEventReaderTests {
    /// A value of the right type for each field, so only where the field appears decides.
    private static func sample(_ field: CaseEventField) -> String {
        switch field {
        case .on: #""2024-01-10""#
        case .event: #""responded""#
        case .days: "5"
        case .agreed, .resolved: "true"
        case .outcome: #""upheld""#
        case .remedyType: #""apology""#
        case .remedyAmount: #""150.50""#
        case .finding: #""upheld""#
        case .lead: #""council""#
        case .stage, .milestone, .remedy, .learning, .reason, .means, .partner, .note, .by: #""text""#
        }
    }

    /// The event's required fields, with `extra` added when given.
    private static func event(_ kind: CaseEvent.Kind, adding extra: CaseEventField? = nil, leavingOut missing: CaseEventField? = nil) -> String {
        var fields = CaseEventField.allCases.filter { $0.isRequired(on: kind) && $0 != .event && $0 != missing }
        if let extra, !fields.contains(extra), extra != .event { fields.append(extra) }
        let pairs = fields.map { field in "\"\(field.rawValue)\":\(field == .on ? #""2024-01-10""# : sample(field))" }
        let event = missing == .event ? [] : ["\"event\":\"\(kind.rawValue)\""]
        return "{" + (event + pairs).joined(separator: ",") + "}"
    }

    private static func read(_ json: String) throws(RecordError) -> CaseEvent {
        try CaseHistory.event(JSONObjectReader.read(Array(json.utf8)), number: 1)
    }

    @Test("each field has its own bit")
    func bitsAreDistinct() {
        let bits = CaseEventField.allCases.map(\.bit)
        #expect(Set(bits).count == bits.count)
        #expect(bits.allSatisfy { $0.nonzeroBitCount == 1 })
        #expect(CaseEventField.every == CaseEventField.allCases)
        // The plain reader keeps a field's value at its bit's position.
        #expect(CaseEventField.every.enumerated().allSatisfy { $0.element.bit == 1 << $0.offset })
    }

    @Test("a field is read where the contract allows it and refused elsewhere", arguments: CaseEvent.Kind.allCases)
    func allowedFields(kind: CaseEvent.Kind) throws {
        #expect(throws: Never.self) { try Self.read(Self.event(kind)) }
        for field in CaseEventField.allCases {
            let json = Self.event(kind, adding: field)
            if field.isAllowed(on: kind) {
                #expect(throws: Never.self, "\(field.rawValue) on \(kind.rawValue)") { try Self.read(json) }
            } else {
                let error = #expect(throws: RecordError.self, "\(field.rawValue) on \(kind.rawValue)") { try Self.read(json) }
                #expect(error?.message.contains("`\(field.rawValue)` belongs on") == true, "\(String(describing: error))")
            }
        }
    }

    @Test("an event without a required field is refused, naming it", arguments: CaseEvent.Kind.allCases)
    func requiredFields(kind: CaseEvent.Kind) {
        for field in CaseEventField.allCases where field.isRequired(on: kind) {
            let error = #expect(throws: RecordError.self, "\(kind.rawValue) without \(field.rawValue)") {
                try Self.read(Self.event(kind, leavingOut: field))
            }
            let expected = field == .on || field == .event ? "missing `\(field.rawValue)`" : "`\(kind.rawValue)` needs `\(field.rawValue)`"
            #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
        }
    }
}
