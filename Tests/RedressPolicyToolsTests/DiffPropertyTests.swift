import Foundation
import RedressDiagnostics
import RedressPolicy
import RedressYAML
import Testing

@testable import RedressPolicyTools

/// The diff's guarantee, checked over every bundled policy: it reports nothing for the same policy
/// (the file itself, or a reformatted copy) and reports every single edit that still passes `check`.
@Suite("Diff misses no edit")
struct DiffPropertyTests {
    static let councils: [String] = {
        let root = Bundled.policies.appendingPathComponent("councils")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return folders.sorted().flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.sorted().map { "councils/\(folder)/\($0)" }
        }
    }()

    static func load(_ text: String, path: String) -> LoadedPolicy? {
        try? PolicyLoader(library: Bundled.library).loadChecked(bytes: Array(text.utf8), path: path)
    }

    @Test("a policy diffed with itself, and with a reformatted copy, reports nothing", arguments: councils)
    func sameness(_ name: String) throws {
        let path = Bundled.policies.appendingPathComponent(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let original = try #require(Self.load(text, path: path))
        #expect(DiffReport(old: original, new: original).changes.isEmpty)
        #expect(DiffReport(old: original, new: original).equivalence.routesAndTimescalesEqual)
        // The same values in JSON-style flow YAML, every scalar quoted, keys reversed, no comments.
        let document = try #require(original.document)
        let reformatted = try #require(Self.load(Self.flow(document) + "\n", path: path), "the reformatted copy must load")
        let report = DiffReport(old: original, new: reformatted)
        #expect(report.changes.isEmpty, "\(report.changes.map(\.description))")
        #expect(report.verdict.hasPrefix("The two versions route and date every complaint the same way"))
    }

    @Test("every edit of one value that still passes check is reported at its path", arguments: councils)
    func everyEditReported(_ name: String) throws {
        let path = Bundled.policies.appendingPathComponent(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let original = try #require(Self.load(text, path: path))
        var scalars: [(PolicyPath, YAMLScalar)] = []
        let document = try #require(original.document)
        Self.collect(document, at: PolicyPath(), into: &scalars)
        var valid = 0
        for (scalarPath, scalar) in scalars {
            guard let edited = Self.edit(text, scalar), let mutant = Self.load(edited, path: path) else { continue }
            valid += 1
            let changes = DiffReport(old: original, new: mutant).changes
            let reported = changes.contains { change in
                Self.accepts(change.path, for: scalarPath) || change.explains.contains { explained in Self.accepts(explained.path, for: scalarPath) }
            }
            #expect(reported, "editing `\(scalarPath)` at \(scalar.range) was not reported: \(changes.map(\.description))")
        }
        // Most values can be edited and stay valid (ids referred to elsewhere cannot): the test has teeth.
        #expect(valid * 2 >= scalars.count, "only \(valid) of \(scalars.count) edits were valid")
    }

    /// A change reported at `reported` accounts for an edit at `edited` when one lies within the
    /// other, or both are in the same list item (an edited `id` renames its item).
    static func accepts(_ reported: PolicyPath?, for edited: PolicyPath) -> Bool {
        guard let reported else { return false }
        if edited.isWithin(reported) || reported.isWithin(edited) { return true }
        guard edited.steps.last == .key("id"), edited.steps.count >= 2 else { return false }
        let parent = PolicyPath(Array(edited.steps.dropLast(2)))
        return reported.isWithin(parent) && reported.steps.count > parent.steps.count
    }

    /// Every scalar value (not key) with its path, naming list items by id as the diff does.
    static func collect(_ node: YAMLNode, at path: PolicyPath, into found: inout [(PolicyPath, YAMLScalar)]) {
        switch node {
        case .scalar(let scalar):
            found.append((path, scalar))
        case .mapping(let mapping):
            for entry in mapping.entries { collect(entry.value, at: path.key(entry.key.scalar?.text ?? "?"), into: &found) }
        case .sequence(let sequence):
            let ids = sequence.items.compactMap { $0.mapping?["id"]?.scalar?.text }
            let identified = ids.count == sequence.items.count && Set(ids).count == ids.count
            for (index, item) in sequence.items.enumerated() {
                collect(item, at: path.appending(identified ? .item(ids[index]) : .position(index + 1)), into: &found)
            }
        }
    }

    /// The file with one scalar edited: its last number increased by one, or text appended.
    static func edit(_ text: String, _ scalar: YAMLScalar) -> String? {
        var lines = text.components(separatedBy: "\n")
        let range = scalar.range
        guard range.start.line >= 1, range.start.line <= lines.count else { return nil }
        if scalar.style == .literal || scalar.style == .folded {
            guard range.start.line < lines.count else { return nil }
            lines[range.start.line] += " edited"
            return lines.joined(separator: "\n")
        }
        guard range.end.line == range.start.line else { return nil }
        let line = Array(lines[range.start.line - 1].unicodeScalars)
        let start = range.start.column - 1
        var end = range.end.column - 1
        guard start >= 0, end <= line.count, start < end else { return nil }
        if scalar.style == .doubleQuoted || scalar.style == .singleQuoted { end -= 1 }
        var token = String(String.UnicodeScalarView(line[(scalar.style.isPlain ? start : start + 1)..<end]))
        if let digits = token.range(of: "[0-9]+", options: [.regularExpression, .backwards]), let number = Int(token[digits]), number < 1_000_000 {
            let next = String(number + 1)
            token.replaceSubrange(digits, with: String(repeating: "0", count: max(0, token[digits].count - next.count)) + next)
        } else {
            token += scalar.isNull ? "edited" : "x"
        }
        let prefix = String(String.UnicodeScalarView(line[..<(scalar.style.isPlain ? start : start + 1)]))
        let suffix = String(String.UnicodeScalarView(line[end...]))
        lines[range.start.line - 1] = prefix + token + suffix
        return lines.joined(separator: "\n")
    }

    /// The tree as JSON-style flow YAML: keys in reverse order, every non-null scalar double-quoted.
    static func flow(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar):
            return scalar.isNull ? "null" : JSONText.quoted(scalar.text)
        case .sequence(let sequence):
            return "[" + sequence.items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            return "{" + mapping.entries.reversed().map { flow($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
