/// A JSON value from an input record. Nested objects are kept as raw text: the contract's fields
/// never need them, and unknown fields are passed through unchanged.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(raw: String)
}

/// One field of a record: its name, its value, and its exact source text for pass-through.
public struct RecordField: Sendable, Hashable {
    public var name: String
    public var value: JSONValue
    /// The source text, kept only when it is not simply the value's text in quotes (a string with
    /// no escapes, the usual case, is not stored twice).
    package var storedRaw: String?

    public init(name: String, value: JSONValue, rawJSON: String) {
        self.name = name
        self.value = value
        self.storedRaw = rawJSON
    }

    /// A string read with no escapes: its source text is the string in quotes.
    package init(name: String, plainString: String) {
        self.name = name
        self.value = .string(plainString)
        self.storedRaw = nil
    }

    /// The field's exact source text, for pass-through.
    public var rawJSON: String {
        if let storedRaw { return storedRaw }
        if case .string(let text) = value { return "\"" + text + "\"" }
        return "null"
    }
}

/// Why a record could not be read.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
