extension DiagnosticCatalogue {
    /// The statutory social care procedures: what `check` refuses because it would take from a
    /// complainant what the regulations give them.
    static let statutoryEntries: [DiagnosticEntry] = [
        DiagnosticEntry(
            .policyImplementsNotStatutory, .error, "`statutory_routes` names a procedure that is not statutory",
            explanation: """
                `statutory_routes` maps each social care service to the statutory procedure its complaints must reach \
                (the children's or adults' regulations, imported from `statutory/`, or a council procedure that \
                `implements:` one). A corporate procedure there would take the statutory stages and timescales away.
                """,
            wrong: "statutory_routes:\n  adult-social-care: corporate",
            right: "statutory_routes:\n  adult-social-care: adults-statutory"),
        DiagnosticEntry(
            .policyLoosensStatute, .error, "a council procedure gives less than the statute it implements",
            explanation: """
                A council may write its own version of a statutory procedure (`implements: children-statutory`), but \
                may not loosen it: a longer response time or acknowledgement time, a shorter time to ask for the next \
                stage or to complain at all, an optional or repeatable stage the statute requires once, an \
                extension with no maximum, or a window counted from an event that can come later. The diagnostic \
                names the statute's limit beside the policy's.
                """,
            wrong: "procedures:\n  childrens:\n    implements: children-statutory\n    stages:\n      - id: stage-1\n        respond: { within: 20 working days, source: policy }",
            right: "procedures:\n  childrens:\n    implements: children-statutory\n    stages:\n      - id: stage-1\n        respond: { within: 10 working days, extendable_to: 20 working days, source: policy }"),
        DiagnosticEntry(
            .policyStatutoryExclusionRepresentative, .error, "statutory complaints excluded by who made them",
            explanation: """
                The social care regulations let complaints be made on someone's behalf (by a parent, carer, advocate \
                or MP). A rule that excludes social care complaints by `made_by` would refuse complaints the statute \
                requires the council to hear.
                """,
            wrong: "- { id: third-party, when: { service: adult-social-care, made_by: [representative] }, exclude: { reason: x } }",
            right: "# no such rule: complaints made on someone's behalf are heard"),
        DiagnosticEntry(
            .policyStatutoryExclusionUncited, .error, "statutory complaints excluded with no citation",
            explanation: """
                A rule can exclude complaints that a statutory procedure must hear. The regulations do allow some \
                exclusions (for example matters already in court), so the rule must cite its basis with `source:` or \
                say why with `assumed:`.
                """,
            wrong: "- { id: court, when: { categories: [legal-remedy] }, exclude: { reason: in court } }",
            right: "- { id: court, when: { categories: [legal-remedy] }, exclude: { reason: in court }, source: \"regulations: reg 8(1)\" }"),
        DiagnosticEntry(
            .policyStatutoryMisroute, .error, "statutory complaints can be sent to another procedure",
            explanation: """
                A routing rule can send complaints about a statutory service (say `childrens-social-care`) to a \
                procedure other than the one `statutory_routes` names, usually because a broad rule comes before the \
                statutory one. Put the statutory rule first, or narrow the broad rule.
                """,
            wrong: "routing:\n  - { id: complex, when: { categories: [complex] }, procedure: corporate, stage: stage-2 }\n  - { id: childrens, when: { service: childrens-social-care }, procedure: children-statutory }",
            right: "routing:\n  - { id: childrens, when: { service: childrens-social-care }, procedure: children-statutory }\n  - { id: complex, when: { categories: [complex] }, procedure: corporate, stage: stage-2 }"),
        DiagnosticEntry(
            .policyStatutoryRouteMissing, .error, "a statutory procedure is used but not named in `statutory_routes`",
            explanation: """
                A routing rule sends a service's complaints to a statutory procedure, but `statutory_routes` does not \
                list that service, so `check` cannot hold the rest of routing to it.
                """,
            wrong: "statutory_routes:\n  childrens-social-care: children-statutory\nrouting:\n  - { id: adults, when: { service: adult-social-care }, procedure: adults-statutory }",
            right: "statutory_routes:\n  childrens-social-care: children-statutory\n  adult-social-care: adults-statutory"),
        DiagnosticEntry(
            .policyStatutoryRoutesEmpty, .error, "`statutory_routes` names no service",
            explanation: """
                Either map each statutory service to its procedure, or say there is none and why (a district council \
                has no social services): `statutory_routes: { none: "reason" }`.
                """,
            wrong: "statutory_routes: {}",
            right: "statutory_routes:\n  none: \"a district council: social care is the county's\""),
        DiagnosticEntry(
            .policyStatutoryRoutesMissing, .error, "the policy does not say which services are statutory",
            explanation: """
                Every policy states `statutory_routes`, so `check` can prove that children's and adults' social care \
                complaints reach their statutory procedures (or record that the council has none).
                """,
            wrong: "imports: [statutory/children-england]\nprocedures: { … }",
            right: "imports: [statutory/children-england]\nstatutory_routes:\n  childrens-social-care: children-statutory"),
        DiagnosticEntry(
            .policyStatutoryRoutesNoneRouted, .error, "`statutory_routes: none` but a rule routes to a statutory procedure",
            explanation: "The policy says no complaint is under a social care statute, yet one of its rules sends complaints to one.",
            wrong: "statutory_routes: { none: \"district council\" }\nrouting:\n  - { id: adults, when: { service: adult-social-care }, procedure: adults-statutory }",
            right: "statutory_routes:\n  adult-social-care: adults-statutory"),
        DiagnosticEntry(
            .policyStatutoryStage, .error, "a statutory procedure given a stage the statute does not have",
            explanation: """
                A council's version of a statutory procedure keeps the statute's stages; it may not add one (which \
                would lengthen the road to the Ombudsman). The help line suggests the statute's stage of that name.
                """,
            wrong: "implements: children-statutory\nstages:\n  - id: stage-1\n  - id: internal-review",
            right: "implements: children-statutory\nstages:\n  - id: stage-1\n  - id: stage-2\n  - id: stage-3"),
        DiagnosticEntry(
            .policyStatutoryStageMissing, .error, "a statutory procedure missing one of the statute's stages",
            explanation: "A council may not remove a statutory stage (for example Stage 3, the children's review panel).",
            wrong: "implements: children-statutory\nstages:\n  - id: stage-1\n  - id: stage-2",
            right: "implements: children-statutory\nstages:\n  - id: stage-1\n  - id: stage-2\n  - id: stage-3"),
        DiagnosticEntry(
            .policyUnknownService, .error, "`statutory_routes` names a service that is not in the vocabulary",
            explanation: "Services are the library vocabulary's; the help line suggests the closest.",
            wrong: "statutory_routes:\n  adult-social-services: adults-statutory",
            right: "statutory_routes:\n  adult-social-care: adults-statutory"),
    ]
}
