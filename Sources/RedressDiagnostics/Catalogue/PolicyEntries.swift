extension DiagnosticCatalogue {
    static let policyEntries: [DiagnosticEntry] = [
        DiagnosticEntry(
            .policyAssumption, .note, "a value the policy assumes rather than cites",
            explanation: """
                Listed by `redress check --assumptions`: every `assumed:` in the policy, wherever it stands (version, \
                stages, timescales, routing rules, exclusions, retention, behaviour), with its reason, so the officer \
                can confirm each with the service before the policy goes to Cabinet.
                """,
            wrong: "keep: 2 years\nassumed: \"the table lists no period for suggestions\"",
            right: "keep: 2 years\nsource: \"policy: Record retention (Suggestion: 2 years)\""),
        DiagnosticEntry(
            .policyDuplicateId, .error, "an id used twice",
            explanation: """
                Routing rules (and ombudsmen in the vocabulary) are named by id in decisions, records and reports, so \
                each id names one thing.
                """,
            wrong: "routing:\n  - { id: schools, when: { service: schools }, exclude: { reason: x } }\n  - { id: schools, procedure: corporate }",
            right: "routing:\n  - { id: schools, when: { service: schools }, exclude: { reason: x } }\n  - { id: everything-else, procedure: corporate }"),
        DiagnosticEntry(
            .policyDuplicateProcedure, .error, "an imported procedure clashes with one already defined",
            explanation: """
                A procedure id may be defined once: in the policy or in one imported fragment. Two definitions would \
                make it unclear which stages apply.
                """,
            wrong: "imports: [statutory/children-england]\nprocedures:\n  children-statutory: { stages: [ … ] }",
            right: "imports: [statutory/children-england]\nprocedures:\n  corporate: { stages: [ … ] }"),
        DiagnosticEntry(
            .policyEmpty, .error, "an imported fragment is empty",
            explanation: "A statutory fragment (or other import) must define at least one procedure.",
            wrong: "# statutory/children-england.yaml with nothing in it",
            right: "redress-fragment: 1\nprocedures:\n  children-statutory: { … }"),
        DiagnosticEntry(
            .policyEmptyPhrase, .error, "an empty phrase in `mentions`",
            explanation: "An empty phrase is found in every complaint's text, so the rule would match everything.",
            wrong: "when: { mentions: [pcn, \"\"] }",
            right: "when: { mentions: [pcn] }"),
        DiagnosticEntry(
            .policyEmptyRouting, .error, "`routing` has no rules",
            explanation: "With no routing rules no complaint can be decided. End the list with a catch-all rule.",
            wrong: "routing: []",
            right: "routing:\n  - { id: everything-else, procedure: corporate }"),
        DiagnosticEntry(
            .policyExtensionBelowBase, .error, "`extendable_to` is less than `within`",
            explanation: "An extension cannot make the deadline earlier than the timescale it extends.",
            wrong: "respond: { within: 20 working days, extendable_to: 10 working days, source: policy }",
            right: "respond: { within: 10 working days, extendable_to: 20 working days, source: policy }"),
        DiagnosticEntry(
            .policyFeedbackUnhandled, .warning, "a rule records feedback the policy says nothing about",
            explanation: """
                A routing rule records a kind of feedback (`compliment`, `comment`, …) that has no entry under \
                `feedback:`, so nobody is named to handle it.
                """,
            wrong: "routing:\n  - { id: comments, when: { type: comment }, feedback: comment }\nfeedback: {}",
            right: "feedback:\n  comment: { handler: relevant service team }"),
        DiagnosticEntry(
            .policyImportCycle, .error, "fragments import each other in a circle",
            explanation: "Fragment A imports B which imports A: the chain is shown so one import can be removed.",
            wrong: "# a.yaml\nimports: [b]\n# b.yaml\nimports: [a]",
            right: "# a.yaml\nimports: [b]\n# b.yaml (no imports)"),
        DiagnosticEntry(
            .policyInvalidDuration, .error, "a duration Redress cannot read",
            explanation: """
                Durations are a whole number and a unit: `10 working days`, `20 calendar days`, `6 months`, \
                `2 years`. The help line suggests the nearest valid form.
                """,
            wrong: "within: ten working days",
            right: "within: 10 working days"),
        DiagnosticEntry(
            .policyMixedCouncils, .error, "a council folder holds another council's policy",
            explanation: "Each folder under `councils/` holds the versions of one council; every file's `council.id` must agree.",
            wrong: "# councils/derby/2019.yaml\ncouncil: { id: north-somerset, … }",
            right: "# councils/derby/2019.yaml\ncouncil: { id: derby, … }"),
        DiagnosticEntry(
            .policyNoCatchAll, .error, "routing does not end with a catch-all rule",
            explanation: """
                Routing takes the first rule that matches. Without a last rule that matches everything, some \
                complaints would get no decision; Redress will not silently drop them.
                """,
            wrong: "routing:\n  - { id: schools, when: { service: schools }, exclude: { reason: x } }",
            right: "routing:\n  - { id: schools, when: { service: schools }, exclude: { reason: x } }\n  - { id: everything-else, procedure: corporate }"),
        DiagnosticEntry(
            .policyNoResponseTimescale, .error, "a stage with no response timescale",
            explanation: "Every stage says how long the council has to respond, so every case gets a deadline.",
            wrong: "- id: stage-1\n  name: Stage 1",
            right: "- id: stage-1\n  name: Stage 1\n  respond: { within: 10 working days, source: policy }"),
        DiagnosticEntry(
            .policyNoRetention, .error, "no retention rule covers some records",
            explanation: """
                Every record a policy makes (each procedure's complaints, each kind of feedback) needs a retention \
                rule, so the date it may be destroyed is always known.
                """,
            wrong: "retention:\n  - { id: corporate, when: { procedure: corporate }, keep: 2 years, from: closure, source: policy }",
            right: "retention:\n  - { id: corporate, when: { procedure: corporate }, keep: 2 years, from: closure, source: policy }\n  - { id: comments, when: { type: comment }, keep: 2 years, from: closure, source: policy }"),
        DiagnosticEntry(
            .policyNoStages, .error, "a procedure with no stages",
            explanation: "A procedure is a sequence of stages; one without stages cannot date a case.",
            wrong: "procedures:\n  corporate: { name: Corporate }",
            right: "procedures:\n  corporate:\n    stages:\n      - { id: stage-1, respond: { within: 10 working days, source: policy } }"),
        DiagnosticEntry(
            .policyNoVocabulary, .error, "the policy library has no vocabulary file",
            explanation: """
                A library holds `vocabulary.yaml` (the services, channels and categories policies may name) beside \
                `councils/`, `statutory/` and `calendars/`. Point `--library` at such a folder.
                """,
            wrong: "$ redress check --library ~/Documents my-policy.yaml",
            right: "$ redress check --library policies my-policy.yaml"),
        DiagnosticEntry(
            .policyOptionalStage, .error, "the only stage of a procedure is optional",
            explanation: "A procedure with one stage cannot skip it.",
            wrong: "stages:\n  - { id: stage-1, optional: true, respond: { … } }",
            right: "stages:\n  - { id: stage-1, respond: { … } }"),
        DiagnosticEntry(
            .policyOverlappingVersions, .error, "two versions in force on the same day",
            explanation: """
                Versions of a council's policy follow one another: a version with no `effective_to` is in force until \
                the next begins, so the earlier one needs an `effective_to` the day before.
                """,
            wrong: "version: { id: \"2019\", effective_from: 2019-04-01 }\n# and another file\nversion: { id: \"2018\", effective_from: 2018-04-01 }   # no end",
            right: "version: { id: \"2018\", effective_from: 2018-04-01, effective_to: 2019-03-31 }"),
        DiagnosticEntry(
            .policyReservedFlag, .error, "a rule's own flag spells one of the flags Redress sets",
            explanation: """
                A rule's `flags:` are added to every decision it makes. A word Redress sets itself (`overdue`, \
                `out-of-time`, `skipped:STAGE`, … — `redress explain --flags` lists them) would then mean two \
                things in the same output, and a reader or a report could not tell which.
                """,
            wrong: "flags: [out-of-time]", right: "flags: [late-by-policy]"),
        DiagnosticEntry(
            .policyReferBack, .error, "a stage refers back to a stage that is not before it",
            explanation: "`refer_back_to` names an earlier stage of the same procedure (Stage 2 may send a case back to Stage 1).",
            wrong: "- id: stage-1\n  refer_back_to: stage-2",
            right: "- id: stage-2\n  refer_back_to: stage-1"),
        DiagnosticEntry(
            .policyRetentionOverlap, .warning, "two retention rules cover the same records",
            explanation: """
                When two rules both apply, Redress keeps the record for the longer period (the reading that cannot \
                lose a record) and says so; narrow one rule if that is not what the policy means.
                """,
            wrong: "- { id: all, when: { type: complaint }, keep: 2 years, … }\n- { id: adults, when: { procedure: adults-statutory }, keep: 6 years, … }",
            right: "- { id: corporate, when: { type: complaint, procedure: corporate }, keep: 2 years, … }\n- { id: adults, when: { procedure: adults-statutory }, keep: 6 years, … }"),
        DiagnosticEntry(
            .policyRuleOutcome, .error, "a routing rule with no outcome, or more than one",
            explanation: "Each routing rule does exactly one thing: `procedure`, `exclude` or `feedback`.",
            wrong: "- { id: schools, when: { service: schools } }",
            right: "- { id: schools, when: { service: schools }, exclude: { reason: schools have their own procedure } }"),
        DiagnosticEntry(
            .policySignal, .error, "a behaviour signal that is not exactly one kind",
            explanation: """
                A behaviour criterion's `signal` names one kind of evidence: `contacts`, `parallel_complaints`, \
                `repeat_complaints` or `review_after_exhausted`.
                """,
            wrong: "signal: { contacts: { at_least: 10, within: 30 calendar days }, repeat_complaints: { at_least: 2, within: 6 months } }",
            right: "signal: { contacts: { at_least: 10, within: 30 calendar days } }"),
        DiagnosticEntry(
            .policySourceAndAssumed, .error, "a value both cited and assumed",
            explanation: "A number either comes from a source or is assumed with a reason; not both.",
            wrong: "within: 10 working days\nsource: policy\nassumed: \"not stated\"",
            right: "within: 10 working days\nsource: policy"),
        DiagnosticEntry(
            .policyStageWithoutProcedure, .error, "a routing rule names a stage but no procedure",
            explanation: "`stage:` says where in a procedure a complaint starts (e.g. straight to Stage 2), so it needs `procedure:`.",
            wrong: "- { id: complex, when: { categories: [complex] }, stage: stage-2 }",
            right: "- { id: complex, when: { categories: [complex] }, procedure: corporate, stage: stage-2 }"),
        DiagnosticEntry(
            .policyUncitedNumber, .warning, "a number with no `source:` or `assumed:`",
            explanation: """
                Every number in a policy (days, periods, thresholds) cites where it comes from, or says it is assumed \
                and why, so a reviewer can check it against the council's document.
                """,
            wrong: "respond: { within: 10 working days }",
            right: "respond: { within: 10 working days, source: \"policy: Stage 1\" }"),
        DiagnosticEntry(
            .policyUnknownAnchor, .error, "a timescale runs from something Redress does not know",
            explanation: "`from:` names the event a timescale counts from: `receipt`, `acknowledgement`, `escalation`, and the others the help line lists.",
            wrong: "respond: { within: 17 working days, from: escalated, source: policy }",
            right: "respond: { within: 17 working days, from: escalation, source: policy }"),
        DiagnosticEntry(
            .policyUnknownImport, .error, "an import that cannot be found",
            explanation: "Imports name files in the policy library without `.yaml`, like `statutory/children-england`.",
            wrong: "imports: [statutory/children]",
            right: "imports: [statutory/children-england]"),
        DiagnosticEntry(
            .policyUnknownProcedure, .error, "a procedure id that is not defined",
            explanation: """
                A routing rule, retention rule, `statutory_routes` entry or `implements:` names a procedure the \
                policy neither defines nor imports.
                """,
            wrong: "- { id: everything-else, procedure: coporate }",
            right: "- { id: everything-else, procedure: corporate }"),
        DiagnosticEntry(
            .policyUnknownSource, .error, "a citation names a source not declared",
            explanation: "`source: policy: Stage 1` cites the source `policy`, which must be declared under `sources:`.",
            wrong: "sources: { policy: \"Complaints policy 2021\" }\n…\nsource: \"polcy: Stage 1\"",
            right: "source: \"policy: Stage 1\""),
        DiagnosticEntry(
            .policyUnknownStage, .error, "a stage id the procedure does not have",
            explanation: "A routing rule's `stage:` (or a retention rule's `closed_at`) names a stage of the procedure.",
            wrong: "- { id: complex, procedure: corporate, stage: stage-3 }",
            right: "- { id: complex, procedure: corporate, stage: stage-2 }"),
        DiagnosticEntry(
            .policyUnknownValue, .error, "a value not in the vocabulary",
            explanation: """
                Services, channels, categories, nations and similar values come from the library's `vocabulary.yaml`, \
                so a typing slip cannot make a rule that never matches. The help line suggests the closest value.
                """,
            wrong: "when: { service: highway }",
            right: "when: { service: highways }"),
        DiagnosticEntry(
            .policyUnreachableRule, .warning, "a routing rule that can never match",
            explanation: """
                Routing takes the first rule that matches; an earlier rule (or rules) matches every complaint this one \
                would, so it never decides anything. Move it above them, or narrow them.
                """,
            wrong: "- { id: everything-else, procedure: corporate }\n- { id: schools, when: { service: schools }, exclude: { reason: x } }",
            right: "- { id: schools, when: { service: schools }, exclude: { reason: x } }\n- { id: everything-else, procedure: corporate }"),
        DiagnosticEntry(
            .policyUnreadable, .error, "the policy file cannot be read",
            explanation: "The file does not exist, is a folder, or is not readable by the user running Redress.",
            wrong: "$ redress check policies/councils/north-somerset/2021.yaml",
            right: "$ redress check policies/councils/north-somerset/2021-01.yaml"),
        DiagnosticEntry(
            .policyVersionDates, .error, "a version ends before it begins",
            explanation: "`effective_to` is the last day a version is in force, on or after `effective_from`.",
            wrong: "version: { id: \"2021\", effective_from: 2021-04-01, effective_to: 2021-03-31 }",
            right: "version: { id: \"2021\", effective_from: 2021-04-01, effective_to: 2022-03-31 }"),
        DiagnosticEntry(
            .policyVersionGap, .warning, "days on which no version is in force",
            explanation: """
                Between one version's `effective_to` and the next version's `effective_from` there are days no \
                version covers; complaints received then cannot be judged (Redress says so for each one).
                """,
            wrong: "version: { id: \"2018\", effective_from: 2018-04-01, effective_to: 2019-03-01 }\n# next: effective_from: 2019-04-01",
            right: "version: { id: \"2018\", effective_from: 2018-04-01, effective_to: 2019-03-31 }"),
        DiagnosticEntry(
            .policyVocabularyComplaint, .error, "the vocabulary's feedback types lack `complaint`",
            explanation: "`feedback_types` in `vocabulary.yaml` must include `complaint`, the type every procedure handles.",
            wrong: "feedback_types: [compliment, comment]",
            right: "feedback_types: [complaint, compliment, comment]"),
    ]
}
