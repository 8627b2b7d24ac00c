import RedressCalendar

/// An incoming complaint (or compliment, comment, suggestion), validated against the input
/// contract of docs/input-output.md. Unknown fields are kept, to be passed through.
public struct Complaint: Sendable {
    public var id: String
    public var received: LocalDateTime
    public var type: String
    public var service: String?
    public var categories: [String]
    public var channel: String?
    public var madeBy: String?
    public var awareOn: LocalDate?
    public var text: String?
    /// Fields the contract does not name, in input order.
    public var extra: [RecordField]

    public init(
        id: String, received: LocalDateTime, type: String = "complaint", service: String? = nil, categories: [String] = [],
        channel: String? = nil, madeBy: String? = nil, awareOn: LocalDate? = nil, text: String? = nil, extra: [RecordField] = []
    ) {
        self.id = id
        self.received = received
        self.type = type
        self.service = service
        self.categories = categories
        self.channel = channel
        self.madeBy = madeBy
        self.awareOn = awareOn
        self.text = text
        self.extra = extra
    }

    static let knownFields: Set<String> = [
        "id", "received", "type", "service", "categories", "channel", "made_by", "aware_on", "text", "events",
    ]

    /// Reads and validates a record: required fields present, dates real, vocabularies respected.
    public init(record: InputRecord) throws(RecordError) {
        func text(_ name: String) throws(RecordError) -> String? { try record.text(name) }
        guard let id = try text("id") ?? record.id else { throw RecordError("missing `id`") }
        guard !id.trimmingCharacters(in: .whitespaces).isEmpty else { throw RecordError("`id` is empty") }
        guard id.utf8.count <= 256 else { throw RecordError("`id` is longer than 256 bytes") }
        guard let receivedText = try text("received") else { throw RecordError("missing `received`") }
        do {
            received = try LocalDateTime(iso: receivedText)
            awareOn = try text("aware_on").map { (value: String) throws(DateError) in try LocalDate(iso: value) }
        } catch {
            throw RecordError("\(error)")
        }
        self.id = id
        // Checked against the policy's vocabulary when the complaint is decided (a council may add
        // its own channels, `made_by` values and feedback types).
        type = try text("type") ?? "complaint"
        service = try text("service")
        channel = try text("channel")
        madeBy = try text("made_by")
        self.text = try text("text")
        switch record.field("categories")?.value {
        case nil, .null?: categories = []
        case .array(let items)?:
            categories = []
            for item in items {
                guard case .string(let category) = item else { throw RecordError("`categories` must be a list of text") }
                categories.append(category)
            }
        case .string(let single)?: categories = [single]
        default: throw RecordError("`categories` must be a list of text")
        }
        if let awareOn, awareOn > received.date {
            throw RecordError("`aware_on` (\(awareOn)) is after `received` (\(received.date))")
        }
        extra = record.fields.filter { !Self.knownFields.contains($0.name) }
        if let problem = FieldContract.complaint.problem(in: extra.map(\.name)) { throw RecordError(problem) }
    }
}
