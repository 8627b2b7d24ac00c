import Foundation
import RedressTestSupport
import Testing

/// `redress report` over a fixture of eight case histories (Fixtures/report-cases.jsonl) whose every
/// figure was worked out by hand from the North Somerset policy (see each expectation's comment).
@Suite("redress report")
struct ReportCommandTests {
    static let cases = CommandRunner.repositoryRoot.appendingPathComponent("Tests/RedressCommandsTests/Fixtures/report-cases.jsonl").path
    static let arguments = [
        "report", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, "--from", "2025-01-01",
        "--to", "2025-03-31", "--by", "month", cases,
    ]

    static func rows(_ json: [String: Any], _ id: String) throws -> [[String: String]] {
        let tables = try #require(json["tables"] as? [[String: Any]])
        return try #require(tables.first { $0["id"] as? String == id }?["rows"] as? [[String: String]])
    }

    @Test("every figure matches the hand count")
    func figures() throws {
        let result = CommandRunner.run(Self.arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        // C1–C6 and C8 were received in the quarter; C7 (20 December 2024) was not.
        #expect(json["cases"] as? Int == 7)
        let summary = Dictionary(try Self.rows(json, "summary").map { ($0["measure"] ?? "", $0["value"] ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(summary["records outside the period (not counted)"] == "1")
        #expect(summary["excluded (handled elsewhere)"] == "1")  // C4: a penalty charge notice
        #expect(summary["referred to the ombudsman"] == "1")  // C2
        #expect(summary["open on 2025-03-31"] == "4")  // C3, C5, C6 (may still escalate), C8 (feedback, not closed)
        #expect(summary["overdue on 2025-03-31"] == "1")  // C3: due 17 February, never answered
        let months = try Self.rows(json, "by-month").map { [$0["month"] ?? "", $0["received"] ?? ""] }
        #expect(months == [["2025-01", "3"], ["2025-02", "2"], ["2025-03", "2"]])
        let procedures = Dictionary(try Self.rows(json, "by-procedure").map { ($0["procedure"] ?? "", $0["received"] ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(procedures == ["corporate": "4", "adults-statutory": "1", "compliment": "1", "excluded": "1"])
        let stages = Dictionary(try Self.rows(json, "timeliness").map { ($0["stage"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let stage1 = try #require(stages["corporate / stage-1"])
        // C1 answered in 9 working days, C2 in 12 (2 late), C6 in 8; C3 unanswered.
        #expect(stage1["runs"] == "4")
        #expect(stage1["answered"] == "3")
        #expect(stage1["answered on time"] == "2 (66.7%)")
        #expect(stage1["median working days"] == "9")
        #expect(stage1["90th percentile"] == "12")
        #expect(stage1["late"] == "1" && stage1["average days late"] == "2.0")
        #expect(stages["corporate / stage-2"]?["median working days"] == "14")  // 27 January → 14 February
        #expect(stages["adults-statutory / local-resolution"]?["acknowledged on time"] == "1 of 1 (100.0%)")  // by 6 March, on 5 March
        let escalation = try Self.rows(json, "escalation").filter { $0["procedure"] == "corporate" }.map { $0["share of Stage 1"] ?? "" }
        #expect(escalation == ["100.0%", "25.0%"])  // 4 reached Stage 1, C2 Stage 2
        let outcomes = Dictionary(try Self.rows(json, "outcomes").map { ($0["stage"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(outcomes["corporate / stage-1"]?["upheld"] == "1" && outcomes["corporate / stage-1"]?["not upheld"] == "2")
        #expect(outcomes["corporate / stage-1"]?["remedies"] == "1")
        #expect(outcomes["corporate / stage-2"]?["partly upheld"] == "1")
        let exclusions = try Self.rows(json, "exclusions")
        #expect(exclusions.first?["reason"] == "a penalty charge notice is a legal matter with its own appeal")
    }

    @Test("text, CSV and the LGSCO annex; a bad outcome is an error record, counted")
    func formats() throws {
        let text = CommandRunner.run(Self.arguments + ["--code", "lgsco-2024"])
        #expect(text.out.contains("corporate / stage-1"))
        #expect(text.out.contains("Self-assessment against lgsco-2024:"))
        #expect(text.out.contains("stricter: corporate stage-1-respond"))
        let csv = CommandRunner.run(Self.arguments + ["--format", "csv"])
        #expect(csv.out.hasPrefix("\u{FEFF}table,row,column,value\r\n"))
        #expect(csv.out.contains("timeliness,corporate / stage-1,median working days,9\r\n"))
        let bad = try ClassifyCommandTests.write(
            #"{"id":"B","received":"2025-01-06","service":"waste","events":[{"on":"2025-01-10","event":"responded","outcome":"maybe"}]}"# + "\n",
            suffix: "jsonl")
        let failed = CommandRunner.run(Array(Self.arguments.dropLast()) + [bad, "--format", "json"])
        #expect(failed.status == 1)
        #expect(failed.error.contains("unknown outcome `maybe`"))
        #expect(failed.out.contains(#""measure":"records that could not be read or scheduled","value":"1""#))
    }

    @Test("the HTML page is self-contained and its charts render in a real browser with no network")
    func html() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("redress-report-\(UUID().uuidString).html").path
        let result = CommandRunner.run(Self.arguments + ["--format", "html", "--output", output, "--code", "lgsco-2024"])
        #expect(result.status == 0, "\(result.error)")
        let page = try String(contentsOfFile: output, encoding: .utf8)
        #expect(page.components(separatedBy: "<svg").count == 3)
        // Nothing from the network: the only URL is the SVG namespace name.
        #expect(page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").range(of: "https?://", options: .regularExpression) == nil)
        #expect(!page.contains("<script"))
        #expect(page.contains("Annex: self-assessment against the code"))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            #expect(!TestReportTests.required, "CI must install chromium")
            return
        }
        let script = CommandRunner.repositoryRoot.appendingPathComponent("Tests/RedressServerTests/Browser/report_test.py").path
        let (status, text) = try TestReportTests.python("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')", [script, output, output + ".png"])
        if status == 3 {
            #expect(!TestReportTests.required, "CI must install selenium: \(text)")
            return
        }
        #expect(status == 0, "\(text)")
    }
}
