import Foundation
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressYAML

/// How a CRM export's own columns and values become the input contract (`--map FILE`): `Case Ref`
/// → `id`, `Date Received` in `dd/MM/yyyy` → `received`, "Adult Social Care" → `adult-social-care`.
/// Only mapped fields are read; a value with no mapping is an error record naming it and the
/// nearest mapped values, never passed through or defaulted.
public struct FieldMap: Sendable {
    public struct Rule: Sendable {
        /// The contract field it fills (`service`).
        public var field: String
        /// The column (CSV header name or JSON key) it reads; nil for a constant.
        public var column: String?
        /// A constant for every record (`type: { value: complaint }` for an export of complaints).
        public var constant: String?
        /// CRM value → contract value, keyed by the CRM value normalised (case, spaces).
        public var values: [String: String]?
        /// The CRM values as written in the map, for suggestions.
        public var mappedValues: [String]
        public var date: DatePattern?
        /// Splits one cell into several values (`categories`).
        public var separator: String?
    }

    public var rules: [Rule]
    public var path: String

    /// Every column the map reads.
    public var columns: [String] { rules.compactMap(\.column) }

    /// Why a CSV header cannot be read with this map (a mapped column it does not have), or nil.
    public func headerProblem(_ header: [String]) -> StreamProblem? {
        for column in columns where !header.contains(column) {
            let near = SpellingSuggestion.closest(to: column, in: header)
            return StreamProblem(
                message: "the map \(path) reads column `\(column)`, which the CSV header does not have",
                help: near.map { "did you mean `\($0)`? (the header has: \(header.joined(separator: ", ")))" }
                    ?? "the header has: \(header.joined(separator: ", "))")
        }
        return nil
    }

    /// Case, runs of spaces and the ends do not matter when matching a CRM value.
    static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The mapped value closest to an unmapped one: one contained in the other ("Highways Dept" →
    /// "Highways"), else the nearest spelling.
    static func nearest(_ text: String, in mapped: [String]) -> String? {
        let value = normalised(text)
        let containing = mapped.filter { candidate in
            let other = normalised(candidate)
            return value.contains(other) || other.contains(value)
        }
        return containing.max { $0.count < $1.count } ?? SpellingSuggestion.closest(to: text, in: mapped)
    }

    /// The record's fields in the contract's terms.
    public func apply(_ fields: [RecordField]) throws(RecordError) -> [RecordField] {
        var mapped: [RecordField] = []
        for rule in rules {
            let raw: String?
            if let constant = rule.constant {
                raw = constant
            } else if let column = rule.column, let field = fields.first(where: { $0.name == column }) {
                switch field.value {
                case .string(let text): raw = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
                case .number(let text): raw = text
                case .null: raw = nil
                default: throw RecordError("column `\(column)` must hold text")
                }
            } else {
                raw = nil
            }
            guard let raw else { continue }
            let parts = rule.separator.map { separator in raw.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? [raw]
            var values: [String] = []
            for part in parts {
                values.append(try convert(part, rule))
            }
            let value: JSONValue = rule.separator != nil || rule.field == "categories" ? .array(values.map { .string($0) }) : .string(values.first ?? "")
            mapped.append(RecordField(name: rule.field, value: value, rawJSON: JSONText.quoted(values.joined(separator: ";"))))
        }
        return mapped
    }

    func convert(_ text: String, _ rule: Rule) throws(RecordError) -> String {
        let column = rule.column.map { "`\($0)`" } ?? "the constant"
        if let values = rule.values {
            guard let value = values[Self.normalised(text)] else {
                let nearest = Self.nearest(text, in: rule.mappedValues)
                let listed = rule.mappedValues.prefix(6).map { "`\($0)`" }.joined(separator: ", ")
                throw RecordError(
                    "\(column) value `\(text)` has no mapping in \(path)"
                        + (nearest.map { "; nearest mapped value: `\($0)`" } ?? "; mapped values: \(listed)\(rule.mappedValues.count > 6 ? ", …" : "")"))
            }
            return value
        }
        if let pattern = rule.date {
            guard let iso = pattern.iso(text) else {
                throw RecordError("\(column) value `\(text)` is not a date in the form \(pattern.text) (the map's `date:` for `\(rule.field)`)")
            }
            return iso
        }
        return text
    }
}

/// Why a stream stopped before reading any record: a header that cannot be read, input in another
/// format than expected. Shown with its help, exit 2.
public struct StreamProblem: Sendable, Hashable {
    public var message: String
    public var help: String

    public init(message: String, help: String) {
        self.message = message
        self.help = help
    }
}
