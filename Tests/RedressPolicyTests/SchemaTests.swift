import Foundation
import RedressDiagnostics
import RedressTestSupport
import Testing

@testable import RedressPolicy

/// The JSON Schemas in `schemas/` and the decoder describe the same format.
@Suite("JSON Schema")
struct SchemaTests {
    static let schemas = PolicyFixtures.repositoryRoot.appendingPathComponent("schemas")

    static func schema(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: schemas.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Property names of an object schema (or of the object branch of an anyOf).
    static func properties(_ schema: [String: Any]) -> Set<String>? {
        if let properties = schema["properties"] as? [String: Any] { return Set(properties.keys) }
        for branch in schema["anyOf"] as? [[String: Any]] ?? [] {
            if let found = properties(branch) { return found }
        }
        return nil
    }

    @Test("every object in the schema has exactly the keys the decoder knows")
    func noDrift() throws {
        let policy = try Self.schema("policy.schema.json")
        let defs = try #require(policy["$defs"] as? [String: [String: Any]])
        let expected: [String: [String]] = [
            "council": PolicyDecoder.councilKeys, "version": PolicyDecoder.versionKeys,
            "calendar": PolicyDecoder.calendarKeys, "source-document": PolicyDecoder.sourceKeys,
            "timescale": ProcedureDecoder.timescaleKeys, "milestone": ProcedureDecoder.milestoneKeys,
            "stage": ProcedureDecoder.stageKeys, "procedure": ProcedureDecoder.procedureKeys,
            "time-limit": ProcedureDecoder.timeLimitKeys, "conditions": RoutingDecoder.conditionKeys,
            "exclusion": RoutingDecoder.exclusionKeys, "rule": RoutingDecoder.ruleKeys,
            "feedback-handling": RetentionBehaviourDecoder.feedbackKeys,
            "retention-rule": RetentionBehaviourDecoder.retentionKeys, "criterion": RetentionBehaviourDecoder.criterionKeys,
            "signal": RetentionBehaviourDecoder.signalKeys, "behaviour": RetentionBehaviourDecoder.behaviourKeys,
        ]
        for (name, keys) in expected {
            let def = try #require(defs[name], "schema has no $defs/\(name)")
            #expect(Self.properties(def) == Set(keys), "$defs/\(name) differs from the decoder")
        }
        #expect(Self.properties(policy) == Set(PolicyDecoder.topKeys))
        let fragment = try Self.schema("fragment.schema.json")
        #expect(Self.properties(fragment) == Set(FragmentDecoder.keys))
        let cutoff = try #require(defs["calendar"]?["properties"] as? [String: [String: Any]])
        #expect(Self.properties(try #require(cutoff["cutoff"])) == Set(PolicyDecoder.cutoffKeys))
    }

    static let badFixtures: [String] = {
        let folder = PolicyFixtures.fixtures.appendingPathComponent("bad")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test("the workbench completes exactly the keys the policy schema declares")
    func completionKeys() throws {
        func names(_ node: Any, _ found: inout Set<String>) {
            if let object = node as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] { found.formUnion(properties.keys) }
                for value in object.values { names(value, &found) }
            } else if let array = node as? [Any] {
                for value in array { names(value, &found) }
            }
        }
        var declared = Set<String>()
        names(try Self.schema("policy.schema.json"), &declared)
        let script = try String(
            contentsOf: PolicyFixtures.repositoryRoot.appendingPathComponent("Sources/RedressServer/Workbench/policy-keys.js"), encoding: .utf8)
        let list = try #require(script.split(separator: "\n").first { $0.hasPrefix("window.RedressPolicyKeys = ") })
        let json = list.dropFirst("window.RedressPolicyKeys = ".count).dropLast()
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String])
        #expect(Set(keys) == declared, "run scripts/make_schemas.py")
        #expect(keys.contains("statutory_routes") && keys.contains("directorates") && keys.contains("minute"))
    }

    @Test("redress check rejects every bad fixture", arguments: badFixtures)
    func checkRejects(_ name: String) {
        let path = PolicyFixtures.fixtures.appendingPathComponent("bad/\(name)").path
        var result = PolicyFixtures.loader.load(path: path)
        result.diagnostics += PolicyChecker.standard.check(result)
        #expect(result.hasErrors, "\(name) was accepted")
    }

    @Test("the bad fixtures cover at least ten kinds of mistake")
    func enoughFixtures() {
        #expect(Self.badFixtures.count >= 10)
    }

    // MARK: the independent validator

    /// `check-jsonschema` from PyPI, when installed. CI installs it and sets
    /// REDRESS_REQUIRE_SCHEMA_VALIDATOR=1, so there it can never be skipped.
    static let validator: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/check-jsonschema"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static let required = ProcessInfo.processInfo.environment["REDRESS_REQUIRE_SCHEMA_VALIDATOR"] == "1"

    @Test("check-jsonschema is installed where CI requires it")
    func validatorPresent() {
        if Self.required { #expect(Self.validator != nil, "CI must install check-jsonschema (pip install check-jsonschema)") }
    }

    static func validate(_ files: [String], schema: String) throws -> (Int32, String) {
        let outcome = try ChildProcess.run(try #require(validator), ["--schemafile", schemas.appendingPathComponent(schema).path] + files)
        return (outcome.status, outcome.text)
    }

    static func yamlFiles(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var files: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "yaml" { files.append(url.path) }
        }
        return files.sorted()
    }

    @Test("every bundled policy and fragment validates against its schema", .enabled(if: validator != nil))
    func bundledValidate() throws {
        let councils = Self.yamlFiles(under: PolicyFixtures.policies.appendingPathComponent("councils"))
        #expect(!councils.isEmpty)
        let (status, output) = try Self.validate(
            councils + [PolicyFixtures.fixtures.appendingPathComponent("good.yaml").path], schema: "policy.schema.json")
        #expect(status == 0, "\(output)")
        let fragments = Self.yamlFiles(under: PolicyFixtures.policies.appendingPathComponent("statutory"))
        let (fragmentStatus, fragmentOutput) = try Self.validate(fragments, schema: "fragment.schema.json")
        #expect(fragmentStatus == 0, "\(fragmentOutput)")
        let tests = Self.yamlFiles(under: PolicyFixtures.policies.appendingPathComponent("tests"))
        let (testsStatus, testsOutput) = try Self.validate(tests, schema: "policy-tests.schema.json")
        #expect(testsStatus == 0, "\(testsOutput)")
    }

    /// Mistakes only `redress check` can see: vocabulary values are data (the library's
    /// vocabulary.yaml and the policy's own `vocabulary:`), which a JSON Schema cannot read.
    static let checkOnly: Set<String> = ["unknown-channel.yaml", "reserved-flag.yaml"]

    @Test("the schema rejects every bad fixture", .enabled(if: validator != nil), arguments: badFixtures.filter { !checkOnly.contains($0) })
    func schemaRejects(_ name: String) throws {
        let (status, _) = try Self.validate(
            [PolicyFixtures.fixtures.appendingPathComponent("bad/\(name)").path], schema: "policy.schema.json")
        #expect(status != 0, "\(name) passed the schema")
    }
}

/// Loading a policy to decide with skips only the analyses that warn: it refuses exactly what
/// `check` refuses.
@Suite("The deciding checks")
struct DecidingCheckerTests {
    @Test("every bad fixture gets the same errors from the deciding checks as from check", arguments: SchemaTests.badFixtures)
    func sameErrors(_ name: String) {
        let path = PolicyFixtures.fixtures.appendingPathComponent("bad/\(name)").path
        let result = PolicyFixtures.loader.load(path: path)
        let errors = { (checker: PolicyChecker) in checker.check(result).filter { $0.severity == .error }.map { "\($0.id) \($0.message)" } }
        #expect(errors(.deciding) == errors(.standard))
    }

    @Test("the deciding checks leave out only checks that never give an error")
    func onlyWarnings() {
        let left = PolicyChecker.standard.checks.filter { check in !PolicyChecker.deciding.checks.contains { type(of: $0) == type(of: check) } }
        #expect(left.count == 1 && left.first is UnreachableRuleCheck)
    }
}
