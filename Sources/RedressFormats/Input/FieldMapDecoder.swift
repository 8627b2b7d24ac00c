import Foundation
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressYAML

/// Reads a `--map` file (format in docs/input-output.md, schema in schemas/field-map.schema.json),
/// reporting every mistake with its line: unknown fields with "did you mean", a date form it cannot
/// read, a value outside a closed vocabulary, two CRM values that normalise to the same text.
public enum FieldMapDecoder {
    public static let topKeys = ["redress-map", "fields", "source", "description"]
    public static let ruleKeys = ["column", "value", "values", "date", "separator"]
    /// Fields whose values must come from the policy's vocabulary.
    static func closed(_ vocabulary: PolicyVocabulary?) -> [String: [String]] {
        guard let vocabulary else { return [:] }
        return ["type": vocabulary.feedbackTypes, "channel": vocabulary.channels, "made_by": vocabulary.makers]
    }
    static let dateFields: Set<String> = ["received", "aware_on"]

    /// `vocabulary`: the policy's words, against which mapped `type`, `channel` and `made_by` values are checked.
    public static func load(path: String, vocabulary: PolicyVocabulary? = nil, limits: YAMLLimits = .default) throws(DiagnosticList) -> FieldMap {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList(.error(.mapUnreadable, "cannot read the map file", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1))))
        }
        let document = try YAMLLoader(limits: limits).load(Array(data), path: path)
        var diagnostics: [Diagnostic] = []
        let map = decode(document, closed: closed(vocabulary), &diagnostics)
        guard let map, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw DiagnosticList(diagnostics, sources: SourceFiles([document.source]))
        }
        return map
    }

    static func decode(_ document: YAMLDocument, closed: [String: [String]], _ diagnostics: inout [Diagnostic]) -> FieldMap? {
        let path = document.source.path
        guard let root = document.root?.expectMapping("a map file", &diagnostics) else {
            if document.root == nil {
                diagnostics.append(.error(.mapEmpty, "the map file is empty", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1))))
            }
            return nil
        }
        root.checkKeys(known: topKeys, required: ["redress-map", "fields"], in: "a map file", &diagnostics)
        if let version = root["redress-map"]?.expectText("`redress-map`", &diagnostics), version.text != "1" {
            diagnostics.append(version.invalid("unsupported map format `\(version.text)`", help: "this Redress reads `redress-map: 1`"))
        }
        guard let fields = root["fields"]?.expectMapping("`fields`", &diagnostics) else { return nil }
        let known = FieldContract.complaint.fields.sorted()
        var rules: [FieldMap.Rule] = []
        for entry in fields.entries {
            guard let name = entry.key.expectText("a field name", &diagnostics) else { continue }
            guard known.contains(name.text) else {
                diagnostics.append(
                    .error(
                        .mapUnknownField, "`\(name.text)` is not a field of the input contract", at: name.range,
                        help: SpellingSuggestion.closest(to: name.text, in: known).map { "did you mean `\($0)`?" }
                            ?? "fields: \(known.joined(separator: ", "))"))
                continue
            }
            if let rule = self.rule(name.text, entry.value, closed: closed, &diagnostics) { rules.append(rule) }
        }
        if !rules.contains(where: { $0.field == "id" }) || !rules.contains(where: { $0.field == "received" }) {
            diagnostics.append(.error(.mapMissingField, "the map must say where `id` and `received` come from", at: fields.keyRange))
        }
        return FieldMap(rules: rules, path: path)
    }

    static func rule(_ field: String, _ node: YAMLNode, closed: [String: [String]], _ diagnostics: inout [Diagnostic]) -> FieldMap.Rule? {
        // `field: Column Name`: the column as it is (a date column then holds ISO dates).
        if let column = node.scalar, !column.isNull {
            return FieldMap.Rule(field: field, column: column.text, mappedValues: [])
        }
        guard let body = node.expectMapping("the map for `\(field)`", &diagnostics) else { return nil }
        body.checkKeys(known: ruleKeys, in: "the map for `\(field)`", &diagnostics)
        var rule = FieldMap.Rule(field: field, column: body["column"]?.expectText("`column`", &diagnostics)?.text, mappedValues: [])
        if let constant = body["value"]?.expectText("`value`", &diagnostics) {
            rule.constant = constant.text
            check(constant, field, closed, &diagnostics)
        }
        if (rule.column == nil) == (rule.constant == nil) {
            diagnostics.append(.error(.mapColumnOrValue, "the map for `\(field)` needs exactly one of `column` or `value`", at: body.keyRange))
        }
        if let separator = body["separator"]?.expectText("`separator`", &diagnostics) {
            if separator.text.isEmpty { diagnostics.append(separator.invalid("`separator` cannot be empty")) }
            rule.separator = separator.text
        }
        if let dateNode = body["date"]?.expectText("`date`", &diagnostics) {
            if !dateFields.contains(field) {
                diagnostics.append(dateNode.invalid("`date` applies to `received` and `aware_on` only"))
            } else if let pattern = DatePattern(dateNode.text) {
                rule.date = pattern
            } else {
                diagnostics.append(
                    dateNode.invalid(
                        "cannot read the date form `\(dateNode.text)`",
                        help: "use d or dd, M or MM, yyyy, and optionally HH:mm or HH:mm:ss, e.g. `dd/MM/yyyy` (two-digit years are refused)"))
            }
        }
        if let values = body["values"]?.expectMapping("`values`", &diagnostics) {
            var table: [String: String] = [:]
            var written: [String: YAMLScalar] = [:]
            for entry in values.entries {
                guard let from = entry.key.expectText("a CRM value", &diagnostics),
                    let to = entry.value.expectText("the value for `\(entry.key.scalar?.text ?? "")`", &diagnostics)
                else { continue }
                let key = FieldMap.normalised(from.text)
                if let earlier = written[key] {
                    diagnostics.append(
                        .error(
                            .mapDuplicateValue, "`\(from.text)` and `\(earlier.text)` are the same CRM value (case and spaces do not count)",
                            at: from.range, related: [RelatedLocation("the first is here", at: earlier.range)]))
                    continue
                }
                check(to, field, closed, &diagnostics)
                written[key] = from
                table[key] = to.text
                rule.mappedValues.append(from.text)
            }
            rule.values = table
        }
        return rule
    }

    /// A mapped value of a closed field must be one of its vocabulary.
    static func check(_ value: YAMLScalar, _ field: String, _ closed: [String: [String]], _ diagnostics: inout [Diagnostic]) {
        guard let allowed = closed[field], !allowed.contains(value.text) else { return }
        diagnostics.append(
            .error(
                .mapUnknownValue, "`\(value.text)` is not a `\(field)`", at: value.range,
                help: SpellingSuggestion.closest(to: value.text, in: allowed).map { "did you mean `\($0)`?" } ?? "one of: \(allowed.joined(separator: ", "))"))
    }
}
