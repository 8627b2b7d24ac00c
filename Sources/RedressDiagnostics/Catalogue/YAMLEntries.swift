extension DiagnosticCatalogue {
    static let yamlEntries: [DiagnosticEntry] = [
        DiagnosticEntry(
            .yamlAliasLimit, .error, "too many aliases in one file",
            explanation: """
                A file may use a limited number of aliases (`*name`). Aliases that refer to aliases can make a small \
                file expand into an enormous one (the "billion laughs" attack), so Redress stops reading at the limit \
                instead of running out of memory.
                """,
            wrong: "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n# … hundreds more",
            right: "# write the values out in full\nstages: [stage-1, stage-2]"),
        DiagnosticEntry(
            .yamlDuplicateKey, .error, "the same key twice in one mapping",
            explanation: """
                YAML parsers disagree about which of two equal keys wins; most silently keep the last. Redress refuses \
                the file and points at both, so a value is never lost without a word.
                """,
            wrong: "respond:\n  within: 10 working days\n  within: 20 working days",
            right: "respond:\n  within: 20 working days"),
        DiagnosticEntry(
            .yamlIndentation, .error, "a line indented deeper than its siblings",
            explanation: """
                A key is indented further than the key above it, which already has a value, so YAML cannot tell what it \
                belongs to. Line keys of one mapping up at the same column.
                """,
            wrong: "respond:\n  within: 10 working days\n    source: policy",
            right: "respond:\n  within: 10 working days\n  source: policy"),
        DiagnosticEntry(
            .yamlInternal, .error, "libyaml could not start",
            explanation: """
                libyaml could not allocate its parser, which only happens when memory is exhausted. Nothing in the file \
                is at fault; run again with more memory available.
                """),
        DiagnosticEntry(
            .yamlInvalidUtf8, .error, "a byte that is not UTF-8",
            explanation: """
                Policy, test, map and calendar files are UTF-8. A file saved as Windows-1252 or Latin-1 (a `£` or a \
                curly quote from a word processor) has bytes that are not UTF-8; the diagnostic names the first. Save \
                the file as UTF-8.
                """,
            wrong: "name: Caf\\xE9 services   # 0xE9 on its own: Latin-1",
            right: "name: Café services"),
        DiagnosticEntry(
            .yamlMissingColon, .error, "a key without its colon",
            explanation: """
                A line inside a mapping has text but no `key:`. Usually a value was wrapped onto the next line, or the \
                colon was left out.
                """,
            wrong: "respond:\n  within 10 working days",
            right: "respond:\n  within: 10 working days"),
        DiagnosticEntry(
            .yamlParser, .error, "the YAML structure is not valid",
            explanation: """
                libyaml's parser found structure it cannot read (for example a sequence item where a mapping key was \
                expected). When Redress recognises the cause it reports a more specific id (`yaml.indentation`, \
                `yaml.unclosed-bracket`, …); this one carries libyaml's own words.
                """,
            wrong: "stages:\n  - id: stage-1\n  name: Stage 1",
            right: "stages:\n  - id: stage-1\n    name: Stage 1"),
        DiagnosticEntry(
            .yamlReader, .error, "the file could not be decoded",
            explanation: """
                libyaml's reader refused the bytes: a character YAML does not allow (a control character, or an \
                invalid encoding it detected). Remove the character or save the file as plain UTF-8.
                """,
            wrong: "name: North\\x07Somerset   # a BEL control character",
            right: "name: North Somerset"),
        DiagnosticEntry(
            .yamlReservedCharacter, .error, "a value starts with a character YAML reserves",
            explanation: """
                `@` and `` ` `` are reserved in YAML and cannot start a plain value; `%`, `&`, `*`, `!`, `|`, `>` mean \
                something else there. Quote the value.
                """,
            wrong: "handler: @complaints-team",
            right: "handler: \"@complaints-team\""),
        DiagnosticEntry(
            .yamlScanner, .error, "the YAML text could not be read",
            explanation: """
                libyaml's scanner found text it cannot turn into tokens. When Redress recognises the cause it reports a \
                more specific id (`yaml.tab`, `yaml.unclosed-quote`, `yaml.unquoted-colon`, …); this one carries \
                libyaml's own words.
                """,
            wrong: "name: 'North Somerset",
            right: "name: 'North Somerset'"),
        DiagnosticEntry(
            .yamlTab, .error, "a tab used for indentation",
            explanation: """
                YAML indents with spaces only. Editors that insert tabs make a file that looks right and cannot be \
                read. Replace the tab with spaces (two per level in the bundled policies).
                """,
            wrong: "respond:\n\twithin: 10 working days",
            right: "respond:\n  within: 10 working days"),
        DiagnosticEntry(
            .yamlTooDeep, .error, "nesting deeper than the limit",
            explanation: """
                Mappings and sequences inside one another deeper than the loader's limit (64 levels). No policy needs \
                that; a file that has it is damaged or hostile, and reading it could exhaust the stack.
                """,
            wrong: "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            right: "a: [x]"),
        DiagnosticEntry(
            .yamlTooLarge, .error, "the file is larger than the limit",
            explanation: """
                A policy is a few kilobytes; the loader refuses files over its size limit (4 MiB by default) before \
                reading them, so a wrong path (a log file, a database) fails at once instead of filling memory.
                """,
            wrong: "$ redress check /var/log/syslog",
            right: "$ redress check policies/councils/north-somerset/2021-01.yaml"),
        DiagnosticEntry(
            .yamlTooManyDocuments, .error, "more than one YAML document in the file",
            explanation: """
                A policy, test or map file holds one YAML document. A `---` line in the middle starts a second one, \
                which would otherwise be ignored.
                """,
            wrong: "redress: 1\ncouncil: { id: derby }\n---\nredress: 1",
            right: "redress: 1\ncouncil: { id: derby }"),
        DiagnosticEntry(
            .yamlTooManyNodes, .error, "the document expands to too many values",
            explanation: """
                Counting every value, including each use of an alias, the document is larger than the loader's node \
                limit. The usual cause is an alias that repeats a large structure many times.
                """,
            wrong: "big: &big [1, 2, 3, …]\ncopies: [*big, *big, *big, …]",
            right: "# write what is needed once, without repeating a large alias"),
        DiagnosticEntry(
            .yamlUnclosedBracket, .error, "a `[` or `{` that is never closed",
            explanation: """
                A flow sequence or mapping was opened and not closed before the file (or its enclosing block) ended. \
                The diagnostic points at the opening bracket.
                """,
            wrong: "when: { service: schools\nexclude: { reason: x }",
            right: "when: { service: schools }\nexclude: { reason: x }"),
        DiagnosticEntry(
            .yamlUnclosedQuote, .error, "a quoted value that is never closed",
            explanation: """
                A value opened with `"` or `'` has no closing quote, so the rest of the file was read as part of it. \
                Add the closing quote at the end of the value.
                """,
            wrong: "source: \"policy: Stage 1 (10 working days)\nrepeatable: 2",
            right: "source: \"policy: Stage 1 (10 working days)\"\nrepeatable: 2"),
        DiagnosticEntry(
            .yamlUndefinedAlias, .error, "an alias to an anchor that does not exist",
            explanation: "An alias `*name` must refer to an anchor `&name` defined earlier in the same file.",
            wrong: "stage-2: { respond: *standard }",
            right: "stage-1: { respond: &standard { within: 10 working days, source: policy } }\nstage-2: { respond: *standard }"),
        DiagnosticEntry(
            .yamlUnquotedColon, .error, "a value with `: ` in it is not quoted",
            explanation: """
                In a plain value, `: ` starts a new key, so text such as a citation with a colon must be quoted.
                """,
            wrong: "source: policy: Stage 1",
            right: "source: \"policy: Stage 1\""),
        DiagnosticEntry(
            .yamlUnsupportedTag, .error, "a YAML tag Redress does not read",
            explanation: """
                Redress reads every value by its place in the schema (a duration where a duration belongs), so tags \
                like `!!int` or `!include` are refused rather than silently ignored (`!!str`, `!!seq` and `!!map` \
                say nothing the schema does not, and are accepted). Remove the tag; to share procedures between \
                files use `imports:`.
                """,
            wrong: "repeatable: !!int 2",
            right: "repeatable: 2"),
    ]

    static let schemaEntries: [DiagnosticEntry] = [
        DiagnosticEntry(
            .schemaComplexKey, .error, "a key that is not plain text",
            explanation: "Keys are plain text. A sequence or mapping used as a key (`? [a, b]`) cannot name anything.",
            wrong: "? [stage-1, stage-2]\n: 10 working days",
            right: "stage-1: 10 working days"),
        DiagnosticEntry(
            .schemaInvalidValue, .error, "a value that is not what its key takes",
            explanation: """
                The value has the right YAML type but not an accepted form: a date that is not YYYY-MM-DD, a number \
                out of range, a word that is not one of the key's choices. The help line says what is accepted.
                """,
            wrong: "effective_from: 1 January 2021",
            right: "effective_from: 2021-01-01"),
        DiagnosticEntry(
            .schemaMissingKey, .error, "a required key is missing",
            explanation: "The mapping lacks a key it must have; the diagnostic names it.",
            wrong: "council: { name: North Somerset Council, nation: england }",
            right: "council: { id: north-somerset, name: North Somerset Council, nation: england }"),
        DiagnosticEntry(
            .schemaUnknownKey, .error, "a key the schema does not know",
            explanation: """
                Usually a typing slip. Unknown keys are refused rather than ignored, because an ignored `respnd:` \
                would leave a stage with no timescale. The help line suggests the closest known key.
                """,
            wrong: "respnd:\n  within: 10 working days",
            right: "respond:\n  within: 10 working days"),
        DiagnosticEntry(
            .schemaWrongType, .error, "a value of the wrong kind",
            explanation: """
                A mapping where text was expected, a list where a mapping was expected, and so on. The diagnostic \
                names what was expected and what was found.
                """,
            wrong: "stages:\n  id: stage-1",
            right: "stages:\n  - id: stage-1"),
    ]
}
