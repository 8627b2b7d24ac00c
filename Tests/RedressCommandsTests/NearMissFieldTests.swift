import Foundation
import Testing

/// A misspelt or renamed field must not pass through silently and send a statutory complaint to the
/// catch-all: it is an error record naming the field and the likely one; a CSV header with one stops
/// the run before any row.
@Suite("Near-miss fields")
struct NearMissFieldTests {
    let policy = ["--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library]

    static let jsonCases: [(String, String)] = [
        (#"{"id":"N1","received":"2024-12-20","servce":"adult-social-care"}"#, "unknown field `servce`; did you mean `service`?"),
        (#"{"id":"N2","received":"2024-12-20","Service":"adult-social-care"}"#, "unknown field `Service`; did you mean `service`?"),
        (#"{"id":"N3","received":"2024-12-20","service_area":"adult-social-care"}"#, "unknown field `service_area`; did you mean `service`?"),
        (#"{"id":"N4","received":"2024-12-20","made-by":"mp"}"#, "unknown field `made-by`; did you mean `made_by`?"),
        (#"{"id":"N5","received":"2024-12-20","Aware On":"2024-12-01"}"#, "unknown field `Aware On`; did you mean `aware_on`?"),
    ]

    @Test("JSON Lines: an error record with the likely field", arguments: jsonCases.map { ($0.0, $0.1) })
    func jsonLines(_ line: String, _ message: String) throws {
        let input = try ClassifyCommandTests.write(line + "\n", suffix: "jsonl")
        let result = CommandRunner.run(["classify"] + policy + [input, "--format", "jsonl"])
        #expect(result.status == 1)
        #expect(result.out.isEmpty, "no decision for a record that may be misrouted: \(result.out)")
        #expect(result.error.contains(message), "\(result.error)")
        #expect(result.error.contains(#""line":1,"id":"N"#), "the error record keeps the id: \(result.error)")
    }

    @Test("fields far from any contract name pass through untouched")
    func farFields() throws {
        let input = try ClassifyCommandTests.write(#"{"id":"F1","received":"2024-12-20","service":"waste","crm_ref":"X-9"}"# + "\n", suffix: "jsonl")
        let result = CommandRunner.run(["classify"] + policy + [input, "--format", "jsonl"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.out.contains(#""crm_ref":"X-9""#))
    }

    @Test("CSV: a near-miss header stops the run before any row, exit 2")
    func csvHeader() throws {
        let input = try ClassifyCommandTests.write("id,received,Service\r\nC1,2024-12-20,adult-social-care\r\n", suffix: "csv")
        let result = CommandRunner.run(["classify"] + policy + [input, "--format", "jsonl"])
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
        #expect(result.error.contains("the CSV header: unknown field `Service`; did you mean `service`?"), "\(result.error)")
    }

    @Test("a complaint without a service, under a policy that routes on service, is flagged")
    func serviceMissing() throws {
        let input = try ClassifyCommandTests.write(#"{"id":"S1","received":"2024-12-20"}"# + "\n\n", suffix: "jsonl")
        let result = CommandRunner.run(["classify"] + policy + [input, "--format", "jsonl"])
        #expect(result.status == 0)
        #expect(result.out.contains(#""service-missing""#))
        #expect(result.error.contains("1 decided, 0 failed, 1 blank line skipped"), "\(result.error)")
    }

    @Test("test files reject unknown keys in `complaint:` and `case:`")
    func testFiles() throws {
        let file = try ClassifyCommandTests.write(
            """
            redress-tests: 1
            policy: \(CommandRunner.library)/councils/north-somerset
            cases:
              - name: misspelt
                complaint: { received: 2024-12-20, servce: adult-social-care }
                expect: { procedure: adults-statutory }
            """, suffix: "yaml")
        let result = CommandRunner.run(["test", file, "--library", CommandRunner.library])
        #expect(result.status != 0)
        #expect((result.out + result.error).contains("did you mean `service`?"), "\(result.out)\(result.error)")
    }
}
