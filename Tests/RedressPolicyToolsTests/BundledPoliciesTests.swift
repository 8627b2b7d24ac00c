import Foundation
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressPolicyTools
import RedressYAML
import Testing

enum Bundled {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let policies = root.appendingPathComponent("policies")
    static let library = PolicyLibrary(root: policies.path)

    static func yamlFiles(_ folder: String) -> [String] {
        let base = policies.appendingPathComponent(folder)
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        var files: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "yaml" { files.append(url.path) }
        }
        return files.sorted()
    }

    static let councilPolicies = yamlFiles("councils")
    static let testFiles = yamlFiles("tests")
}

@Suite("Bundled policies")
struct BundledPoliciesTests {
    @Test("every council has at least one policy and one test file")
    func inventory() {
        let councils = Set(Bundled.councilPolicies.map { URL(fileURLWithPath: $0).deletingLastPathComponent().lastPathComponent })
        #expect(councils == ["derby", "dacorum", "north-somerset", "stockton-on-tees", "warwickshire", "fife", "swansea", "ards-and-north-down"])
        #expect(Bundled.councilPolicies.filter { $0.contains("/derby/") }.count == 2)
        for council in councils {
            #expect(Bundled.testFiles.contains { $0.hasSuffix("/\(council).yaml") }, "no tests for \(council)")
        }
    }

    @Test("redress check passes every bundled policy with no errors or warnings", arguments: Bundled.councilPolicies)
    func checks(_ path: String) {
        var result = PolicyLoader(library: Bundled.library).load(path: path)
        result.diagnostics += PolicyChecker.standard.check(result)
        let problems = result.diagnostics.filter { $0.severity != .note }
        #expect(problems.isEmpty, "\(DiagnosticRenderer(sources: result.sources).render(problems))")
    }

    @Test("every council's YAML tests pass", arguments: Bundled.testFiles)
    func councilTests(_ path: String) throws {
        let file = try PolicyTestFile.load(path: path)
        let engine = try Engine.load(path: file.policyPath, library: Bundled.library)
        let results = PolicyTestRunner.run(file, engine: engine)
        #expect(results.count >= 8)
        for result in results where !result.passed {
            Issue.record("\(result.testCase.name): \(result.failures.map { "\($0.key): expected \($0.expected), actual \($0.actual)" })")
        }
    }

    /// Independent of the decoder: walks the raw YAML and finds every value that is a number, a
    /// duration or a date, and requires a `source:` or `assumed:` on its mapping or one enclosing it.
    @Test("every number in every bundled policy and fragment is cited or marked assumed", arguments: Bundled.councilPolicies + Bundled.yamlFiles("statutory"))
    func everyNumberCited(_ path: String) throws {
        let data = try #require(FileManager.default.contents(atPath: path))
        let uncited = CitationWalker.uncited(try YAMLLoader().load(Array(data), path: path))
        #expect(uncited.isEmpty, "\(uncited.joined(separator: "\n"))")
    }

    @Test("the citation walker finds an uncited number, and accepts a cited or inherited one")
    func walkerCanFail() throws {
        let text = """
            procedures:
              a:
                stages:
                  - { id: s, respond: { within: 10 working days } }
                  - { id: t, respond: { within: 5 working days, source: x } }
              b:
                source: y
                stages: [{ id: u, repeatable: 2 }]
            """
        let uncited = CitationWalker.uncited(try YAMLLoader().load(text, path: "t.yaml"))
        #expect(uncited == ["t.yaml:4:37: within = 10 working days"])
    }

    @Test("Derby: the same SEND complaint gets 10 working days in 2018 and 20 in 2020")
    func derbySEND() throws {
        let engine = try Engine.load(path: Bundled.policies.appendingPathComponent("councils/derby").path, library: Bundled.library)
        func complaint(_ received: String) throws -> Complaint {
            Complaint(id: "S", received: try .init(iso: received), service: "send")
        }
        let before = try engine.classify(complaint("2018-03-05"))
        let after = try engine.classify(complaint("2020-03-02"))
        #expect(before.versionID == "2014")
        #expect(after.versionID == "2019")
        let calendar = engine.versions[0].calendar
        #expect(try calendar.workingDays(from: before.deemedReceived, to: #require(before.respondBy)) == 10)
        #expect(try calendar.workingDays(from: after.deemedReceived, to: #require(after.respondBy)) == 20)
    }
}

/// Finds every plain number, duration or date in a YAML tree not covered by a `source:` or
/// `assumed:` on its own mapping or an enclosing one.
enum CitationWalker {
    static let freeText: Set<String> = [
        "id", "name", "text", "description", "redirect", "reason", "title", "source", "assumed", "approved", "redress",
        "redress-fragment",
    ]

    static func uncited(_ document: YAMLDocument) -> [String] {
        var found: [String] = []
        func isNumeric(_ text: String) -> Bool {
            text.first?.isNumber == true && (Int(text) != nil || text.contains(" ") || text.count == 10)
        }
        func walk(_ node: YAMLNode, key: String?, cited: Bool) {
            switch node {
            case .scalar(let scalar):
                if let key, freeText.contains(key) { return }
                if scalar.style.isPlain, isNumeric(scalar.text), !cited { found.append("\(scalar.range): \(key ?? "?") = \(scalar.text)") }
            case .sequence(let sequence):
                for item in sequence.items { walk(item, key: key, cited: cited) }
            case .mapping(let mapping):
                let here = cited || mapping["source"] != nil || mapping["assumed"] != nil
                for entry in mapping.entries { walk(entry.value, key: entry.key.scalar?.text, cited: here) }
            }
        }
        if let root = document.root { walk(root, key: nil, cited: false) }
        return found
    }
}
