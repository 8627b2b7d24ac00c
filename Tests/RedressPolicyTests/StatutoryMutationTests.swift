import Foundation
import RedressDiagnostics
import RedressPolicy
import Testing

/// The statutory-floor mutation suite: each kind of loosening made to a real bundled policy must be
/// refused by `check` with its diagnostic, and each has a control — a change in the safe direction,
/// or a lawful way to do the same thing — that must pass. England (children's and adults social
/// care), Scotland (the SPSO model), Northern Ireland (the NIPSO model) and Wales (the PSOW model and
/// social services).
@Suite("Statutory mutation suite")
struct StatutoryMutationTests {
    struct Mutant: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var edits: [(String, String)]
        var expected: DiagnosticID
        /// A lawful edit of the same place, which must pass.
        var control: [(String, String)]

        var testDescription: String { name }
    }

    static let nsAdults = "  - id: adult-social-care\n    description: Complaints about adult social care go to the statutory procedure, handled by the Complaints and Directorate Governance Team (Appendix 1)\n    when: { service: adult-social-care }\n    procedure: adults-statutory\n"
    static let nsRoutes = "statutory_routes:\n  childrens-social-care: children-statutory\n  adult-social-care: adults-statutory\n"
    static let redirectAdults = "  - id: adult-social-care\n    when: { service: adult-social-care }\n    exclude: { reason: the county provides it, redirect: The county council, source: \"policy: Appendix 1\" }\n"
    static let fifeInvestigation = "      - id: investigation\n        name: Stage 2 investigation\n"
    static let fifeFrontline = "      - id: frontline\n        name: Stage 1 frontline response\n"
    static let fifeEscalate = "          or_if_later: { within: 6 months, from: aware }\n"
    static let ardsStage2 = "      - id: stage-2\n        name: Stage 2 investigation\n"
    static let ardsStage1 = "      - id: stage-1\n        name: Stage 1\n"
    static let swanseaFormal = "      - id: formal\n        name: Stage 2 formal investigation\n"
    static let swanseaInformal = "      - id: informal\n        name: Stage 1 informal resolution\n"
    static let swanseaSocial = "    when: { service: [adult-social-care, childrens-social-care] }\n    procedure: social-services-wales\n"

    static let mutants: [Mutant] = [
        // England: North Somerset, Derby and Stockton (children's and adults statutory procedures).
        Mutant(
            name: "England: adults' route left out of statutory_routes while adult social care goes to corporate", file: "councils/north-somerset/2021-01.yaml",
            edits: [("  adult-social-care: adults-statutory\n", ""), (nsAdults, "  - id: adult-social-care\n    when: { service: adult-social-care }\n    procedure: corporate\n")],
            expected: "policy.statutory-route-missing",
            control: [("  adult-social-care: adults-statutory\n", ""), (nsAdults, redirectAdults)]),
        Mutant(
            name: "England: adult social care routed to corporate", file: "councils/north-somerset/2021-01.yaml",
            edits: [(nsAdults, "  - id: adult-social-care\n    when: { service: adult-social-care }\n    procedure: corporate\n")],
            expected: "policy.statutory-misroute", control: [(nsAdults, nsAdults.replacingOccurrences(of: "(Appendix 1)", with: "(Appendix 1, the 2009 Regulations)"))]),
        Mutant(
            name: "England: `statutory_routes: none` on a council that handles social care itself", file: "councils/north-somerset/2021-01.yaml",
            edits: [(nsRoutes, "statutory_routes:\n  none: \"no social care\"\n  assumed: a mutant\n")], expected: "policy.statutory-routes-none-routed",
            control: [
                (nsRoutes, "statutory_routes:\n  none: \"no social care\"\n  assumed: a control\n"), (nsAdults, redirectAdults),
                ("    when: { service: childrens-social-care }\n    procedure: children-statutory\n", "    when: { service: childrens-social-care }\n    exclude: { reason: the county provides it, redirect: The county council, source: \"policy: Appendix 1\" }\n"),
            ]),
        Mutant(
            name: "England: an exclusion of complaints made by representatives, with a source", file: "councils/north-somerset/2021-01.yaml",
            edits: [(nsAdults, "  - id: representatives\n    when: { service: adult-social-care, made_by: [representative] }\n    exclude: { reason: made by someone else, redirect: The person themselves, source: \"policy: Appendix 1\" }\n" + nsAdults)],
            expected: "policy.statutory-exclusion-representative",
            control: [(nsAdults, "  - id: representatives\n    when: { service: waste, made_by: [representative] }\n    exclude: { reason: made by someone else, redirect: The person themselves, source: \"policy: Appendix 1\" }\n" + nsAdults)]),
        Mutant(
            name: "England: an uncited exclusion above the children's route", file: "councils/north-somerset/2021-01.yaml",
            edits: [(nsAdults, "  - id: pcn-anywhere\n    when: { mentions: [pcn] }\n    exclude: { reason: a penalty notice, redirect: The appeal }\n" + nsAdults)],
            expected: "policy.statutory-exclusion-uncited",
            control: [("  - id: parking-penalty\n", "  - id: pcn-anywhere\n    when: { mentions: [pcn] }\n    exclude: { reason: a penalty notice, redirect: The appeal }\n  - id: parking-penalty\n")]),
        Mutant(
            name: "England: Derby says it has no social care", file: "councils/derby/2019.yaml",
            edits: [("statutory_routes:\n  childrens-social-care: children-statutory\n  adult-social-care: adults-statutory\n", "statutory_routes:\n  none: \"none\"\n  assumed: a mutant\n")],
            expected: "policy.statutory-routes-none-routed", control: []),
        Mutant(
            name: "England: Stockton's children's route left out while children's complaints reach its own procedure", file: "councils/stockton-on-tees/2019-10.yaml",
            edits: [("  childrens-social-care: children-statutory\n", "")], expected: "policy.statutory-route-missing", control: []),
        // Scotland: Fife implements the SPSO model.
        Mutant(
            name: "Scotland: the Stage 2 investigation may be skipped", file: "councils/fife/2021-04.yaml",
            edits: [(fifeInvestigation, fifeInvestigation + "        optional: true\n")], expected: "policy.loosens-statute",
            control: [(fifeInvestigation, fifeInvestigation.replacingOccurrences(of: "Stage 2 investigation\n", with: "Stage 2 investigation (a control)\n"))]),
        Mutant(
            name: "Scotland: the frontline stage may run twice", file: "councils/fife/2021-04.yaml",
            edits: [(fifeFrontline, fifeFrontline + "        repeatable: 2\n")], expected: "policy.loosens-statute",
            control: [(fifeFrontline, fifeFrontline + "        repeatable: 1\n")]),
        Mutant(
            name: "Scotland: Stage 2 answered in 25 working days", file: "councils/fife/2021-04.yaml",
            edits: [("          within: 20 working days\n          from: escalation\n", "          within: 25 working days\n          from: escalation\n")],
            expected: "policy.loosens-statute",
            control: [("          within: 20 working days\n          from: escalation\n", "          within: 15 working days\n          from: escalation\n")]),
        Mutant(
            name: "Scotland: frontline extended by agreement where the model sets 10 working days", file: "councils/fife/2021-04.yaml",
            edits: [("          within: 5 working days\n", "          within: 5 working days\n          extendable_to: by agreement\n")], expected: "policy.loosens-statute",
            control: [("          within: 5 working days\n", "          within: 5 working days\n          extendable_to: 8 working days\n")]),
        Mutant(
            name: "Scotland: the Stage 2 request window without the 6 months from the event", file: "councils/fife/2021-04.yaml",
            edits: [(fifeEscalate, "")], expected: "policy.loosens-statute",
            control: [(fifeEscalate, "          or_if_later: { within: 7 months, from: aware }\n")]),
        Mutant(
            name: "Scotland: the Stage 2 request window's event alternative cut to 5 months", file: "councils/fife/2021-04.yaml",
            edits: [(fifeEscalate, "          or_if_later: { within: 5 months, from: aware }\n")], expected: "policy.loosens-statute", control: []),
        Mutant(
            name: "Scotland: 3 months to complain", file: "councils/fife/2021-04.yaml",
            edits: [("    time_limit:\n      within: 6 months\n", "    time_limit:\n      within: 3 months\n")], expected: "policy.loosens-statute",
            control: [("    time_limit:\n      within: 6 months\n", "    time_limit:\n      within: 12 months\n")]),
        Mutant(
            name: "Scotland: Stage 2 acknowledged in 5 working days", file: "councils/fife/2021-04.yaml",
            edits: [("          within: 3 working days\n", "          within: 5 working days\n")], expected: "policy.loosens-statute",
            control: [("          within: 3 working days\n", "          within: 2 working days\n")]),
        Mutant(
            name: "Scotland: the investigation stage left out", file: "councils/fife/2021-04.yaml",
            edits: [(fifeInvestigation, "      - id: review\n        name: Stage 2 review\n")], expected: "policy.statutory-stage", control: []),
        // Northern Ireland: Ards and North Down implements the NIPSO model.
        Mutant(
            name: "Northern Ireland: Stage 1 extendable to 15 working days", file: "councils/ards-and-north-down/2023-04.yaml",
            edits: [("          extendable_to: 10 working days\n", "          extendable_to: 15 working days\n")], expected: "policy.loosens-statute",
            control: [("          extendable_to: 10 working days\n", "          extendable_to: 8 working days\n")]),
        Mutant(
            name: "Northern Ireland: Stage 2 answered in 25 working days", file: "councils/ards-and-north-down/2023-04.yaml",
            edits: [("          within: 20 working days\n", "          within: 25 working days\n")], expected: "policy.loosens-statute",
            control: [("          within: 20 working days\n", "          within: 18 working days\n")]),
        Mutant(
            name: "Northern Ireland: the Stage 2 request window without the event alternative", file: "councils/ards-and-north-down/2023-04.yaml",
            edits: [("          or_if_later: { within: 6 months, from: aware }\n", "")], expected: "policy.loosens-statute", control: []),
        Mutant(
            name: "Northern Ireland: Stage 2 may be skipped", file: "councils/ards-and-north-down/2023-04.yaml",
            edits: [(ardsStage2, ardsStage2 + "        optional: true\n")], expected: "policy.loosens-statute", control: []),
        Mutant(
            name: "Northern Ireland: the council may refuse Stage 2", file: "councils/ards-and-north-down/2023-04.yaml",
            edits: [(ardsStage2, ardsStage2 + "        gate: { decided_by: head of service, assumed: a mutant }\n")], expected: "policy.loosens-statute", control: []),
        Mutant(
            name: "Scotland: the council may refuse the Stage 2 investigation", file: "councils/fife/2021-04.yaml",
            edits: [(fifeInvestigation, fifeInvestigation + "        gate: { decided_by: head of service, assumed: a mutant }\n")], expected: "policy.loosens-statute",
            control: []),
        Mutant(
            name: "Northern Ireland: Stage 1 may run twice", file: "councils/ards-and-north-down/2023-04.yaml",
            edits: [(ardsStage1, ardsStage1 + "        repeatable: 2\n")], expected: "policy.loosens-statute", control: []),
        Mutant(
            name: "Northern Ireland: social care handled by the council although it says it has none", file: "councils/ards-and-north-down/2023-04.yaml",
            edits: [("  - id: health-and-social-care\n", "  - id: social-care-here\n    when: { service: [adult-social-care] }\n    procedure: complaints\n  - id: health-and-social-care\n")],
            expected: "policy.statutory-routes-none-routed", control: []),
        Mutant(
            name: "Northern Ireland: Stage 2 acknowledged in 4 working days", file: "councils/ards-and-north-down/2023-04.yaml",
            edits: [("          within: 3 working days\n", "          within: 4 working days\n")], expected: "policy.loosens-statute", control: []),
        // Wales: Swansea implements the PSOW model and routes social services to the 2014 Regulations.
        Mutant(
            name: "Wales: formal investigation answered in 25 working days", file: "councils/swansea/2020-04.yaml",
            edits: [("          within: 20 working days\n", "          within: 25 working days\n")], expected: "policy.loosens-statute",
            control: [("          within: 20 working days\n", "          within: 15 working days\n")]),
        Mutant(
            name: "Wales: formal investigation acknowledged in 10 working days", file: "councils/swansea/2020-04.yaml",
            edits: [("          within: 5 working days\n", "          within: 10 working days\n")], expected: "policy.loosens-statute", control: []),
        Mutant(
            name: "Wales: the formal investigation may be skipped", file: "councils/swansea/2020-04.yaml",
            edits: [(swanseaFormal, swanseaFormal + "        optional: true\n")], expected: "policy.loosens-statute", control: []),
        Mutant(
            name: "Wales: informal resolution may run three times", file: "councils/swansea/2020-04.yaml",
            edits: [(swanseaInformal, swanseaInformal + "        repeatable: 3\n")], expected: "policy.loosens-statute", control: []),
        Mutant(
            name: "Wales: 3 months to complain", file: "councils/swansea/2020-04.yaml",
            edits: [("      within: 6 months\n", "      within: 3 months\n")], expected: "policy.loosens-statute", control: []),
        Mutant(
            name: "Wales: social services complaints sent to the corporate procedure", file: "councils/swansea/2020-04.yaml",
            edits: [(swanseaSocial, "    when: { service: [adult-social-care, childrens-social-care] }\n    procedure: corporate\n")],
            expected: "policy.statutory-misroute", control: []),
        Mutant(
            name: "Wales: social services excluded when made by a representative", file: "councils/swansea/2020-04.yaml",
            edits: [("  - id: social-services\n", "  - id: representatives\n    when: { service: adult-social-care, made_by: [representative] }\n    exclude: { reason: x, redirect: y, source: \"swansea: invented\" }\n  - id: social-services\n")],
            expected: "policy.statutory-exclusion-representative", control: []),
        Mutant(
            name: "Wales: adults' social services left out of statutory_routes while still routed", file: "councils/swansea/2020-04.yaml",
            edits: [("  adult-social-care: social-services-wales\n", ""), (swanseaSocial, "    when: { service: [childrens-social-care] }\n    procedure: social-services-wales\n")],
            expected: "policy.statutory-route-missing", control: []),
    ]

    static let library = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies")

    static func errors(_ file: String, _ edits: [(String, String)]) throws -> [Diagnostic] {
        var text = try String(contentsOf: library.appendingPathComponent(file), encoding: .utf8)
        for (old, new) in edits {
            try #require(text.contains(old), "the edit's text `\(old.prefix(60))` is not in \(file)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        var result = PolicyLoader(library: PolicyLibrary(root: library.path)).load(bytes: Array(text.utf8), path: file)
        result.diagnostics += PolicyChecker.standard.check(result)
        return result.diagnostics.filter { $0.severity == .error }
    }

    @Test("there are at least 30 mutants, across every nation")
    func size() {
        #expect(Self.mutants.count >= 30)
        #expect(Set(Self.mutants.map { $0.name.split(separator: ":")[0] }) == ["England", "Scotland", "Northern Ireland", "Wales"])
    }

    @Test("each mutant is refused with its diagnostic, and its control passes", arguments: mutants)
    func mutant(_ mutant: Mutant) throws {
        let refused = try Self.errors(mutant.file, mutant.edits)
        #expect(refused.contains { $0.id == mutant.expected }, "\(mutant.name): \(refused.map(\.description))")
        let control = try Self.errors(mutant.file, mutant.control)
        #expect(control.isEmpty, "\(mutant.name), control: \(control.map(\.description))")
    }
}
