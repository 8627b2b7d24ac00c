import Foundation
import RedressEngine
import RedressFormats
import RedressPolicyTools
import Testing

/// The decision's fields have one typed home, `DecisionField`; every place that mirrors them is
/// tested against it field by field, so removing or adding a field without the others fails here.
@Suite("The decision contract")
struct DecisionContractTests {
    static let root = Bundled.root

    static func text(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }

    static let fields = Set(DecisionField.allCases.map(\.rawValue))

    @Test("docs/input-output.md's decision table names every field, and only those")
    func documented() throws {
        let document = try Self.text("docs/input-output.md")
        let section = try #require(document.components(separatedBy: "## Decisions\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        var named = Set<String>()
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            for match in cell.matches(of: /`([a-z_]+)`/) { named.insert(String(match.1)) }
        }
        #expect(named == Self.fields, "missing: \(Self.fields.subtracting(named).sorted()), extra: \(named.subtracting(Self.fields).sorted())")
    }

    @Test("the encoder writes every field, and policy tests may expect only fields the decision has")
    func mirrored() throws {
        // The JSON Lines encoder's field names, as written in its source.
        let encoder = try Self.text("Sources/RedressFormats/Output/DecisionEncoder.swift") + Self.text("Sources/RedressFormats/Output/EncodedOutcome.swift")
        let written = Set(encoder.matches(of: /\\"([a-z_]+)\\":/).map { String($0.1) })
        #expect(Self.fields.subtracting(["council", "version"]).isSubset(of: written.union(["tried"])), "not written: \(Self.fields.subtracting(written).sorted())")
        // `version` is the policy's version (the decision's `policy.version`); `error` an error record's.
        let expectable = Set(PolicyTestFile.decisionKeys).subtracting(["version", "error"])
        #expect(expectable.isSubset(of: Self.fields), "test keys that are not decision fields: \(expectable.subtracting(Self.fields).sorted())")
        // scripts/make_schemas.py (the policy tests' JSON Schema) lists the same keys.
        let script = try Self.text("scripts/make_schemas.py")
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("DECISION_KEYS = ") })
        let listed = line.matches(of: /"([a-z_]+)"/).map { String($0.1) }
        let continued = script.components(separatedBy: String(line) + "\n").dropFirst().first?.split(separator: "\n").first.map { $0.matches(of: /"([a-z_]+)"/).map { String($0.1) } } ?? []
        #expect(Set(listed + continued) == Set(PolicyTestFile.decisionKeys), "make_schemas.py DECISION_KEYS: \(listed + continued)")
    }

    @Test("the workbench shows only fields the decision has")
    func workbench() throws {
        let script = try Self.text("Sources/RedressServer/Workbench/workbench.js")
        let used = Set(script.matches(of: /\bdecision\.([a-z_]+)/).map { String($0.1) })
        #expect(used.count >= 10)
        #expect(used.isSubset(of: Self.fields), "not decision fields: \(used.subtracting(Self.fields).sorted())")
    }
}
