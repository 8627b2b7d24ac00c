import RedressCalendar
import RedressEngine

extension CaseHistory {
    /// Reads a case from a record: the complaint's fields plus `events` (a JSON array, or in CSV a
    /// cell holding one).
    public init(record: InputRecord) throws(RecordError) {
        var reader = ComplaintReader()
        try self.init(record: record, reader: &reader)
    }

    /// Reads a case with a complaint reader kept across a batch, so the names of fields outside
    /// the contract (`events` among them) are checked for near misses once, not on every record.
    public init(record: InputRecord, reader: inout ComplaintReader) throws(RecordError) {
        let complaint = try reader.complaint(record)
        let items: [JSONValue]
        switch record.field("events")?.value {
        case nil, .null?: items = []
        case .array(let values)?: items = values
        case .string(let text)?:
            let wrapped = try JSONObjectReader.read(Array("{\"events\":\(text)}".utf8))
            guard case .array(let values) = wrapped.first?.value else { throw RecordError("`events` must be a JSON list") }
            items = values
        default: throw RecordError("`events` must be a list")
        }
        var events: [CaseEvent] = []
        for (index, item) in items.enumerated() {
            guard case .object(let raw) = item else { throw RecordError("event \(index + 1) must be an object") }
            // The usual form straight from its text; anything else through the full reader.
            if let event = PlainEventReader.event(raw) {
                events.append(event)
            } else {
                events.append(try Self.event(JSONObjectReader.read(Array(raw.utf8)), number: index + 1))
            }
        }
        self.init(complaint: complaint, events: events)
    }

    /// Reads one event, checking every field against `CaseEventField`: unknown fields, fields on
    /// events they do not belong to and missing required fields are errors, never ignored.
    static func event(_ fields: [RecordField], number: Int) throws(RecordError) -> CaseEvent {
        // An event has a handful of fields: a list searched in turn beats hashing their names.
        // The fields present are also one bit each, so asking for an absent field costs nothing.
        var values: [(field: CaseEventField, value: JSONValue)] = []
        values.reserveCapacity(fields.count)
        var present: UInt32 = 0
        for field in fields {
            guard let known = CaseEventField.named(field.name) else { throw RecordError("event \(number): unknown field `\(field.name)`") }
            if case .null = field.value { continue }
            values.append((known, field.value))
            present |= known.bit
        }
        func value(_ field: CaseEventField) -> JSONValue? {
            guard present & field.bit != 0 else { return nil }
            for entry in values where entry.field == field { return entry.value }
            return nil
        }
        func text(_ field: CaseEventField) throws(RecordError) -> String? {
            switch value(field) {
            case nil: return nil
            case .string(let value)?: return value
            case .number(let value)?: return value
            default: throw RecordError("event \(number): `\(field.rawValue)` must be text")
            }
        }
        func flag(_ field: CaseEventField) throws(RecordError) -> Bool? {
            switch value(field) {
            case nil: return nil
            case .bool(let value)?: return value
            // A policy test's YAML gives its scalars as text.
            case .string("true")?: return true
            case .string("false")?: return false
            default: throw RecordError("event \(number): `\(field.rawValue)` must be true or false")
            }
        }
        func choice<T: RawRepresentable & CaseIterable>(_ field: CaseEventField, _: T.Type) throws(RecordError) -> T? where T.RawValue == String {
            guard let raw = try text(field) else { return nil }
            guard let value = T(rawValue: raw) else {
                throw RecordError(
                    "event \(number): unknown \(field.rawValue.replacingOccurrences(of: "_", with: " ")) `\(raw)` (expected one of: \(T.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            return value
        }
        guard let onText = try text(.on) else { throw RecordError("event \(number): missing `on`") }
        guard let kindText = try text(.event) else { throw RecordError("event \(number): missing `event`") }
        guard let kind = CaseEvent.Kind.named(kindText) else {
            throw RecordError(
                "event \(number): unknown event `\(kindText)` (expected one of: \(CaseEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        for field in CaseEventField.every {
            let isPresent = present & field.bit != 0
            if isPresent, !field.isAllowed(on: kind) {
                let owners = CaseEvent.Kind.allCases.filter(field.isAllowed).map { "`\($0.rawValue)`" }.joined(separator: " or ")
                throw RecordError("event \(number): `\(field.rawValue)` belongs on \(owners), not `\(kind.rawValue)`")
            }
            if !isPresent, field.isRequired(on: kind) {
                throw RecordError("event \(number): `\(kind.rawValue)` needs `\(field.rawValue)`")
            }
        }
        let on: LocalDate
        do {
            on = try LocalDateTime(iso: onText).date
        } catch {
            throw RecordError("event \(number): \(error)")
        }
        var days: Int?
        if let daysText = try text(.days) {
            guard let value = Int(daysText), (1...500).contains(value) else {
                throw RecordError("event \(number): `days` must be a whole number from 1 to 500, found `\(daysText)`")
            }
            days = value
        }
        var event = CaseEvent(
            on: on, kind: kind, stage: try text(.stage), days: days, milestone: try text(.milestone), outcome: try choice(.outcome, CaseEvent.Outcome.self),
            remedy: try text(.remedy))
        event.agreed = try flag(.agreed) ?? false
        event.learning = try text(.learning)
        event.remedyType = try choice(.remedyType, CaseEvent.RemedyType.self)
        if let amount = try text(.remedyAmount) {
            guard let money = Money(pounds: amount) else {
                throw RecordError("event \(number): `remedy_amount` must be pounds such as `150` or `150.50` (up to 10,000,000), found `\(amount)`")
            }
            event.remedyAmount = money
        }
        event.reason = try text(.reason)
        event.means = try text(.means)
        event.resolved = try flag(.resolved)
        event.finding = try choice(.finding, CaseEvent.OmbudsmanFinding.self)
        event.partner = try text(.partner)
        event.lead = try choice(.lead, CaseEvent.JointLead.self)
        return event
    }
}
