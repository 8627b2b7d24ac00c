import Foundation
import RedressDiagnostics
import RedressPolicy
import RedressTestSupport

enum PolicyFixtures {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = here.appendingPathComponent("Fixtures")
    static let repositoryRoot = here.deletingLastPathComponent().deletingLastPathComponent()
    static let policies = repositoryRoot.appendingPathComponent("policies")
    static let library = PolicyLibrary(root: policies.path)
    static let loader = PolicyLoader(library: library)

    /// Loads and checks marked policy text; returns all diagnostics and the marker positions.
    static func diagnose(_ marked: String, path: String = "draft.yaml") -> ([Diagnostic], MarkedText) {
        let text = MarkedText(marked)
        var result = loader.load(bytes: Array(text.text.utf8), path: path)
        result.diagnostics += PolicyChecker.standard.check(result)
        return (result.diagnostics, text)
    }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    /// The rule a council without social care (`statutory_routes: { none: … }`) needs: social care
    /// complaints go to the body that provides it, never into the council's own procedure.
    static let socialCareElsewhere =
        "  - { id: social-care-elsewhere, when: { service: [adult-social-care, childrens-social-care] }, exclude: { reason: the county council provides social care, redirect: The county council } }\n"

    /// A minimal valid policy, with `extra` appended to its routing-free top level and `routing`
    /// as given (default: one catch-all), after the social care redirect a council without social
    /// care needs (when `extra` does not declare `statutory_routes` itself).
    static func policy(
        procedures: String? = nil, routing: String = "  - { id: all, procedure: corporate }\n", extra: String = ""
    ) -> String {
        """
        redress: 1
        council: { id: test-council, name: Test Council, nation: england }
        version: { id: "1", effective_from: 2024-01-01, source: "fixture" }
        sources: { fixture: "test fixture" }
        calendar: { region: england-and-wales }
        \(extra.contains("statutory_routes") ? "" : "statutory_routes: { none: \"test fixture\" }")
        procedures:
        \(procedures ?? """
          corporate:
            then: lgsco
            stages:
              - id: stage-1
                respond: { within: 10 working days, source: fixture }
              - id: stage-2
                respond: { within: 20 working days, from: escalation, source: fixture }
        """)
        routing:
        \(extra.contains("statutory_routes") ? "" : socialCareElsewhere)\(routing)retention:
          - { id: all, keep: 2 years, source: fixture }
        \(extra)
        """
    }
}
