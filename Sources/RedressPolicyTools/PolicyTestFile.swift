import Foundation
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressYAML

/// One expected value in a test case (`respond_by: 2020-03-30`), with where it was written.
public struct Expectation: Sendable {
    public enum Value: Sendable, Hashable {
        case null
        case text(String)
        case list([String])
    }

    public var key: String
    public var value: Value
    public var range: SourceRange
    /// For `stages:` expectations: the stage the key belongs to.
    public var stage: String?
}

/// One case of a policy test file: a complaint to classify, or a case history to schedule.
public struct PolicyTestCase: Sendable {
    public var name: String
    public var range: SourceRange
    public var record: InputRecord
    /// Set for case histories (`case:` with `as_of:`).
    public var asOf: LocalDate?
    public var expectations: [Expectation]
}

/// A policy test file (docs/policy-tests.md): which policy, and the cases that pin its behaviour.
public struct PolicyTestFile: Sendable {
    public var path: String
    /// The policy file or council folder under test, resolved against the test file's folder.
    public var policyPath: String
    public var cases: [PolicyTestCase]

    static let topKeys = ["redress-tests", "policy", "cases"]
    static let caseKeys = ["name", "source", "complaint", "case", "as_of", "expect"]
    public static let decisionKeys = [
        "version", "procedure", "stage", "handler", "excluded", "redirect", "in_time", "rule", "acknowledge_by", "respond_by",
        "deemed_received", "flags", "error",
    ]
    public static let scheduleKeys = [
        "version", "procedure", "status", "delete_after", "closed_at", "next_due", "ombudsman_from", "stages", "flags",
        "retention_rule", "error",
    ]
    public static let stageKeys = ["respond_by", "acknowledge_by", "responded", "met", "days_late", "escalate_by", "occurrence"]

    /// Reads and checks a test file, collecting every problem.
    public static func load(path: String) throws(DiagnosticList) -> PolicyTestFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList(.error(.testsUnreadable, "cannot read the test file", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1))))
        }
        let document = try YAMLLoader().load(Array(data), path: path)
        var diagnostics: [Diagnostic] = []
        let fail = { (d: [Diagnostic]) in DiagnosticList(d, sources: SourceFiles([document.source])) }
        guard let root = document.root?.expectMapping("a policy test file", &diagnostics) else {
            throw fail(diagnostics.isEmpty ? [.error(.testsEmpty, "the test file is empty", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1)))] : diagnostics)
        }
        root.checkKeys(known: topKeys, required: ["redress-tests", "policy", "cases"], in: "a policy test file", &diagnostics)
        let policy = root["policy"]?.expectText("`policy`", &diagnostics)?.text ?? ""
        // Absolute first: on Linux a relative file URL loses its base under `.standardized`, which
        // turned `policy: ../councils/x` in `tests/x.yaml` into `/councils/x`.
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let folder = URL(fileURLWithPath: absolute).deletingLastPathComponent()
        var cases: [PolicyTestCase] = []
        for (index, item) in (root["cases"]?.expectSequence("`cases`", &diagnostics)?.items ?? []).enumerated() {
            if let testCase = decodeCase(item, index: index, &diagnostics) { cases.append(testCase) }
        }
        guard diagnostics.isEmpty else { throw fail(diagnostics) }
        let policyPath = policy.hasPrefix("/") ? policy : folder.appendingPathComponent(policy).standardized.path
        return PolicyTestFile(path: path, policyPath: policyPath, cases: cases)
    }

    static func decodeCase(_ node: YAMLNode, index: Int, _ diagnostics: inout [Diagnostic]) -> PolicyTestCase? {
        guard let body = node.expectMapping("a test case", &diagnostics) else { return nil }
        body.checkKeys(known: caseKeys, required: ["name", "expect"], in: "a test case", &diagnostics)
        let name = body["name"]?.expectText("`name`", &diagnostics)?.text ?? "case \(index + 1)"
        let isHistory = body["case"] != nil
        guard let inputNode = body["case"] ?? body["complaint"] else {
            diagnostics.append(.error(.testsNoInput, "test case `\(name)` needs `complaint:` or `case:`", at: body.keyRange))
            return nil
        }
        guard let input = inputNode.expectMapping("the test input", &diagnostics) else { return nil }
        // A misspelt field would pass through as unknown and the case would test the catch-all.
        let inputKeys = FieldContract.complaint.fields.subtracting(isHistory ? [] : ["events"]).sorted()
        input.checkKeys(known: inputKeys, in: isHistory ? "`case:`" : "`complaint:`", &diagnostics)
        var asOf: LocalDate?
        if isHistory {
            guard let asOfNode = body["as_of"]?.expectText("`as_of`", &diagnostics) else {
                diagnostics.append(.error(.testsNoAsOf, "a `case:` needs `as_of:`", at: body.keyRange))
                return nil
            }
            asOf = asOfNode.expectDate("`as_of`", &diagnostics)
        }
        var fields = input.entries.compactMap { entry -> RecordField? in
            guard let key = entry.key.scalar?.text else { return nil }
            return RecordField(name: key, value: YAMLRecordConversion.value(entry.value), rawJSON: YAMLRecordConversion.json(entry.value))
        }
        if !fields.contains(where: { $0.name == "id" }) {
            fields.insert(RecordField(name: "id", value: .string("case-\(index + 1)"), rawJSON: "\"case-\(index + 1)\""), at: 0)
        }
        guard let expect = body["expect"]?.expectMapping("`expect`", &diagnostics) else { return nil }
        let allowed = isHistory ? scheduleKeys : decisionKeys
        expect.checkKeys(known: allowed, in: "`expect`", &diagnostics)
        var expectations: [Expectation] = []
        for entry in expect.entries {
            guard let key = entry.key.scalar?.text, allowed.contains(key) else { continue }
            if key == "stages" {
                guard let stages = entry.value.expectMapping("`stages`", &diagnostics) else { continue }
                for stage in stages.entries {
                    guard let stageID = stage.key.scalar?.text, let values = stage.value.expectMapping("stage `\(stageID)`", &diagnostics) else { continue }
                    values.checkKeys(known: stageKeys, in: "stage `\(stageID)`", &diagnostics)
                    for value in values.entries {
                        guard let stageKey = value.key.scalar?.text else { continue }
                        expectations.append(Expectation(key: stageKey, value: expected(value.value), range: value.key.range, stage: stageID))
                    }
                }
                continue
            }
            expectations.append(Expectation(key: key, value: expected(entry.value), range: entry.key.range))
        }
        return PolicyTestCase(
            name: name, range: body.keyRange, record: InputRecord(line: body.range.start.line, fields: fields), asOf: asOf,
            expectations: expectations)
    }

    static func expected(_ node: YAMLNode) -> Expectation.Value {
        switch node {
        case .scalar(let scalar): scalar.isNull ? .null : .text(scalar.text)
        case .sequence(let sequence): .list(sequence.items.compactMap { $0.scalar?.text })
        case .mapping: .text(YAMLRecordConversion.json(node))
        }
    }
}

/// Turns YAML test inputs into the records the engine reads from JSON Lines.
enum YAMLRecordConversion {
    static func value(_ node: YAMLNode) -> JSONValue {
        switch node {
        case .scalar(let scalar): scalar.isNull ? .null : .string(scalar.text)
        case .sequence(let sequence): .array(sequence.items.map(value))
        case .mapping: .object(raw: json(node))
        }
    }

    static func json(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar): scalar.isNull ? "null" : JSONText.quoted(scalar.text)
        case .sequence(let sequence): "[" + sequence.items.map(json).joined(separator: ",") + "]"
        case .mapping(let mapping):
            "{" + mapping.entries.map { JSONText.quoted($0.key.scalar?.text ?? "") + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }
}
