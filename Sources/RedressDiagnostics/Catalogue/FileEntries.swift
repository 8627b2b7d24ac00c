extension DiagnosticCatalogue {
    /// The other files an officer writes: policy tests, CRM field maps, calendars, codes.
    static let fileEntries: [DiagnosticEntry] = [
        DiagnosticEntry(
            .testsEmpty, .error, "the test file is empty",
            explanation: "A policy test file (`redress test`) starts with `redress-tests: 1` and lists `cases:`.",
            wrong: "# policies/tests/derby.yaml with nothing in it",
            right: "redress-tests: 1\npolicy: ../councils/derby\ncases:\n  - name: Stage 1 in 10 working days\n    complaint: { received: 2025-01-06, service: waste }\n    expect: { respond_by: 2025-01-20 }"),
        DiagnosticEntry(
            .testsNoAsOf, .error, "a case history test without `as_of`",
            explanation: "A `case:` is judged on a day: `as_of:` says which, so the expected deadlines and flags are fixed.",
            wrong: "- name: Stage 2 late\n  case: { received: 2025-01-06, service: highways, events: [ … ] }\n  expect: { … }",
            right: "- name: Stage 2 late\n  case: { received: 2025-01-06, service: highways, events: [ … ] }\n  as_of: 2025-02-10\n  expect: { … }"),
        DiagnosticEntry(
            .testsNoInput, .error, "a test case with nothing to test",
            explanation: "Each case gives a `complaint:` (to classify) or a `case:` (a history to schedule).",
            wrong: "- name: waste complaints\n  expect: { procedure: corporate }",
            right: "- name: waste complaints\n  complaint: { received: 2025-01-06, service: waste }\n  expect: { procedure: corporate }"),
        DiagnosticEntry(
            .testsUnreadable, .error, "the test file cannot be read",
            explanation: "The file does not exist, is a folder, or is not readable by the user running Redress.",
            wrong: "$ redress test policies/tests/derbyshire.yaml",
            right: "$ redress test policies/tests/derby.yaml"),
        DiagnosticEntry(
            .mapColumnOrValue, .error, "a map field with both or neither of `column` and `value`",
            explanation: "Each mapped field comes from a CRM column, or is one fixed value for every row; not both.",
            wrong: "type: { column: Case Type, value: complaint }",
            right: "type: { value: complaint }"),
        DiagnosticEntry(
            .mapDuplicateValue, .error, "two CRM values that are the same",
            explanation: """
                CRM values are matched without regard to case or spaces, so `Web form` and `web form ` are one value; \
                mapping both would leave it unclear which Redress value applies.
                """,
            wrong: "values: { Web form: web, web form: email }",
            right: "values: { Web form: web }"),
        DiagnosticEntry(
            .mapEmpty, .error, "the map file is empty",
            explanation: "A field map (`--map`) starts with `redress-map: 1` and says where each input field comes from.",
            wrong: "# crm-map.yaml with nothing in it",
            right: "redress-map: 1\nfields:\n  id: Case Ref\n  received: { column: Date Received, date: dd/MM/yyyy }"),
        DiagnosticEntry(
            .mapMissingField, .error, "the map does not say where `id` or `received` come from",
            explanation: "Every complaint needs an id and the date it was received; the map must name their columns.",
            wrong: "fields:\n  service: Service Area",
            right: "fields:\n  id: Case Ref\n  received: Date Received\n  service: Service Area"),
        DiagnosticEntry(
            .mapUnknownField, .error, "a map field that is not in the input contract",
            explanation: "Map keys are the input contract's fields (`id`, `received`, `service`, `channel`, `made_by`, `text`, …); the help line suggests the closest.",
            wrong: "fields:\n  recieved: Date Received",
            right: "fields:\n  received: Date Received"),
        DiagnosticEntry(
            .mapUnknownValue, .error, "a mapped value that is not one of the field's values",
            explanation: "A CRM value must map to one of the field's values in the vocabulary; the help line lists them.",
            wrong: "values: { Web form: website }",
            right: "values: { Web form: web }"),
        DiagnosticEntry(
            .mapUnreadable, .error, "the map file cannot be read",
            explanation: "The file does not exist, is a folder, or is not readable by the user running Redress.",
            wrong: "$ redress classify --map crm.yaml complaints.csv",
            right: "$ redress classify --map crm-map.yaml complaints.csv"),
        DiagnosticEntry(
            .calendarDuplicateDay, .error, "a bank holiday listed twice",
            explanation: "Each day appears once in a calendar; the second is probably a typing slip for another day.",
            wrong: "- { date: 2025-12-25, name: Christmas Day }\n- { date: 2025-12-25, name: Boxing Day }",
            right: "- { date: 2025-12-25, name: Christmas Day }\n- { date: 2025-12-26, name: Boxing Day }"),
        DiagnosticEntry(
            .calendarEmpty, .error, "the calendar file is empty",
            explanation: "A calendar starts with `redress-calendar: 1` and names its region, the years it covers and its holidays.",
            wrong: "# calendars/england-and-wales.yaml with nothing in it",
            right: "redress-calendar: 1\nregion: england-and-wales\ncovers: { from: 2000-01-01, to: 2040-12-31 }\nholidays: [ … ]"),
        DiagnosticEntry(
            .calendarOutsideCovers, .error, "a holiday outside the years the calendar covers",
            explanation: "`covers` states which days the calendar is complete for; every holiday falls inside it.",
            wrong: "covers: { from: 2000-01-01, to: 2040-12-31 }\nholidays:\n  - { date: 2041-01-01, name: New Year's Day }",
            right: "covers: { from: 2000-01-01, to: 2041-12-31 }"),
        DiagnosticEntry(
            .calendarProjectedMismatch, .error, "a holiday's `projected` mark disagrees with `announced_to`",
            explanation: """
                Holidays after `announced_to` are projected by rule (not yet proclaimed) and say `projected: true`; \
                holidays on or before it do not. Redress flags deadlines that rest on a projected day.
                """,
            wrong: "announced_to: 2027-12-31\nholidays:\n  - { date: 2028-01-03, name: New Year's Day (substitute day) }",
            right: "announced_to: 2027-12-31\nholidays:\n  - { date: 2028-01-03, name: New Year's Day (substitute day), projected: true }"),
        DiagnosticEntry(
            .calendarUnknownRegion, .error, "no calendar for the region",
            explanation: "`calendar.region` names a calendar in the library's `calendars/` folder; the help line lists them.",
            wrong: "calendar: { region: england }",
            right: "calendar: { region: england-and-wales }"),
        DiagnosticEntry(
            .codeUnreadable, .error, "the code file cannot be read",
            explanation: "A complaint handling code (`codes/…`, used by `check --code`) does not exist or is not readable.",
            wrong: "$ redress check --code lgsco policies/councils/derby",
            right: "$ redress check --code lgsco-2024 policies/councils/derby"),
        DiagnosticEntry(
            .letterUnreadable, .error, "the ombudsman letter file cannot be read",
            explanation: "The file given to `report --ombudsman-letter` (the figures of the ombudsman's annual review letter) does not exist or is not readable.",
            wrong: "$ redress report … --ombudsman-letter letter.yml",
            right: "$ redress report … --ombudsman-letter lgsco-2024-25.yaml"),
        DiagnosticEntry(
            .letterInconsistent, .error, "the ombudsman letter's figures do not add up",
            explanation: """
                The figures of an ombudsman's annual review letter are parts of one another: upheld and not upheld \
                complaints are among those decided, and recommendations complied with are among those made. A part \
                larger than its whole is a typing mistake; the report would print a share over 100%.
                """,
            wrong: "decided: 10\nupheld: 12",
            right: "decided: 12\nupheld: 10"),
        DiagnosticEntry(
            .engineNoPolicy, .error, "no policy to load",
            explanation: """
                The path given with `--policy` (or as a folder of versions) holds no policy file. Give a policy file \
                or a council folder of versions.
                """,
            wrong: "$ redress classify --policy policies/councils/derbyy complaints.jsonl",
            right: "$ redress classify --policy policies/councils/derby complaints.jsonl"),
    ]

    /// The service's own files.
    static let serviceEntries: [DiagnosticEntry] = [
        DiagnosticEntry(
            .keysDuplicateName, .error, "two keys with the same name",
            explanation: "Key names appear in decision records and logs as the caller, so each names one key.",
            wrong: "keys:\n  - { name: crm, sha256: 3f…, roles: [decide], councils: [derby] }\n  - { name: crm, sha256: 9a…, roles: [read], councils: [derby] }",
            right: "keys:\n  - { name: crm, sha256: 3f…, roles: [decide], councils: [derby] }\n  - { name: crm-reports, sha256: 9a…, roles: [read], councils: [derby] }"),
        DiagnosticEntry(
            .keysFormat, .error, "not a keys file this version reads",
            explanation: "The keys file starts with `redress-keys: 1`. Make it with `redress-server keys add`.",
            wrong: "redress-keys: 2",
            right: "redress-keys: 1"),
        DiagnosticEntry(
            .keysHash, .error, "a key hash that is not SHA-256 hex",
            explanation: """
                Only the SHA-256 of each API key is stored, as 64 lowercase hex digits. A key pasted in clear (or a \
                truncated hash) is refused, so no key is ever stored in the file.
                """,
            wrong: "- { name: crm, sha256: rdk_3f9a…, roles: [decide], councils: [derby] }",
            right: "- { name: crm, sha256: 6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b, roles: [decide], councils: [derby] }"),
        DiagnosticEntry(
            .keysName, .error, "a key name with characters it may not have",
            explanation: "Names are what logs and records show: letters, digits and `. - _ @`, at most 100.",
            wrong: "- { name: \"CRM (live)\", … }",
            right: "- { name: crm-live, … }"),
        DiagnosticEntry(
            .keysRole, .error, "an unknown role",
            explanation: "Roles are `read`, `decide`, `draft` and `admin` (docs/security.md says what each may call).",
            wrong: "roles: [classify]",
            right: "roles: [decide]"),
        DiagnosticEntry(
            .keysSecret, .error, "a key with no secret, or two",
            explanation: "Each entry is an API key (`sha256:`) or a TLS client certificate (`certificate_subject:`), not both.",
            wrong: "- { name: crm, roles: [decide], councils: [derby] }",
            right: "- { name: crm, certificate_subject: \"CN=crm.derby.gov.uk\", roles: [decide], councils: [derby] }"),
        DiagnosticEntry(
            .keysUnreadable, .error, "the keys file cannot be read",
            explanation: "The keys file exists but cannot be read by the service's user; the keys in force stay as they were.",
            wrong: "$ ls -l /etc/redress/keys.yaml\n-rw------- root root keys.yaml",
            right: "$ chown redress /etc/redress/keys.yaml"),
        DiagnosticEntry(
            .configFormat, .error, "not a configuration file this version reads",
            explanation: "The service's configuration starts with `redress-server: 1` (docs/deploy.md lists every setting).",
            wrong: "library: /srv/redress/policies",
            right: "redress-server: 1\nlibrary: /srv/redress/policies"),
        DiagnosticEntry(
            .configUnknownKey, .error, "a setting the service does not have",
            explanation: "Usually a typing slip; the help line suggests the closest setting.",
            wrong: "redress-server: 1\nlibary: /srv/redress/policies",
            right: "redress-server: 1\nlibrary: /srv/redress/policies"),
        DiagnosticEntry(
            .configUnreadable, .error, "the configuration file cannot be read",
            explanation: "The file given with `--config` does not exist or is not readable by the service's user.",
            wrong: "$ redress-server serve --config /etc/redress/redress.yml",
            right: "$ redress-server serve --config /etc/redress/redress.yaml"),
        DiagnosticEntry(
            .configValue, .error, "a setting with a value it does not take",
            explanation: "The value has the wrong form (a port that is not a number, a size without a unit); the help line describes the setting.",
            wrong: "redress-server: 1\nlisten: { port: https }",
            right: "redress-server: 1\nlisten: { port: 8443 }"),
    ]
}
