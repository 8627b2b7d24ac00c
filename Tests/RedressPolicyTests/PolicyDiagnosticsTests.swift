import RedressDiagnostics
import RedressPolicy
import Testing

@Suite("Policy diagnostics")
struct PolicyDiagnosticsTests {
    @Test("a draft with five mistakes yields all five, each at its marked line and column")
    func fiveProblems() throws {
        let (diagnostics, marked) = PolicyFixtures.diagnose(try PolicyFixtures.fixture("five-problems.yaml"))
        let errors = diagnostics.filter { $0.severity == .error }
        let expected: [(DiagnosticID, Character, String)] = [
            ("schema.unknown-key", "1️⃣", "did you mean `respond`?"),
            ("policy.invalid-duration", "2️⃣", "did you mean `10 working days`?"),
            ("policy.unknown-stage", "3️⃣", "did you mean `stage-1`?"),
            ("policy.no-catch-all", "4️⃣", "add a last rule without `when`"),
            ("yaml.duplicate-key", "5️⃣", "each key may appear once"),
        ]
        #expect(errors.count == expected.count, "\(errors)")
        for (id, marker, help) in expected {
            let match = errors.first { $0.id == id }
            #expect(match != nil, "missing \(id)")
            #expect(match?.range?.start == marked[marker], "\(id) at \(String(describing: match?.range))")
            #expect(match?.help?.contains(help) == true, "\(id) help: \(String(describing: match?.help))")
        }
    }

    @Test("the minimal policy is clean")
    func minimal() {
        let (diagnostics, _) = PolicyFixtures.diagnose(PolicyFixtures.policy())
        #expect(diagnostics.filter { $0.severity != .note }.isEmpty, "\(diagnostics)")
    }

    @Test(
        "each mistake gets its own diagnostic",
        arguments: [
            (PolicyFixtures.policy(routing: "  - { id: all, procedure: corprate }\n"), "policy.unknown-procedure", "did you mean `corporate`?"),
            (PolicyFixtures.policy(routing: "  - { id: w, when: { service: wast }, procedure: corporate }\n  - { id: all, procedure: corporate }\n"), "policy.unknown-service", "did you mean `waste`?"),
            (PolicyFixtures.policy(routing: "  - { id: w, when: { channel: fax }, procedure: corporate }\n  - { id: all, procedure: corporate }\n"), "policy.unknown-value", "expected one of"),
            (PolicyFixtures.policy(routing: "  - { id: w, when: { mentions: [pcn, \"  \"] }, procedure: corporate }\n  - { id: all, procedure: corporate }\n"), "policy.empty-phrase", nil),
            (PolicyFixtures.policy(routing: "  - { id: w, when: { mentions: [\"\\t\\u00a0\"] }, procedure: corporate }\n  - { id: all, procedure: corporate }\n"), "policy.empty-phrase", nil),
            (PolicyFixtures.policy(routing: "  - { id: all }\n"), "policy.rule-outcome", "exactly one"),
            (PolicyFixtures.policy(routing: "  - { id: all, procedure: corporate, exclude: { reason: x } }\n"), "policy.rule-outcome", "exactly one"),
            (PolicyFixtures.policy(routing: "  - { id: all, procedure: corporate }\n  - { id: all, procedure: corporate }\n"), "policy.duplicate-id", nil),
            (PolicyFixtures.policy(routing: "  - { id: Stage One, procedure: corporate }\n"), "schema.invalid-value", "lowercase"),
            (policyWithStage("respond: { within: 10 days, source: fixture }"), "policy.invalid-duration", "`10 working days` or `10 calendar days`"),
            (policyWithStage("respond: { within: -5 working days, source: fixture }"), "policy.invalid-duration", nil),
            (policyWithStage("respond: { within: 99999 years, source: fixture }"), "policy.invalid-duration", nil),
            (policyWithStage("respond: { within: ten working days, source: fixture }"), "policy.invalid-duration", "a number and a unit"),
            (policyWithStage("respond: { within: 10 working days, extendable_to: 5 working days, source: fixture }"), "policy.extension-below-base", nil),
            (policyWithStage("respond: { within: 10 working days, from: reciept, source: fixture }"), "policy.unknown-anchor", "did you mean `receipt`?"),
            (policyWithStage("respond: [10 working days]"), "schema.wrong-type", nil),
            (policyWithStage("respond: { within: 10 working days, source: policy }"), "policy.unknown-source", "declare it under `sources:`"),
            (policyWithStage("respond: { within: 10 working days, source: fixture, assumed: guess }"), "policy.source-and-assumed", nil),
            (policyWithStage("handler: team"), "policy.no-response-timescale", nil),
            (PolicyFixtures.policy(extra: "imports: [statutory/nowhere]\n"), "policy.unknown-import", nil),
            (PolicyFixtures.policy(extra: "behaviour: { criteria: [{ id: x, text: y, signal: { contacts: { at_least: 10, within: 30 calendar days } } }] }\n"), "policy.uncited-number", nil),
            (PolicyFixtures.policy(extra: "time_limit: { within: 12 monhts, source: fixture }\n"), "policy.invalid-duration", "did you mean `12 months`?"),
            ("redress: 1\n", "schema.missing-key", nil),
            ("- a\n- b\n", "schema.wrong-type", nil),
            ("", "policy.empty", nil),
            ("a: [1, 2\n", "yaml.unclosed-bracket", "close it with `]`"),
        ] as [(String, String, String?)])
    func single(_ text: String, _ id: String, _ help: String?) {
        let (diagnostics, _) = PolicyFixtures.diagnose(text)
        let match = diagnostics.first { $0.id.rawValue == id }
        #expect(match != nil, "expected \(id), got \(diagnostics.map(\.id))")
        #expect(match?.range != nil, "every policy diagnostic carries a location")
        if let help { #expect(match?.help?.contains(help) == true, "help was \(String(describing: match?.help))") }
    }

    @Test(
        "carets on the token at fault",
        arguments: [
            ("respond: { within: 10 working days, from: 1️⃣reciept, source: fixture }", "policy.unknown-anchor"),
            ("respond: { within: 1️⃣ten working days, source: fixture }", "policy.invalid-duration"),
        ])
    func carets(_ line: String, _ id: String) {
        let (diagnostics, marked) = PolicyFixtures.diagnose(Self.policyWithStage(line))
        let match = diagnostics.first { $0.id.rawValue == id }
        #expect(match?.range?.start == marked["1️⃣"], "\(String(describing: match))")
    }

    @Test("the caret of a wrong `implements` is on its value")
    func implementsCaret() {
        let procedures = """
              corporate:
                implements: 1️⃣childrens-statutory
                stages:
                  - { id: stage-1, respond: { within: 10 working days, source: fixture } }

            """
        let (diagnostics, marked) = PolicyFixtures.diagnose(PolicyFixtures.policy(procedures: procedures))
        let match = diagnostics.first { $0.id == "policy.unknown-procedure" }
        #expect(match?.range?.start == marked["1️⃣"], "\(diagnostics)")
    }

    @Test("a rule that an earlier rule covers is reported as unreachable")
    func unreachable() {
        let routing = """
              - { id: parking, when: { service: parking }, procedure: corporate }
              - { id: parking-fines, when: { service: parking, mentions: [fine] }, procedure: corporate }
              - { id: all, procedure: corporate }

            """
        let (diagnostics, _) = PolicyFixtures.diagnose(PolicyFixtures.policy(routing: routing))
        #expect(diagnostics.filter { $0.id == "policy.unreachable-rule" }.count == 1)
    }

    @Test("a rule that earlier rules cover only together is reported, naming them all")
    func unreachableTogether() {
        let routing = """
              - { id: complaints, when: { type: complaint }, procedure: corporate }
              - { id: feedback, when: { type: [compliment, comment, suggestion] }, exclude: { reason: not handled here } }
              - { id: waste, when: { service: waste }, procedure: corporate }
              - { id: all, procedure: corporate }

            """
        let (diagnostics, _) = PolicyFixtures.diagnose(PolicyFixtures.policy(routing: routing))
        let unreachable = diagnostics.filter { $0.id == "policy.unreachable-rule" }
        // `waste` and the catch-all: every class of complaint is decided by the first two rules.
        #expect(unreachable.count == 2, "\(unreachable)")
        #expect(unreachable.first?.message.contains("earlier rules (`complaints`, `feedback`)") == true, "\(unreachable)")
        #expect(unreachable.first?.related.count == 2)
    }

    /// With more phrase groups than `ComplaintSpace` combines, only one earlier rule covering a
    /// later one is found (the pairwise check): each case is a pair of rules after eleven rules
    /// with phrases of their own, and whether the second is reported.
    @Test(
        "past the class limit, a rule one earlier rule covers is still reported",
        arguments: [
            ("{ service: [waste, highways] }", "{ service: waste, mentions: [bins] }", true),
            ("{ service: waste, mentions: [Missed Bin] }", "{ service: waste, mentions: [missed bin] }", true),
            ("{ categories: [Noise, odour] }", "{ categories: [noise], channel: phone }", true),
            ("{ service: waste, matter_older_than: 12 months }", "{ service: waste, matter_older_than: 24 months }", true),
            ("{ service: waste, matter_older_than: 24 months }", "{ service: waste, matter_older_than: 12 months }", false),
            ("{ service: waste, matter_older_than: 12 months }", "{ service: waste }", false),
            ("{ channel: phone }", "{ service: waste }", false),
            ("{ service: waste, mentions: [bins] }", "{ service: waste }", false),
            ("{ type: complaint }", "{ type: [complaint, comment] }", false),
        ] as [(String, String, Bool)])
    func unreachablePairwise(earlier: String, later: String, reported: Bool) {
        let fillers = (0..<11).map { "  - { id: filler-\($0), when: { service: libraries, mentions: [filler phrase \($0)] }, procedure: corporate }\n" }
        let routing = fillers.joined() + """
              - { id: earlier, when: \(earlier), procedure: corporate }
              - { id: later, when: \(later), procedure: corporate }
              - { id: all, procedure: corporate }

            """
        let (diagnostics, _) = PolicyFixtures.diagnose(PolicyFixtures.policy(routing: routing))
        let unreachable = diagnostics.filter { $0.id == "policy.unreachable-rule" }
        #expect(unreachable.contains { $0.message.contains("`later` can never match: `earlier`") } == reported, "\(unreachable.map(\.message))")
        #expect(!unreachable.contains { $0.message.contains("filler") }, "\(unreachable.map(\.message))")
    }

    @Test("phrases and categories combine: a rule for a complaint with both is reachable")
    func phrasesCombine() {
        let routing = """
              - { id: fines, when: { mentions: [fine] }, procedure: corporate }
              - { id: noise, when: { categories: [noise] }, procedure: corporate }
              - { id: all, procedure: corporate }

            """
        let (diagnostics, _) = PolicyFixtures.diagnose(PolicyFixtures.policy(routing: routing))
        #expect(diagnostics.filter { $0.id == "policy.unreachable-rule" }.isEmpty, "\(diagnostics)")
    }

    @Test("a council procedure may not loosen the statutory limits it implements")
    func statutoryLimits() {
        let procedures = """
              corporate:
                stages:
                  - { id: stage-1, respond: { within: 10 working days, source: fixture } }
              childrens:
                implements: children-statutory
                stages:
                  - id: stage-1
                    respond: { within: 15 working days, extendable_to: 25 working days, source: fixture }
            """
        let (diagnostics, _) = PolicyFixtures.diagnose(
            PolicyFixtures.policy(procedures: procedures, extra: "imports: [statutory/children-england]\n"))
        let loosened = diagnostics.filter { $0.id == "policy.loosens-statute" }
        #expect(loosened.count == 2, "\(diagnostics)")
        #expect(loosened.first?.message.contains("(15 working days from the stage's start against 10 working days from the stage's start)") == true, "\(loosened)")
    }

    @Test("an import cycle names both files")
    func importCycle() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("redress-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("shared"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("calendars"), withDestinationURL: PolicyFixtures.policies.appendingPathComponent("calendars"))
        let fragment = { (name: String, other: String) in
            "redress-fragment: 1\nid: shared/\(name)\nimports: [shared/\(other)]\nprocedures:\n  \(name):\n    stages:\n      - { id: s, respond: { within: 1 working day, source: x } }\n"
        }
        try fragment("a", "b").write(to: root.appendingPathComponent("shared/a.yaml"), atomically: true, encoding: .utf8)
        try fragment("b", "a").write(to: root.appendingPathComponent("shared/b.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: PolicyFixtures.policies.appendingPathComponent("vocabulary.yaml"), to: root.appendingPathComponent("vocabulary.yaml"))
        let loader = PolicyLoader(library: PolicyLibrary(root: root.path))
        let result = loader.load(bytes: Array(PolicyFixtures.policy(extra: "imports: [shared/a]\n").utf8), path: "p.yaml")
        let cycle = result.diagnostics.first { $0.id == "policy.import-cycle" }
        #expect(cycle?.message == "import cycle: shared/a → shared/b → shared/a")
        #expect(cycle?.range?.file.hasSuffix("shared/b.yaml") == true)
        #expect(cycle?.related.first?.range.file.hasSuffix("shared/a.yaml") == true)
        try? FileManager.default.removeItem(at: root)
    }

    static func policyWithStage(_ line: String) -> String {
        PolicyFixtures.policy(procedures: """
              corporate:
                stages:
                  - id: stage-1
                    \(line)
            """)
    }
}

private func policyWithStage(_ line: String) -> String { PolicyDiagnosticsTests.policyWithStage(line) }

import Foundation
