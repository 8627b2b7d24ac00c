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

    /// True when the text is only spaces and tabs (Unicode space separators included) — what
    /// Foundation's `CharacterSet.whitespaces` trims, without bridging to `NSString` per record.
    static func isBlank(_ text: String) -> Bool {
        // Most ids start with a printable ASCII character: not blank, at once.
        if let first = text.utf8.first, first > 0x20, first < 0x80 { return false }
        return text.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// Reads and validates a record: required fields present, dates real, vocabularies respected.
    public init(record: InputRecord) throws(RecordError) {
        var reader = ComplaintReader()
        self = try reader.complaint(record)
    }

    /// The contract's fields of a record, found in one pass over it.
    struct ContractFields {
        var id, received, type, service, categories, channel, madeBy, awareOn, text: JSONValue?
        var extra: [RecordField] = []

        init(_ record: InputRecord) {
            for field in record.fields {
                // By length first, so each name is compared with at most two contract names.
                let name = field.name
                switch name.utf8.count {
                case 2 where name == "id": id = field.value
                case 4 where name == "type": type = field.value
                case 4 where name == "text": text = field.value
                case 6 where name == "events": break
                case 7 where name == "service": service = field.value
                case 7 where name == "channel": channel = field.value
                case 7 where name == "made_by": madeBy = field.value
                case 8 where name == "received": received = field.value
                case 8 where name == "aware_on": awareOn = field.value
                case 10 where name == "categories": categories = field.value
                default: extra.append(field)
                }
            }
        }
    }

    /// Validates the fields in a fixed order, so a record with several problems always reports
    /// the same one first.
    init(_ fields: ContractFields, nearMiss: (String) -> String?) throws(RecordError) {
        func text(_ value: JSONValue?, _ name: String) throws(RecordError) -> String? {
            switch value {
            case nil, .null?: return nil
            case .string(let value)?: return value.isEmpty ? nil : value
            default: throw RecordError("`\(name)` must be text")
            }
        }
        let fallbackID: String? =
            switch fields.id {
            case .string(let text)?: text
            case .number(let text)?: text
            default: nil
            }
        guard let id = try text(fields.id, "id") ?? fallbackID else { throw RecordError("missing `id`") }
        guard !Self.isBlank(id) else { throw RecordError("`id` is empty") }
        guard id.utf8.count <= 256 else { throw RecordError("`id` is longer than 256 bytes") }
        guard let receivedText = try text(fields.received, "received") else { throw RecordError("missing `received`") }
        do {
            received = try LocalDateTime(iso: receivedText)
            awareOn = try text(fields.awareOn, "aware_on").map { (value: String) throws(DateError) in try LocalDate(iso: value) }
        } catch {
            throw RecordError("\(error)")
        }
        self.id = id
        // Checked against the policy's vocabulary when the complaint is decided (a council may add
        // its own channels, `made_by` values and feedback types).
        type = try text(fields.type, "type") ?? "complaint"
        service = try text(fields.service, "service")
        channel = try text(fields.channel, "channel")
        madeBy = try text(fields.madeBy, "made_by")
        self.text = try text(fields.text, "text")
        switch fields.categories {
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
        extra = fields.extra
        for field in extra {
            if let meant = nearMiss(field.name) { throw RecordError("unknown field `\(field.name)`; did you mean `\(meant)`?") }
        }
    }
}

/// Reads complaints from records, remembering which unknown field names are near misses of a
/// contract field, so a batch whose records all carry the same CRM fields checks each name once.
public struct ComplaintReader {
    private var nearMisses: [String: String?] = [:]

    public init() {}

    public mutating func complaint(_ record: InputRecord) throws(RecordError) -> Complaint {
        try Complaint(Complaint.ContractFields(record)) { name in
            if let known = nearMisses[name] { return known }
            let found = FieldContract.complaint.nearMiss(name)
            if nearMisses.count < 256 { nearMisses[name] = found }
            return found
        }
    }
}
