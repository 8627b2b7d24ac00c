import Foundation
import Testing

@testable import RedressDiagnostics

/// The catalogue is the one home of diagnostic ids: every id the code names is documented, no
/// documented id is dead, no call site spells an id as a string, and docs/diagnostics.md is the
/// catalogue as generated.
@Suite("Diagnostic catalogue")
struct DiagnosticCatalogueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalogueFolder = "Sources/RedressDiagnostics/Catalogue/"
    static let constantsFile = "Sources/RedressDiagnostics/DiagnosticIDs.swift"

    /// Every Swift file under Sources/, by path relative to the root.
    static func sources() throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent("Sources").path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        return try walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map { relative in
            ("Sources/" + relative, try String(contentsOfFile: base + "/" + relative, encoding: .utf8))
        }
    }

    /// `public static let name: DiagnosticID = "id"` in the constants file.
    static func constants() throws -> [(name: String, id: String)] {
        let text = try String(contentsOfFile: root.appendingPathComponent(constantsFile).path, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"static let (\w+): DiagnosticID = "([^"]+)""#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let name = Range(match.range(at: 1), in: text), let id = Range(match.range(at: 2), in: text) else { return nil }
            return (String(text[name]), String(text[id]))
        }
    }

    @Test("every id constant has exactly one catalogue entry, and every entry a constant")
    func entriesMatchConstants() throws {
        let constants = try Self.constants()
        #expect(constants.count >= 100)
        let entryIDs = DiagnosticCatalogue.entries.map(\.id.rawValue)
        #expect(Set(entryIDs).count == entryIDs.count, "an id has two entries")
        for constant in constants {
            #expect(entryIDs.filter { $0 == constant.id }.count == 1, "`\(constant.id)` (\(constant.name)) has no entry in the catalogue")
        }
        for id in entryIDs where !constants.contains(where: { $0.id == id }) {
            Issue.record("the catalogue documents `\(id)`, which has no constant in \(Self.constantsFile)")
        }
    }

    @Test("every id is emitted somewhere, and no call site writes an id as a string")
    func sourcesUseTheCatalogue() throws {
        let constants = try Self.constants()
        let ids = Set(constants.map(\.id))
        let code = try Self.sources().filter { !$0.path.hasPrefix(Self.catalogueFolder) && $0.path != Self.constantsFile }
        let literal = try NSRegularExpression(pattern: #""([a-z]+\.[a-z0-9-]+)""#)
        for file in code {
            for match in literal.matches(in: file.text, range: NSRange(file.text.startIndex..., in: file.text)) {
                guard let range = Range(match.range(at: 1), in: file.text) else { continue }
                let text = String(file.text[range])
                #expect(!ids.contains(text), "\(file.path) writes the id \"\(text)\" as a string; use its DiagnosticID constant")
            }
        }
        let all = code.map(\.text).joined(separator: "\n")
        for constant in constants {
            let use = try NSRegularExpression(pattern: "\\.\(constant.name)\\b")
            #expect(
                use.firstMatch(in: all, range: NSRange(all.startIndex..., in: all)) != nil,
                "`\(constant.id)` is documented but no code emits it (no use of .\(constant.name))")
        }
        // An id built at run time would escape this scan.
        for file in code {
            #expect(!file.text.contains("DiagnosticID(rawValue:") || file.path.hasSuffix("ExplainCommand.swift"), "\(file.path) builds an id at run time")
        }
    }

    @Test("every entry reads as documentation: a summary, an explanation, and examples in pairs")
    func entriesAreComplete() {
        for entry in DiagnosticCatalogue.entries {
            #expect(!entry.summary.isEmpty && !entry.summary.hasSuffix("."), "\(entry.id): summary")
            #expect(entry.explanation.count > 40, "\(entry.id): explanation too short")
            #expect(entry.wrong.isEmpty == entry.right.isEmpty, "\(entry.id): a wrong example needs its right one")
            #expect(entry.wrong != entry.right || entry.wrong.isEmpty, "\(entry.id): the example is not put right")
        }
        // Only the failure of libyaml itself has nothing to show.
        #expect(DiagnosticCatalogue.entries.filter { $0.wrong.isEmpty }.map(\.id) == [.yamlInternal])
    }

    @Test("docs/diagnostics.md is the catalogue as `redress explain --markdown` prints it")
    func documentationIsGenerated() throws {
        let committed = try String(contentsOfFile: Self.root.appendingPathComponent("docs/diagnostics.md").path, encoding: .utf8)
        #expect(committed == DiagnosticCatalogue.markdown, "regenerate with: swift run redress explain --markdown > docs/diagnostics.md")
        for entry in DiagnosticCatalogue.entries {
            #expect(committed.contains("### `\(entry.id)`"))
        }
    }

    @Test("explanations wrap at 100 columns and lookups suggest the nearest id")
    func explanationAndSuggestion() throws {
        let entry = try #require(DiagnosticCatalogue.entry(.policyNoCatchAll))
        let text = DiagnosticCatalogue.explanation(of: entry)
        #expect(text.hasPrefix("policy.no-catch-all (error): "))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 104 })
        #expect(DiagnosticCatalogue.suggestion(for: "policy.no-catchall") == .policyNoCatchAll)
        #expect(DiagnosticCatalogue.entry("policy.nothing") == nil)
    }
}
