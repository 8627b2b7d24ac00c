import RedressDiagnostics

/// What each command's help and the manual page say besides its options: what it does, examples
/// that run from the repository root as written, and its exit statuses. One place, so `--help`,
/// docs/redress.1 and the tests (which run every example and check every status) agree.
struct CommandHelp: Sendable {
    struct Example: Sendable {
        var command: String
        var what: String
    }

    struct Exit: Sendable {
        var status: Int32
        var when: String
    }

    var about: String
    var examples: [Example]
    var exits: [Exit]

    /// The `discussion` argument-parser shows under the usage line, and the manual page's body.
    /// Wrapped here within 60 columns, so neither a terminal's wrapping nor the manual page's
    /// (indented under its command) breaks an example or an indent.
    var discussion: String {
        var lines = about.isEmpty ? [] : Self.wrap(about, width: 60) + [""]
        lines.append("Examples:")
        for example in examples {
            for (index, part) in Self.wrap(example.command, width: 54).enumerated() {
                lines.append((index == 0 ? "  $ " : "      ") + part)
            }
            lines += Self.wrap(example.what, width: 54).map { "      " + $0 }
        }
        lines += ["", "Exit status:"]
        for exit in exits {
            for (index, part) in Self.wrap(exit.when, width: 55).enumerated() {
                lines.append((index == 0 ? "  \(exit.status)  " : "     ") + part)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Words into lines of at most `width` characters.
    static func wrap(_ text: String, width: Int) -> [String] { WordWrap.lines(text, width: width) }

    /// The statuses every batch command shares.
    static func batchExits(_ decided: String) -> [Exit] {
        [
            Exit(status: 0, when: decided),
            Exit(status: ExitStatus.invalid, when: "the policy is invalid, or some records failed (each is an error record in the output, in its place)"),
            Exit(
                status: ExitStatus.couldNotRun,
                when: "could not run: bad arguments, a policy or input file that cannot be read, a CSV header that cannot be used, output that cannot be written (an existing output file is left as it was)"),
        ]
    }
}

extension CommandHelp {
    static let classify = CommandHelp(
        about: """
            Reads one complaint per JSON Lines record or CSV row and writes one decision per complaint, in input \
            order. A bad record becomes an error record (line, id, message) and never stops the batch.
            """,
        examples: [
            Example(command: "redress classify --policy policies/councils/north-somerset examples/complaints.jsonl", what: "decide each complaint as JSON Lines"),
            Example(command: "redress classify --policy policies/councils/north-somerset --format table --explain examples/complaints.jsonl", what: "a table, with the rules each complaint passed over"),
        ],
        exits: batchExits("every complaint decided"))

    static let schedule = CommandHelp(
        about: """
            Each input record is a complaint plus `events` (a list of {on, event, stage?, days?}). Status: open, \
            due-soon, overdue, closed or delete-due. A history that makes no sense is an error record, never a \
            guessed date.
            """,
        examples: [
            Example(command: "redress schedule --policy policies/councils/north-somerset --as-of 2025-01-31 examples/complaints.jsonl", what: "each case's deadlines and status on 31 January 2025"),
            Example(command: "redress schedule --policy policies/councils/north-somerset --as-of 2025-01-31 --overdue examples/complaints.jsonl", what: "only the cases overdue on that day"),
        ],
        exits: batchExits("every case scheduled"))

    static let behaviour = CommandHelp(
        about: """
            Input: one contact per record: complainant, on, kind (contact, complaint, review-request, parallel, \
            staff-flag, restriction), and channel, case, service, categories, route, procedure_exhausted, \
            criterion, officer, decided_by, criteria, restriction as the kind needs. Output: per complainant, the \
            criteria that may be met with the contacts that show it, and restrictions with their review dates. \
            Advice only: Redress never restricts anyone.
            """,
        examples: [
            Example(command: "redress behaviour --policy policies/councils/north-somerset examples/contacts.jsonl", what: "findings for each complainant in the contact log")
        ],
        exits: batchExits("every complainant's contacts evaluated"))

    static let check = CommandHelp(
        about: "Diagnostics read like a compiler's, each with its id in brackets: `redress explain ID` says more.",
        examples: [
            Example(command: "redress check policies/councils/north-somerset", what: "a council's versions, and each against the others"),
            Example(command: "redress check --assumptions policies/councils/dacorum/2022-12.yaml", what: "also list every value marked `assumed:`"),
            Example(command: "redress check --code lgsco-2024 policies/councils/warwickshire/2024-02.yaml", what: "compare with the LGSCO Complaint Handling Code, point by point"),
        ],
        exits: [
            Exit(status: 0, when: "no errors (warnings and notes allowed), and with --code no point looser than the code"),
            Exit(status: ExitStatus.invalid, when: "a policy has errors, or with --code a point is looser than the code"),
            Exit(status: ExitStatus.couldNotRun, when: "a file cannot be read, or an unknown --code"),
        ])

    static let test = CommandHelp(
        about: "Test files are described in docs/policy-tests.md.",
        examples: [
            Example(command: "redress test", what: "every test file in the library's tests/ folder"),
            Example(command: "redress test --coverage policies/tests/north-somerset.yaml", what: "one file, and what no test exercises"),
        ],
        exits: [
            Exit(status: 0, when: "every case passes (and with --fail-under, coverage is at least N)"),
            Exit(status: ExitStatus.invalid, when: "a case fails, a test or policy file is invalid, or coverage is below --fail-under"),
            Exit(status: ExitStatus.couldNotRun, when: "nothing can run: no test files, or a file cannot be read"),
        ])

    static let diff = CommandHelp(
        about: "Every changed value with both lines, then the classes of complaint routed or dated differently.",
        examples: [
            Example(command: "redress diff policies/councils/derby/2014.yaml policies/councils/derby/2019.yaml", what: "what changed between Derby's 2014 and 2019 policies"),
            Example(command: "redress diff policies/councils/derby/2014.yaml policies/councils/derby/2019.yaml --complaints examples/complaints.jsonl", what: "also how many of these complaints would be decided differently"),
        ],
        exits: [
            Exit(status: 0, when: "compared (whether or not anything changed)"),
            Exit(status: ExitStatus.invalid, when: "a version is invalid"),
            Exit(status: ExitStatus.couldNotRun, when: "a file cannot be read"),
        ])

    static let diagram = CommandHelp(
        about: "Mermaid renders on common code hosting sites; DOT renders with Graphviz (`dot -Tsvg`).",
        examples: [
            Example(command: "redress diagram policies/councils/north-somerset", what: "the latest version as Mermaid"),
            Example(command: "redress diagram --format text policies/councils/derby --version 2019", what: "Derby's 2019 process as numbered steps"),
        ],
        exits: [
            Exit(status: 0, when: "drawn"),
            Exit(status: ExitStatus.invalid, when: "the policy is invalid"),
            Exit(status: ExitStatus.couldNotRun, when: "a file cannot be read, or no such version"),
        ])

    static let calendar = CommandHelp(
        about: "The working-day calendars in the library's calendars/ folder.",
        examples: [
            Example(command: "redress calendar add 2024-12-20 10", what: "10 working days after Friday 20 December 2024 (England and Wales)"),
            Example(command: "redress calendar between 2025-03-14 2025-03-24 --region northern-ireland", what: "working days between two dates in Northern Ireland"),
            Example(command: "redress calendar holidays --year 2025 --region scotland", what: "Scotland's bank holidays in 2025"),
        ],
        exits: [
            Exit(status: 0, when: "answered"),
            Exit(status: ExitStatus.invalid, when: "with --dates, a line that is not `DATE N` (each is reported with its line number)"),
            Exit(status: ExitStatus.couldNotRun, when: "an unknown region, a date outside the calendar, or a file that cannot be read"),
        ])

    static let report = CommandHelp(
        about: "Reads case histories (the `schedule` input); docs/report.md describes each section.",
        examples: [
            Example(command: "redress report --policy policies/councils/north-somerset --from 2024-04-01 --to 2025-03-31 examples/complaints.jsonl", what: "the year's report as text"),
            Example(command: "redress report --policy policies/councils/north-somerset --from 2024-04-01 --to 2025-03-31 --years 2 --format html examples/complaints.jsonl", what: "beside the year before, as a page that prints on A4"),
            Example(command: "redress report --policy policies/councils/north-somerset --from 2024-04-01 --to 2025-03-31 --format csv examples/complaints.jsonl", what: "every figure as one long CSV table for a spreadsheet"),
        ],
        exits: [
            Exit(status: 0, when: "report written"),
            Exit(status: ExitStatus.invalid, when: "the policy is invalid, or some records failed (counted in the report)"),
            Exit(status: ExitStatus.couldNotRun, when: "could not run: bad arguments or dates, a file that cannot be read"),
        ])

    static let explain = CommandHelp(
        about: "Every diagnostic Redress prints ends with its id in brackets; docs/diagnostics.md lists them all.",
        examples: [
            Example(command: "redress explain policy.no-catch-all", what: "what the diagnostic means, with an example put right"),
            Example(command: "redress explain --list", what: "every id with its one-line summary"),
        ],
        exits: [
            Exit(status: 0, when: "explained"),
            Exit(status: ExitStatus.couldNotRun, when: "the id is unknown (the nearest is suggested)"),
        ])
}
