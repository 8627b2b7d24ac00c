import Foundation
import Testing

/// `redress check` for people and for CI: YAML syntax errors in plain words with a help line, all
/// of them in one run; semantic checks that still run when the header does not decode; SARIF read
/// by an independent SARIF reader (PyPI `sarif-tools`).
@Suite("redress check output")
struct CheckOutputTests {
    static func check(_ text: String, _ extra: [String] = []) throws -> CommandResult {
        let file = try ClassifyCommandTests.write(text, suffix: "yaml")
        return CommandRunner.run(["check", file, "--library", CommandRunner.library] + extra)
    }

    @Test(
        "YAML syntax errors in plain words, on the token at fault, with help",
        arguments: [
            ("a:\n\tb: 1\n", ":2:1: error: YAML does not allow tabs for indentation [yaml.tab]", "help: use spaces"),
            ("a:\n  b: 1\n   c: 2\n", ":3:4: error: `c:` is indented more than `b:` on line 2", "help: indent it to column 3"),
            ("a: \"unclosed\nb: 2\n", ":1:4: error: the quoted value opened here is never closed", "help: add the closing `\"` at the end of the value on line 1"),
            ("a: 'unclosed\n", ":1:4: error: the quoted value opened here is never closed", "help: add the closing `'`"),
            ("a: [1, 2\nb: 3\n", ":1:4: error: the `[` opened here is not closed", "help: close it with `]` on line 1"),
            ("a: {x: 1\nb: 3\n", ":1:4: error: the `{` opened here is not closed", "help: close it with `}`"),
            ("a:\n  - x\n b: 2\n", ":3:2: error: this line starts at column 2, which lines up with nothing above it", "help: indent it to column"),
            ("a: @x\n", ":1:4: error: `@` cannot start a value in YAML", "help: put the value in quotes"),
        ])
    func syntax(_ text: String, _ message: String, _ help: String) throws {
        let result = try Self.check(text)
        #expect(result.status == 1)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(result.error.contains(help), "\(result.error)")
        #expect(!result.error.contains("[yaml.scanner]") && !result.error.contains("[yaml.parser]"), "raw libyaml words: \(result.error)")
    }

    @Test("several syntax errors are all reported in one run, in line order")
    func severalSyntaxErrors() throws {
        let result = try Self.check("redress: 1\ncouncil:\n\tid: x\nsources: { a: \"b }\nrouting:\n  - x\n - y\n")
        let lines = result.error.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(lines.count == 3, "\(result.error)")
        #expect(lines.first?.contains(":3:1: error: YAML does not allow tabs") == true)
        #expect(lines.dropFirst().first?.contains(":4:15: error: the quoted value opened here is never closed") == true)
        #expect(lines.last?.contains(":7:2: error: this line starts at column 2") == true)
    }

    @Test("a header that does not decode does not hold back the routing checks")
    func semanticAfterSchemaErrors() throws {
        var text = try String(contentsOfFile: CommandRunner.library + "/councils/derby/2019.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "nation: england", with: "nation: englnd")
        text = text.replacingOccurrences(of: "procedure: children-statutory", with: "procedure: corporate")
        let result = try Self.check(text)
        #expect(result.error.contains("unknown value `englnd` for `nation`"))
        #expect(result.error.contains("help: did you mean `england`?"))
        #expect(result.error.contains("[policy.statutory-misroute]"), "\(result.error)")
        #expect(!result.error.contains("region"), "no cascade from the placeholder calendar: \(result.error)")
    }

    @Test("a misspelt key in the catch-all rule is one error, not three")
    func noCascade() throws {
        var text = try String(contentsOfFile: CommandRunner.library + "/councils/derby/2019.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "  - id: everything-else\n    procedure: corporate", with: "  - id: everything-else\n    procedur: corporate")
        text = text.replacingOccurrences(of: "within: 20 working days\n          from: escalation\n          source: \"web: Stage 2 within", with: "within: 20 workng days\n          from: escalation\n          source: \"web: Stage 2 within")
        let result = try Self.check(text)
        let errors = result.error.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 2, "\(result.error)")
        #expect(result.error.contains("unknown key `procedur` in a routing rule"))
        #expect(result.error.contains("did you mean `procedure`?"))
        #expect(result.error.contains("unknown unit `workng days`"), "the other section is still checked")
        #expect(!result.error.contains("catch-all") && !result.error.contains("neither `procedure`"))
    }

    @Test("SARIF is read by sarif-tools with each error's rule, file, line and level")
    func sarif() throws {
        var text = try String(contentsOfFile: CommandRunner.library + "/councils/derby/2019.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "procedure: children-statutory", with: "procedure: corporate")
        text = text.replacingOccurrences(of: "within: 10 working days", with: "within: 10 workin days")
        let result = try Self.check(text, ["--format", "sarif"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "2.1.0")
        let log = try ClassifyCommandTests.write(result.out, suffix: "sarif")
        let (status, output) = try TestReportTests.python(
            """
            import sys
            try:
                from sarif import loader
            except ImportError:
                print("missing"); sys.exit(3)
            for r in sorted(loader.load_sarif_file(sys.argv[1]).get_records(), key=lambda r: r['Line']):
                print(r['Severity'], r['Code'], r['Line'], r['Location'].startswith('file:///'))
            """, [log])
        if status == 3 {
            #expect(!TestReportTests.required, "CI must install sarif-tools (pip install sarif-tools)")
            return
        }
        #expect(status == 0, "\(output)")
        #expect(output.contains("error policy.invalid-duration 33 True"), "\(output)")
        #expect(output.contains("error policy.statutory-misroute 76 True"), "\(output)")
    }
}
