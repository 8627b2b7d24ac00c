import Foundation
import RedressTestSupport
import Testing

/// `redress report` over a fixture of case histories (Fixtures/report-cases.jsonl) whose every
/// figure was worked out by hand from the North Somerset policy (see each expectation's comment):
/// C1–C8 in January–March 2025, P1–P3 in January–March 2024 (the period compared with).
@Suite("redress report")
struct ReportCommandTests {
    static let cases = CommandRunner.repositoryRoot.appendingPathComponent("Tests/RedressCommandsTests/Fixtures/report-cases.jsonl").path
    static let arguments = [
        "report", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, "--from", "2025-01-01",
        "--to", "2025-03-31", "--by", "month", cases,
    ]
    static let compared = arguments + ["--compare-with", "2024-01-01:2024-03-31"]
    static let now = "2025-01-01 to 2025-03-31"
    static let then = "2024-01-01 to 2024-03-31"

    /// The report's JSON, with a reader of one figure: table, row key, column, period.
    struct Report {
        let json: [String: Any]

        init(_ arguments: [String], status: Int32 = 0) throws {
            let result = CommandRunner.run(arguments + ["--format", "json"])
            #expect(result.status == status, "\(result.error.prefix(500))")
            json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        }

        func table(_ id: String) throws -> [[String: Any]] {
            let tables = try #require(json["tables"] as? [[String: Any]])
            return try #require(tables.first { $0["id"] as? String == id }?["rows"] as? [[String: Any]], "no table \(id)")
        }

        func keys(_ id: String) throws -> [String] { try table(id).compactMap { $0["key"] as? String } }

        func value(_ id: String, _ key: String, _ column: String, _ period: String = ReportCommandTests.now) throws -> Any? {
            let row = try #require(try table(id).first { $0["key"] as? String == key }, "no row \(key) in \(id)")
            let periods = try #require(row["periods"] as? [String: Any])
            return (periods[period] as? [String: Any])?[column]
        }

        func count(_ id: String, _ key: String, _ column: String, _ period: String = ReportCommandTests.now) throws -> Int? {
            try value(id, key, column, period) as? Int
        }

        /// A share as `part/whole`.
        func share(_ id: String, _ key: String, _ column: String, _ period: String = ReportCommandTests.now) throws -> String? {
            guard let share = try value(id, key, column, period) as? [String: Any] else { return nil }
            return "\(share["count"] ?? "")/\(share["of"] ?? "")"
        }
    }

    @Test("every figure of one period matches the hand count")
    func figures() throws {
        let report = try Report(Self.arguments)
        // C1–C6 are complaints received in the quarter; C8 is a compliment; C7 (20 December 2024)
        // and P1–P3 (2024) are outside it.
        #expect(try report.count("summary", "complaints", "Value") == 6)
        #expect(try report.count("summary", "compliments", "Value") == 1)
        #expect(try report.count("summary", "outside-period", "Value") == 4)
        #expect(try report.count("summary", "excluded", "Value") == 1)  // C4: a penalty charge notice
        #expect(try report.count("summary", "ombudsman", "Value") == 1)  // C2
        #expect(try report.count("summary", "open", "Value") == 3)  // C3, C5, C6 (may still escalate: no window)
        #expect(try report.count("summary", "overdue", "Value") == 1)  // C3: due 17 February, never answered
        #expect(try report.share("summary", "stage-1-on-time", "Value") == "2/3")  // C1, C6 on time; C2 late
        #expect(try report.share("summary", "escalated", "Value") == "1/4")  // C2 of the 4 corporate Stage 1s
        #expect(try report.keys("by-month") == ["1", "2", "3"])
        #expect(try [1, 2, 3].map { try report.count("by-month", "\($0)", "Complaints") } == [2, 2, 2])
        #expect(try report.keys("by-procedure").sorted() == ["adults-statutory", "corporate", "excluded"])
        #expect(try report.count("by-procedure", "corporate", "Complaints") == 4)
        // Names, not ids.
        let procedures = try report.table("by-procedure").compactMap { $0["label"] as? String }
        #expect(procedures.contains("Corporate customer feedback procedure"))
        let stage1 = "corporate/stage-1"
        // C1 answered in 9 working days, C2 in 12 (2 late), C6 in 8; C3 unanswered.
        #expect(try report.count("timeliness", stage1, "Runs") == 4)
        #expect(try report.count("timeliness", stage1, "Answered") == 3)
        #expect(try report.share("timeliness", stage1, "Answered on time") == "2/3")
        #expect(try report.value("timeliness", stage1, "Median") as? Double == 9)
        #expect(try report.value("timeliness", stage1, "90th percentile") as? Double == 12)
        #expect(try report.value("timeliness", stage1, "Average working days") as? Double == 9.7)  // 29 / 3
        #expect(try report.count("late-extended", stage1, "Late") == 1)
        #expect(try report.value("late-extended", stage1, "Average working days late") as? Double == 2)
        #expect(try report.count("late-extended", stage1, "Ended at this stage") == 1)  // C1 closed at Stage 1
        #expect(try report.value("timeliness", "corporate/stage-2", "Median") as? Double == 14)  // 27 January → 14 February
        #expect(try report.share("timeliness", "adults-statutory/local-resolution", "Acknowledged on time") == "1/1")  // by 6 March, on 5 March
        #expect(try report.count("escalation", "corporate/stage-2", "Escalated from the stage before") == 1)  // C2
        #expect(try report.count("escalation", "corporate/stage-2", "Straight to this stage") == 0)
        #expect(try report.share("escalation", "corporate/stage-2", "Escalated, share of the stage before") == "1/4")
        #expect(try report.count("outcomes", stage1, "Upheld") == 1 && report.count("outcomes", stage1, "Not upheld") == 2)
        #expect(try report.count("outcomes", stage1, "Remedies") == 1)
        #expect(try report.count("outcomes", "corporate/stage-2", "Partly upheld") == 1)
        #expect(try report.value("learning", "C1/corporate/stage-1", "Remedy") as? String == "apology and bin replaced")
        #expect(try report.keys("exclusions") == ["a penalty charge notice is a legal matter with its own appeal"])
        #expect(try report.count("ombudsman", "lgsco", "Complaints") == 1)
        #expect(try report.count("compliments-by-service", "libraries", "Compliments") == 1)
    }

    @Test("two periods side by side: each period's figures by hand, the change, the summary in words")
    func comparison() throws {
        let report = try Report(Self.compared)
        // 2024: P1 (waste, answered in 9 working days, on time) and P2 (highways, 14 working days
        // against 10: 4 late, upheld, a lesson recorded); P3 is a compliment.
        #expect(try report.count("summary", "complaints", "Value", Self.then) == 2)
        #expect(try report.count("summary", "compliments", "Value", Self.then) == 1)
        #expect(try report.share("summary", "stage-1-on-time", "Value", Self.then) == "1/2")
        #expect(try report.count("summary", "open", "Value", Self.then) == 1)  // P2, which may still escalate
        #expect(try report.value("timeliness", "corporate/stage-1", "Average working days", Self.then) as? Double == 11.5)
        #expect(try report.value("late-extended", "corporate/stage-1", "Average working days late", Self.then) as? Double == 4)
        #expect(try report.count("by-made-by", "councillor", "Complaints", Self.then) == 1)
        #expect(try report.value("by-made-by", "councillor", "Complaints") == nil)  // none in 2025
        let complaints = try #require(try report.table("summary").first { $0["key"] as? String == "complaints" })
        #expect((complaints["change"] as? [String: String])?["Value"] == "+4")
        let onTime = try #require(try report.table("summary").first { $0["key"] as? String == "stage-1-on-time" })
        #expect((onTime["change"] as? [String: String])?["Value"] == "+16.7 pts")  // 50.0% → 66.7%
        // The learning list is the report's own period's.
        #expect(try report.keys("learning") == ["C1/corporate/stage-1"])
        let summary = (report.json["summary"] as? [String]) ?? []
        #expect(summary.contains { $0.contains("6 complaints") && $0.contains("up from 2") })
        #expect(summary.contains { $0.contains("Stage 1: responses on time rose from 50.0% to 66.7%") })
        // The earlier period alone has P2's lesson.
        let earlier = try Report(Array(Self.arguments.dropLast()) + ["--from", "2024-01-01", "--to", "2024-03-31", Self.cases])
        #expect(try earlier.value("learning", "P2/corporate/stage-1", "Learning", Self.then) as? String == "inspection rota changed")
    }

    @Test("financial-year quarters and labels; --years sets the same period in earlier years beside it")
    func financialYear() throws {
        let base = ["report", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, Self.cases]
        let year = try Report(base + ["--from", "2024-04-01", "--to", "2025-03-31", "--years", "2"])
        let periods = try #require(year.json["periods"] as? [[String: Any]]).compactMap { $0["label"] as? String }
        #expect(periods == ["2024/25", "2023/24"])
        let quarters = try year.table("by-quarter").compactMap { $0["label"] as? String }
        #expect(quarters == ["2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4"])
        // Q4 of 2024/25 is January–March 2025: C1–C6 and C7 (20 December 2024) in Q3.
        #expect(try year.count("by-quarter", "4", "Complaints", "2024/25") == 6)
        #expect(try year.count("by-quarter", "3", "Complaints", "2024/25") == 1)
        #expect(try year.count("by-quarter", "4", "Complaints", "2023/24") == 2)  // P1, P2
        let calendar = try Report(base + ["--from", "2025-01-01", "--to", "2025-12-31", "--year-start", "1"])
        #expect(try calendar.table("by-quarter").first?["label"] as? String == "2025 Q1")
    }

    @Test("CSV is long with stable keys: the same keys for two periods, the period in its own column")
    func csvKeys() throws {
        func keys(_ from: String, _ to: String) throws -> Set<String> {
            let result = CommandRunner.run(["report", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, "--from", from, "--to", to, "--format", "csv", Self.cases])
            #expect(result.out.hasPrefix("\u{FEFF}table,row,label,column,period,value,of,percent\r\n"))
            let file = try ClassifyCommandTests.write(result.out, suffix: "csv")
            defer { try? FileManager.default.removeItem(atPath: file) }
            let rows = try TestReportTests.python(
                "import csv, sys\nfor r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')):\n    if r['table'] in ('summary', 'timeliness'): print(r['table'], r['row'], r['column'], sep='|')",
                [file])
            #expect(rows.0 == 0, "\(rows.1)")
            return Set(rows.1.split(separator: "\n").map(String.init))
        }
        let one = try keys("2025-01-01", "2025-03-31")
        let other = try keys("2024-01-01", "2024-03-31")
        #expect(!one.isEmpty && one.isSuperset(of: other.filter { $0.hasPrefix("summary") }))
        #expect(one.filter { $0.hasPrefix("summary") } == other.filter { $0.hasPrefix("summary") })
    }

    @Test("text and the LGSCO self-assessment in words; a bad outcome is an error record, counted")
    func formats() throws {
        let text = CommandRunner.run(Self.arguments + ["--code", "lgsco-2024"])
        #expect(text.out.contains("Corporate customer feedback procedure: Stage 1"))
        #expect(text.out.contains("Self-assessment against LGSCO Complaint Handling Code"))
        #expect(text.out.contains("stricter: Stage 1 response within 10 working days of the acknowledgement (Corporate customer feedback procedure)"), "\(text.out)")
        #expect(text.out.contains("north-somerset/2021-01.yaml:33"))
        let bad = try ClassifyCommandTests.write(
            #"{"id":"B","received":"2025-01-06","service":"waste","events":[{"on":"2025-01-10","event":"responded","outcome":"maybe"}]}"# + "\n",
            suffix: "jsonl")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let failed = CommandRunner.run(Array(Self.arguments.dropLast()) + [bad, "--format", "json"])
        #expect(failed.status == 1)
        #expect(failed.error.contains("unknown outcome `maybe`"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(failed.out.utf8)) as? [String: Any])
        #expect(try Report.count(json: json, "failed") == 1)
    }
}

extension ReportCommandTests.Report {
    static func count(json: [String: Any], _ key: String) throws -> Int? {
        let tables = try #require(json["tables"] as? [[String: Any]])
        let rows = try #require(tables.first { $0["id"] as? String == "summary" }?["rows"] as? [[String: Any]])
        let row = try #require(rows.first { $0["key"] as? String == key })
        return ((row["periods"] as? [String: Any])?.values.first as? [String: Any])?["Value"] as? Int
    }
}
