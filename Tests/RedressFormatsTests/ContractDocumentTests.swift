import Foundation
import RedressTestSupport
import Testing

@testable import RedressEngine
@testable import RedressFormats

/// docs/input-output.md is the batch contract users read: it must name every input field, event
/// kind and output field the code knows, and no document may send a user outside the repository.
@Suite("The documented contract")
struct ContractDocumentTests {
    static let root = EngineFixtures.repositoryRoot
    static let contract = (try? String(contentsOf: root.appendingPathComponent("docs/input-output.md"), encoding: .utf8)) ?? ""

    /// A source file's text, by its path under `Sources/`.
    static func source(_ path: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent("Sources/" + path), encoding: .utf8)) ?? ""
    }

    /// Every `"name"` a reader asks a record for, or `\"name\":` an encoder writes.
    static func names(in text: String, pattern: String) -> Set<String> {
        let regex = try? NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return Set((regex?.matches(in: text, range: range) ?? []).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        })
    }

    @Test("every complaint field and every event kind is documented")
    func inputs() {
        #expect(!Self.contract.isEmpty)
        for field in Complaint.knownFields.sorted() {
            #expect(Self.contract.contains("`\(field)`"), "docs/input-output.md does not name the input field `\(field)`")
        }
        for kind in CaseEvent.Kind.allCases {
            #expect(Self.contract.contains("`\(kind.rawValue)`"), "docs/input-output.md does not name the event `\(kind.rawValue)`")
        }
        let contactFields = Self.names(in: Self.source("RedressEngine/Behaviour/ContactRecord.swift"), pattern: #"(?:text|list|field)\("([a-z_]+)"\)"#)
        #expect(contactFields.count > 8)
        for field in contactFields.sorted() {
            #expect(Self.contract.contains("`\(field)`"), "docs/input-output.md does not name the contact field `\(field)`")
        }
    }

    @Test("every output field is documented", arguments: ["RedressFormats/Output/DecisionEncoder.swift", "RedressFormats/Output/ScheduleEncoder.swift", "RedressFormats/Output/BehaviourEncoder.swift"])
    func outputs(_ encoder: String) {
        let fields = Self.names(in: Self.source(encoder), pattern: #"\\"([a-z_]+)\\":"#)
        #expect(fields.count > 5, "\(encoder)")
        for field in fields.sorted() {
            #expect(Self.contract.contains("`\(field)`"), "docs/input-output.md does not name the output field `\(field)` (\(encoder))")
        }
    }

    @Test("no user document points outside the repository")
    func selfContained() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("docs").path).filter { $0.hasSuffix(".md") }
            .map { "docs/" + $0 }
        for path in docs + ["README.md"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            #expect(!text.contains("DESIGN.md"), "\(path) refers to DESIGN.md, which users do not have")
            #expect(!text.contains("../shared"), "\(path) refers outside the repository")
        }
    }
}
