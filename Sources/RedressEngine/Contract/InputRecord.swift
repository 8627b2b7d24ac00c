import Foundation
import RedressDiagnostics

/// One input record (a JSON Lines object or a CSV row) with the line it started on.
public struct InputRecord: Sendable {
    public var line: Int
    public var fields: [RecordField]
    /// The input file it came from, when a run reads several (line numbers count per file).
    public var file: String?

    public init(line: Int, fields: [RecordField], file: String? = nil) {
        self.line = line
        self.fields = fields
        self.file = file
    }

    public func field(_ name: String) -> RecordField? { fields.first { $0.name == name } }

    /// A text field: nil when absent, null or empty; an error when it holds a list or an object.
    /// Numbers are read as their text when `numbers` is true.
    public func text(_ name: String, numbers: Bool = false) throws(RecordError) -> String? {
        switch field(name)?.value {
        case nil, .null?: return nil
        case .string(let value)?: return value.isEmpty ? nil : value
        case .number(let value)? where numbers: return value
        default: throw RecordError("`\(name)` must be text")
        }
    }

    /// The record's `id` if it can be read, for error reports.
    public var id: String? {
        switch field("id")?.value {
        case .string(let text): text
        case .number(let text): text
        default: nil
        }
    }
}
