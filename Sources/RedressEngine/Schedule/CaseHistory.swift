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

    /// What a response found about the complaint (for reports).
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case upheld
        case partlyUpheld = "partly-upheld"
        case notUpheld = "not-upheld"
    }

    public init(
        on: LocalDate, kind: Kind, stage: String? = nil, days: Int? = nil, milestone: String? = nil, outcome: Outcome? = nil, remedy: String? = nil
    ) {
        self.on = on
        self.kind = kind
        self.stage = stage
        self.days = days
        self.milestone = milestone
        self.outcome = outcome
        self.remedy = remedy
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

    /// Reads a case from a record: the complaint's fields plus `events` (a JSON array, or in CSV a
    /// cell holding one).
    public init(record: InputRecord) throws(RecordError) {
        complaint = try Complaint(record: record)
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
        events = []
        for (index, item) in items.enumerated() {
            guard case .object(let raw) = item else { throw RecordError("event \(index + 1) must be an object") }
            events.append(try Self.event(JSONObjectReader.read(Array(raw.utf8)), number: index + 1))
        }
    }

    static func event(_ fields: [RecordField], number: Int) throws(RecordError) -> CaseEvent {
        func text(_ name: String) throws(RecordError) -> String? {
            switch fields.first(where: { $0.name == name })?.value {
            case nil, .null?: return nil
            case .string(let value)?: return value
            case .number(let value)?: return value
            default: throw RecordError("event \(number): `\(name)` must be text")
            }
        }
        let known: Set<String> = ["on", "event", "stage", "days", "milestone", "note", "by", "outcome", "remedy", "learning", "agreed"]
        if let unknown = fields.first(where: { !known.contains($0.name) }) {
            throw RecordError("event \(number): unknown field `\(unknown.name)`")
        }
        guard let onText = try text("on") else { throw RecordError("event \(number): missing `on`") }
        guard let kindText = try text("event") else { throw RecordError("event \(number): missing `event`") }
        guard let kind = CaseEvent.Kind(rawValue: kindText) else {
            throw RecordError(
                "event \(number): unknown event `\(kindText)` (expected one of: \(CaseEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let on: LocalDate
        do {
            on = try LocalDateTime(iso: onText).date
        } catch {
            throw RecordError("event \(number): \(error)")
        }
        var days: Int?
        if let daysText = try text("days") {
            guard let value = Int(daysText), (1...500).contains(value) else {
                throw RecordError("event \(number): `days` must be a whole number from 1 to 500, found `\(daysText)`")
            }
            days = value
        }
        if kind == .extended, days == nil { throw RecordError("event \(number): `extended` needs `days`") }
        if kind == .milestone, try text("milestone") == nil { throw RecordError("event \(number): `milestone` needs `milestone`") }
        var outcome: CaseEvent.Outcome?
        if let outcomeText = try text("outcome") {
            guard kind == .responded else { throw RecordError("event \(number): `outcome` belongs on a `responded` event") }
            guard let value = CaseEvent.Outcome(rawValue: outcomeText) else {
                throw RecordError(
                    "event \(number): unknown outcome `\(outcomeText)` (expected one of: \(CaseEvent.Outcome.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            outcome = value
        }
        let remedy = try text("remedy")
        if remedy != nil, kind != .responded { throw RecordError("event \(number): `remedy` belongs on a `responded` event") }
        let learning = try text("learning")
        if learning != nil, kind != .responded { throw RecordError("event \(number): `learning` belongs on a `responded` event") }
        var agreed = false
        switch fields.first(where: { $0.name == "agreed" })?.value {
        case nil, .null?: break
        case .bool(let value)?:
            guard kind == .extended else { throw RecordError("event \(number): `agreed` belongs on an `extended` event") }
            agreed = value
        default: throw RecordError("event \(number): `agreed` must be true or false")
        }
        var event = CaseEvent(
            on: on, kind: kind, stage: try text("stage"), days: days, milestone: try text("milestone"), outcome: outcome, remedy: remedy)
        event.agreed = agreed
        event.learning = learning
        return event
    }
}
