import Foundation
import Testing

/// Tables that fit the terminal: measured by display width (an independent oracle, Python's
/// `unicodedata`), with a wide-character id; failed records in their own section after the table.
@Suite("Terminal tables")
struct TerminalTableTests {
    static let input = """
        {"id":"NS-0001","received":"2024-12-20","service":"waste"}
        {"id":"宮崎県-苦情-0001-長い識別子","received":"2024-12-21T18:30:00","service":"adult-social-care","text":"e\\u0301 combining"}
        {"id":"B2"}
        {"id":"P","received":"2024-12-20","service":"parking","text":"my penalty charge notice"}

        """

    static func widest(_ text: String) throws -> Int {
        let (status, output) = try TestReportTests.python(
            """
            import sys, unicodedata
            def width(line):
                return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
            print(max(width(line) for line in open(sys.argv[1], encoding="utf-8").read().split("\\n")))
            """, [try ClassifyCommandTests.write(text, suffix: "txt")])
        #expect(status == 0, "\(output)")
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max
    }

    @Test("classify, schedule and behaviour tables fit 80 and 200 columns", arguments: [80, 200])
    func fits(_ columns: Int) throws {
        let file = try ClassifyCommandTests.write(Self.input, suffix: "jsonl")
        let policy = ["--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, "--format", "table"]
        let classify = CommandRunner.run(["classify", file] + policy, columns: columns)
        #expect(try Self.widest(classify.out) <= columns, "\(classify.out)")
        #expect(classify.out.hasPrefix("ID"))
        #expect(classify.out.contains("2024-12-21 2024-12-23"), "received and deemed dates both shown (a Saturday counts from Monday)")
        #expect(!classify.out.contains("{\"line\""), "no raw JSON in the table")
        #expect(classify.error.contains("Failed records:\n  line 3 (B2): missing `received`"), "\(classify.error)")
        let schedule = CommandRunner.run(["schedule", file, "--as-of", "2025-01-31"] + policy, columns: columns)
        #expect(try Self.widest(schedule.out) <= columns, "\(schedule.out)")
        let contacts = CommandRunner.repositoryRoot.appendingPathComponent("examples/contacts.jsonl").path
        let behaviour = CommandRunner.run(["behaviour", contacts] + policy, columns: columns)
        #expect(try Self.widest(behaviour.out) <= columns, "\(behaviour.out)")
        if columns == 200 { #expect(classify.out.contains("宮崎県-苦情-0001")) }
    }
}
