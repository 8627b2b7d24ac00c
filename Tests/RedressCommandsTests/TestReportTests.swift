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
        try ClassifyCommandTests.write(
            """
            redress-tests: 1
            policy: \(CommandRunner.library)/councils/north-somerset
            cases:
              - name: highways in 10 working days
                complaint: { received: 2024-12-20, service: highways }
                expect: { respond_by: 2025-01-08 }
              - name: a wrong <expectation> & more
                complaint: { received: 2024-12-20, service: highways }
                expect: { respond_by: 2025-01-09 }
            """, suffix: "yaml")
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

    @Test("--coverage --fail-under fails below the threshold")
    func failUnder() {
        let file = CommandRunner.library + "/tests/north-somerset.yaml"
        let low = CommandRunner.run(["test", file, "--coverage", "--fail-under", "100", "--library", CommandRunner.library])
        let high = CommandRunner.run(["test", file, "--coverage", "--fail-under", "50", "--library", CommandRunner.library])
        #expect(low.out.contains("coverage: "))
        #expect(low.status == (low.out.contains("(100%)") ? 0 : 1), "\(low.out.suffix(300))")
        #expect(high.status == 0, "\(high.error)")
    }
}
