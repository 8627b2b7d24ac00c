import RedressDiagnostics
import RedressPolicy
import Testing

/// Statutory floors wherever statutory complaints can land, compared on what the complainant
/// experiences. Each mutant policy names the diagnostic it must produce and marks (1️⃣) where.
@Suite("Statutory floors")
struct StatutoryFloorTests {
    /// A council procedure implementing the children's statute, exactly at the statutory limits.
    static let children = """
          kids:
            implements: children-statutory
            stages:
              - id: stage-1
                respond: { within: 10 working days, extendable_to: 20 working days, source: fixture }
                escalate: { within: 20 working days, from: response, source: fixture }
              - id: stage-2
                respond: { within: 25 working days, from: agreed-record, extendable_to: 65 working days, source: fixture }
              - id: stage-3
                milestones:
                  - { id: panel-meeting, within: 30 working days, from: escalation, source: fixture }
                  - { id: panel-report, within: 5 working days, from: panel-meeting, source: fixture }
                respond: { within: 15 working days, from: panel-report, source: fixture }
        """
    /// The review panel's chain in `children`.
    static let panel =
        "        milestones:\n          - { id: panel-meeting, within: 30 working days, from: escalation, source: fixture }\n"
        + "          - { id: panel-report, within: 5 working days, from: panel-meeting, source: fixture }\n"
        + "        respond: { within: 15 working days, from: panel-report, source: fixture }"
    static let corporate = """
          corporate:
            stages:
              - { id: stage-1, respond: { within: 10 working days, source: fixture } }
        """
    static let imports = """
        imports: [statutory/children-england, statutory/adults-england]
        statutory_routes: { childrens-social-care: children-statutory, adult-social-care: adults-statutory }

        """
    static let routing = """
          - { id: kids, when: { service: childrens-social-care }, procedure: kids }
          - { id: adults, when: { service: adult-social-care }, procedure: adults-statutory }
          - { id: all, procedure: corporate }

        """

    /// The policy with `children` and `routing` edited by `replacing` pairs.
    static func mutant(_ edits: [(String, String)] = [], procedures extra: String = "", routing: String = routing) -> String {
        var children = Self.children + extra
        var routing = routing
        for (old, new) in edits {
            children = children.replacingOccurrences(of: old, with: new)
            routing = routing.replacingOccurrences(of: old, with: new)
        }
        return PolicyFixtures.policy(procedures: corporate + "\n" + children, routing: routing, extra: imports)
    }

    @Test("the procedure at exactly the statute's limits passes: Stage 3 of 30 + 5 + 15 working days included")
    func exactlyStatutory() {
        let (diagnostics, _) = PolicyFixtures.diagnose(Self.mutant())
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let single = Self.mutant([
            (Self.panel, "        respond: { within: 50 working days, from: escalation, source: fixture }")
        ])
        let (singleDiagnostics, _) = PolicyFixtures.diagnose(single)
        #expect(singleDiagnostics.filter { $0.severity == .error }.isEmpty, "a single 50-day Stage 3 is the statute's chain: \(singleDiagnostics)")
    }

    static let mutants: [(String, String, DiagnosticID, String)] = [
        (
            "children's complaints routed to the corporate procedure",
            mutant([("when: { service: childrens-social-care }, procedure: kids", "when: { service: childrens-social-care }, procedure: 1️⃣corporate")]),
            "policy.statutory-misroute", "`corporate`"
        ),
        (
            "no rule for children's complaints: the catch-all would take them",
            mutant([("  - { id: kids, when: { service: childrens-social-care }, procedure: kids }\n", ""), ("{ id: all, procedure: corporate }", "{ id: all, procedure: 1️⃣corporate }")]),
            "policy.statutory-misroute", "childrens-social-care"
        ),
        (
            "the council's own children's procedure without `implements:`",
            mutant([("    implements: children-statutory\n", ""), ("procedure: kids }", "procedure: 1️⃣kids }")]),
            "policy.statutory-misroute", "`kids`"
        ),
        (
            "an exclusion above the statutory rule without a citation",
            mutant(routing: "  - 1️⃣id: pcn\n    when: { mentions: [pcn] }\n    exclude: { reason: a penalty notice }\n" + routing),
            "policy.statutory-exclusion-uncited", "exclude `childrens-social-care`"
        ),
        (
            "acknowledge in 5 + respond 10 from acknowledgement: up to 15 from receipt",
            mutant([("respond: { within: 10 working days, extendable_to: 20 working days, source: fixture }", "acknowledge: { within: 5 working days, source: fixture }\n        respond: { within: 1️⃣10 working days, from: acknowledgement, source: fixture }")]),
            "policy.loosens-statute", "5 working days + 10 working days"
        ),
        (
            "respond from an acknowledgement that has no time limit",
            mutant([("respond: { within: 10 working days, extendable_to: 20 working days, source: fixture }", "respond: { within: 1️⃣10 working days, from: acknowledgement, source: fixture }")]),
            "policy.loosens-statute", "no latest date"
        ),
        (
            "a single Stage 3 limit one day over 30 + 5 + 15",
            mutant([(panel, "        respond: { within: 1️⃣51 working days, from: escalation, source: fixture }")]),
            "policy.loosens-statute", "51 working days"
        ),
        (
            "the panel meets later than 30 working days",
            mutant([("{ id: panel-meeting, within: 30 working days", "{ id: panel-meeting, within: 1️⃣31 working days")]),
            "policy.loosens-statute", "milestone `panel-meeting`"
        ),
        (
            "an extension ceiling beyond the statute's 20 working days",
            mutant([("extendable_to: 20 working days", "extendable_to: 1️⃣25 working days")]),
            "policy.loosens-statute", "extended response"
        ),
        (
            "20 working days extendable to 3 months (mixed units)",
            mutant([("extendable_to: 20 working days", "extendable_to: 1️⃣3 months")]),
            "policy.loosens-statute", "3 months"
        ),
        (
            "a shorter window to ask for Stage 2",
            mutant([("escalate: { within: 20 working days", "escalate: { within: 1️⃣10 working days")]),
            "policy.loosens-statute", "window to ask for the next stage"
        ),
        (
            "a time limit to complain shorter than the statute's year",
            mutant([("    implements: children-statutory\n", "    implements: children-statutory\n    time_limit: { within: 1️⃣6 months, from: aware, source: fixture }\n")]),
            "policy.loosens-statute", "time limit to complain"
        ),
        (
            "adults answered within 130 working days against 6 months",
            mutant(
                [("procedure: adults-statutory }", "procedure: grown-ups }")],
                procedures: "\n  grown-ups:\n    implements: adults-statutory\n    stages:\n      - id: local-resolution\n        acknowledge: { within: 3 working days, source: fixture }\n        respond: { within: 1️⃣130 working days, source: fixture }\n"),
            "policy.loosens-statute", "130 working days"
        ),
        (
            "a stage the statute does not have",
            mutant(procedures: "\n      - 1️⃣id: stage-4\n        respond: { within: 5 working days, source: fixture }\n"),
            "policy.statutory-stage", "no stage `stage-4`"
        ),
        (
            "a statutory stage left out",
            mutant([("  kids:\n", "  1️⃣kids:\n"), ("\n      - id: stage-3\n" + panel, "")]),
            "policy.statutory-stage-missing", "no stage `stage-3`"
        ),
    ]

    @Test("each loosening is an error at the council's line", arguments: mutants.map { ($0.0, $0.1, $0.2, $0.3) })
    func mutant(_ name: String, _ text: String, _ id: DiagnosticID, _ fragment: String) throws {
        let (diagnostics, marked) = PolicyFixtures.diagnose(text)
        let match = diagnostics.first { $0.id == id && $0.severity == .error }
        #expect(match != nil, "\(name): no \(id) in \(diagnostics)")
        #expect(match?.range?.start == marked["1️⃣"], "\(name): at \(String(describing: match?.range)), expected \(String(describing: marked["1️⃣"]))")
        #expect(match?.message.contains(fragment) == true, "\(name): \(match?.message ?? "")")
    }

    @Test("a looser timescale names the statute's line as a note")
    func statuteLine() throws {
        let (diagnostics, _) = PolicyFixtures.diagnose(Self.mutant([("extendable_to: 20 working days", "extendable_to: 25 working days")]))
        let match = try #require(diagnostics.first { $0.id == "policy.loosens-statute" })
        #expect(match.related.first?.range.file.hasSuffix("statutory/children-england.yaml") == true)
        #expect(match.help?.contains("against") == true)
    }

    @Test("forgetting `statutory_routes` cannot pass silently")
    func declarationRequired() {
        let text = PolicyFixtures.policy().replacingOccurrences(of: "statutory_routes: { none: \"test fixture\" }\n", with: "")
        let (diagnostics, _) = PolicyFixtures.diagnose(text)
        #expect(diagnostics.contains { $0.id == "policy.statutory-routes-missing" && $0.severity == .error })
    }

    @Test("an exclusion that cites its regulation may take statutory complaints")
    func citedExclusion() {
        let text = Self.mutant(routing: "  - id: court\n    when: { categories: [court-proceedings] }\n    exclude: { reason: before a court, source: fixture }\n" + Self.routing)
        let (diagnostics, _) = PolicyFixtures.diagnose(text)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
    }

    @Test("overlapping retention rules with different periods are warned about")
    func retentionOverlap() {
        let text = PolicyFixtures.policy().replacingOccurrences(
            of: "  - { id: all, keep: 2 years, source: fixture }",
            with: "  - { id: all, keep: 2 years, source: fixture }\n  - { id: ombudsman, when: { closed_at: lgsco }, keep: 3 years, source: fixture }")
        let (diagnostics, _) = PolicyFixtures.diagnose(text)
        let warning = diagnostics.first { $0.id == "policy.retention-overlap" }
        #expect(warning?.severity == .warning)
        #expect(warning?.message.contains("kept for the longer, `ombudsman`") == true, "\(diagnostics)")
    }
}
