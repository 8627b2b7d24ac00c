import Foundation
import RedressTestSupport
import Testing

/// `redress test` for CI: JUnit XML read by an independent JUnit parser (PyPI `junitparser`), JSON,
/// filtering, failures-only output and a coverage threshold.
@Suite("redress test reports")
struct TestReportTests {
    static let required = ProcessInfo.processInfo.environment["REDRESS_REQUIRE_ORACLES"] == "1"

    /// A test file with one passing and one failing case against North Somerset.
    static func mixedFile() throws -> String {
        try testFile(passing: true, failing: true)
    }

    /// A test file against North Somerset with a passing case, a failing case, or both.
    static func testFile(passing: Bool, failing: Bool) throws -> String {
        var text = "redress-tests: 1\npolicy: \(CommandRunner.library)/councils/north-somerset\ncases:\n"
        if passing {
            text += "  - name: highways in 10 working days\n    complaint: { received: 2024-12-20, service: highways }\n    expect: { respond_by: 2025-01-08 }\n"
        }
        if failing {
            text += "  - name: a wrong <expectation> & more\n    complaint: { received: 2024-12-20, service: highways }\n    expect: { respond_by: 2025-01-09 }\n"
        }
        return try ClassifyCommandTests.write(text, suffix: "yaml")
    }

    static func python(_ script: String, _ arguments: [String]) throws -> (Int32, String) {
        let outcome = try ChildProcess.run("/usr/bin/env", ["python3", "-c", script] + arguments)
        return (outcome.status, outcome.text)
    }

    @Test("JUnit XML is accepted by junitparser, with the right counts and the failure's message")
    func junit() throws {
        let mixed = try Self.mixedFile()
        let result = CommandRunner.run(["test", mixed, CommandRunner.library + "/tests/derby.yaml", "--format", "junit", "--library", CommandRunner.library])
        #expect(result.status == 1)
        #expect(result.error.contains(" passed, 1 failed"))
        let xml = mixed + ".xml"
        try result.out.write(toFile: xml, atomically: false, encoding: .utf8)
        let (status, output) = try Self.python(
            """
            import sys
            try:
                import junitparser
            except ImportError:
                print("missing"); sys.exit(3)
            xml = junitparser.JUnitXml.fromfile(sys.argv[1])
            cases = [c for suite in xml for c in suite]
            failed = [c for c in cases if not c.is_passed]
            print(len(cases), len(failed), failed[0].name, failed[0].result[0].message)
            """, [xml])
        if status == 3 {
            #expect(!Self.required, "CI must install junitparser (pip install junitparser)")
            return
        }
        #expect(status == 0, "\(output)")
        #expect(output.hasPrefix("25 1 a wrong <expectation> & more respond_by: expected 2025-01-09, actual 2025-01-08"), "\(output)")
    }

    @Test("JSON output, --filter, failures-only by default, --verbose")
    func jsonAndFilter() throws {
        let mixed = try Self.mixedFile()
        let json = CommandRunner.run(["test", mixed, "--format", "json", "--library", CommandRunner.library])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(object["passed"] as? Int == 1)
        #expect(object["failed"] as? Int == 1)
        let text = CommandRunner.run(["test", mixed, "--library", CommandRunner.library])
        #expect(!text.out.contains("✓"), "failures only by default")
        #expect(text.out.contains("✗ a wrong <expectation> & more"))
        let verbose = CommandRunner.run(["test", mixed, "--verbose", "--library", CommandRunner.library])
        #expect(verbose.out.contains("✓ highways in 10 working days"))
        let filtered = CommandRunner.run(["test", mixed, "--filter", "HIGHWAYS", "--library", CommandRunner.library])
        #expect(filtered.status == 0)
        #expect(filtered.out.hasSuffix("1 passed, 0 failed\n"))
    }

    @Test("--coverage --fail-under: exit 0 at the coverage reached, 1 one point above it")
    func failUnder() throws {
        // One passing case: it exercises some of North Somerset's rules, not all.
        let file = try Self.testFile(passing: true, failing: false)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let measured = CommandRunner.run(["test", file, "--coverage", "--library", CommandRunner.library])
        let percent = try #require(measured.out.firstMatch(of: /coverage: .*\((\d+)%\)/).flatMap { Int($0.1) }, "\(measured.out.suffix(300))")
        #expect(percent > 0 && percent < 100, "a threshold above it must exist: \(percent)%")
        let at = CommandRunner.run(["test", file, "--coverage", "--fail-under", String(percent), "--library", CommandRunner.library])
        let above = CommandRunner.run(["test", file, "--coverage", "--fail-under", String(percent + 1), "--library", CommandRunner.library])
        #expect(at.status == 0, "\(at.out.suffix(300))")
        #expect(above.status == 1, "\(above.out.suffix(300))")
    }
}
