import Foundation
import RedressDiagnostics
import RedressPolicy
import RedressYAML

/// A complaint handling code as data (`policies/codes/<id>.yaml`): the points a policy is compared with.
public struct ConformanceCode: Sendable {
    public struct Point: Sendable {
        public enum Check: String, Sendable, CaseIterable {
            case stageCount = "stage-count"
            case acknowledge, respond
            case extensionLimit = "extension"
            case timeLimit = "time-limit"
        }

        public var id: String
        public var check: Check
        /// 1-based stage position, for stage checks.
        public var stage: Int?
        public var within: PolicyDuration?
        public var from: String?
        public var atMost: Int?
        public var text: String?
        public var source: String?
        public var range: SourceRange
    }

    public var id: String
    public var title: String
    public var appliesTo: Procedure.Kind
    /// When set, the code applies only to procedures that end with this ombudsman (the Housing
    /// Ombudsman's code binds a council's landlord procedure, not its other complaints).
    public var ombudsman: String?
    /// The nations whose councils the code binds (`nations:`); a code is not compared with a
    /// policy of another nation.
    public var nations: [String] = Vocabulary.nations
    public var points: [Point]

    static let keys = ["redress-code", "id", "title", "applies_to", "ombudsman", "nations", "sources", "points"]
    static let pointKeys = ["id", "check", "stage", "within", "from", "at_most", "text", "source", "assumed"]

    public static func load(path: String) throws(DiagnosticList) -> ConformanceCode {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList(.error(.codeUnreadable, "cannot read the code file", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1))))
        }
        let document = try YAMLLoader().load(Array(data), path: path)
        var diagnostics: [Diagnostic] = []
        guard let root = document.root?.expectMapping("a code file", &diagnostics) else {
            throw DiagnosticList(diagnostics, sources: SourceFiles([document.source]))
        }
        root.checkKeys(known: keys, required: ["redress-code", "id", "points"], in: "a code file", &diagnostics)
        var points: [Point] = []
        for item in root["points"]?.expectSequence("`points`", &diagnostics)?.items ?? [] {
            guard let body = item.expectMapping("a point", &diagnostics) else { continue }
            body.checkKeys(known: pointKeys, required: ["id", "check"], in: "a point", &diagnostics)
            guard let id = body["id"]?.expectText("`id`", &diagnostics)?.text,
                let checkNode = body["check"]?.expectText("`check`", &diagnostics)
            else { continue }
            guard let check = Point.Check(rawValue: checkNode.text) else {
                diagnostics.append(checkNode.invalid("unknown check `\(checkNode.text)`", help: "one of: \(Point.Check.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            var within: PolicyDuration?
            if let node = body["within"]?.expectText("`within`", &diagnostics) {
                do {
                    within = try PolicyDuration(parsing: node.text)
                } catch {
                    diagnostics.append(node.invalid(error.message, help: error.suggestion))
                }
            }
            points.append(
                Point(
                    id: id, check: check,
                    stage: body["stage"]?.expectText("`stage`", &diagnostics)?.expectInteger("`stage`", in: 1...10, &diagnostics),
                    within: within, from: body["from"]?.scalar?.text,
                    atMost: body["at_most"]?.expectText("`at_most`", &diagnostics)?.expectInteger("`at_most`", in: 1...10, &diagnostics),
                    text: body["text"]?.scalar?.text, source: body["source"]?.scalar?.text ?? body["assumed"]?.scalar?.text,
                    range: body.keyRange))
        }
        var nations = Vocabulary.nations
        if let node = root["nations"] {
            nations = []
            for item in node.expectSequence("`nations`", &diagnostics)?.items ?? [] {
                guard let scalar = item.expectText("a nation", &diagnostics) else { continue }
                guard Vocabulary.nations.contains(scalar.text) else {
                    diagnostics.append(scalar.invalid("unknown nation `\(scalar.text)`", help: "one of: \(Vocabulary.nations.joined(separator: ", "))"))
                    continue
                }
                nations.append(scalar.text)
            }
        }
        guard diagnostics.isEmpty, let id = root["id"]?.scalar?.text else { throw DiagnosticList(diagnostics, sources: SourceFiles([document.source])) }
        var code = ConformanceCode(
            id: id, title: root["title"]?.scalar?.text ?? id,
            appliesTo: root["applies_to"]?.scalar.flatMap { Procedure.Kind(rawValue: $0.text) } ?? .corporate,
            ombudsman: root["ombudsman"]?.scalar?.text, points: points)
        code.nations = nations
        return code
    }
}
