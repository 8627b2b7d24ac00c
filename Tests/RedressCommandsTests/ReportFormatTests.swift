import Foundation
import RedressTestSupport
import Testing

/// The report as a committee and an analyst receive it: a page printed on A4 by a real browser, a
/// workbook read by openpyxl, directorates from the policy, and the landlord measures.
@Suite("redress report formats")
struct ReportFormatTests {
    static let cases = ReportCommandTests.cases

    @Test("the page is self-contained, its charts render with no network, and on A4 no table loses its last column")
    func html() throws {
        try TemporaryFolder.with { folder in
            let page = folder.file("report.html")
            let result = CommandRunner.run(ReportCommandTests.compared + ["--format", "html", "--output", page, "--code", "lgsco-2024"])
            #expect(result.status == 0, "\(result.error)")
            let text = try String(contentsOfFile: page, encoding: .utf8)
            #expect(text.components(separatedBy: "<svg").count == 3)
            // Nothing from the network: the only URL is the SVG namespace name.
            #expect(text.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").range(of: "https?://", options: .regularExpression) == nil)
            #expect(!text.contains("<script"))
            #expect(text.contains("Self-assessment against LGSCO Complaint Handling Code"))
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
                #expect(!Oracle.required, "CI must install chromium and poppler-utils")
                return
            }
            let script = CommandRunner.repositoryRoot.appendingPathComponent("Tests/RedressServerTests/Browser/report_test.py").path
            let run = "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
            let python = try Oracle.python(
                run, [script, page, folder.file("report.png"), folder.file("report.pdf")], environment: [folder.childTemporaryDirectory()])
            guard let (status, output) = python.result() else { return }
            #expect(status == 0, "\(output)")
            // --format pdf prints the same page with Chromium.
            let pdf = CommandRunner.run(ReportCommandTests.compared + ["--format", "pdf", "--output", folder.file("direct.pdf")])
            #expect(pdf.status == 0, "\(pdf.error)")
            let printed = try ChildProcess.run("/usr/bin/pdftotext", [folder.file("direct.pdf"), "-"])
            #expect(printed.text.contains("North Somerset Council: complaints performance report"), "\(printed.text.prefix(300))")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pdf") && $0.hasPrefix(".") }.isEmpty)
        }
    }

    @Test("openpyxl reads a sheet per table with named columns, counts as numbers and shares as percentages")
    func workbook() throws {
        try TemporaryFolder.with { folder in
            let path = folder.file("report.xlsx")
            let result = CommandRunner.run(ReportCommandTests.compared + ["--format", "xlsx", "--output", path])
            #expect(result.status == 0, "\(result.error)")
            let script = Oracle.imports("openpyxl") + """
                import json, sys
                book = openpyxl.load_workbook(sys.argv[1])
                def find(title, key, period):
                    sheet = book[title]
                    head = [c.value for c in sheet[1]]
                    for row in sheet.iter_rows(min_row=2):
                        if row[0].value == key and row[2].value == period:
                            return {h: (c.value, c.number_format) for h, c in zip(head, row)}
                summary = find("Headline figures", "complaints", "2025-01-01 to 2025-03-31")
                earlier = find("Headline figures", "complaints", "2024-01-01 to 2024-03-31")
                stage = find("Timeliness by stage", "corporate/stage-1", "2025-01-01 to 2025-03-31")
                print(json.dumps({"sheets": book.sheetnames[:3], "value": summary["Value"][0], "earlier": earlier["Value"][0],
                    "on_time": stage["Answered on time"][0], "of": stage["Answered on time (of)"][0],
                    "percent": stage["Answered on time %"], "average": stage["Average working days"]}))
                """
            guard let (status, output) = try Oracle.python(script, [path]).result() else { return }
            #expect(status == 0, "\(output)")
            let figures = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(figures["sheets"] as? [String] == ["Summary", "Headline figures", "Complaints received by month"])
            #expect(figures["value"] as? Int == 6 && figures["earlier"] as? Int == 2)
            #expect(figures["on_time"] as? Int == 2 && figures["of"] as? Int == 3)
            let percent = try #require(figures["percent"] as? [Any])
            #expect(abs((percent[0] as? Double ?? 0) - 2.0 / 3.0) < 1e-9 && percent[1] as? String == "0.0%")
            let average = try #require(figures["average"] as? [Any])
            #expect(abs((average[0] as? Double ?? 0) - 29.0 / 3.0) < 1e-9 && average[1] as? String == "0.0")
        }
    }

    @Test("services are grouped into the policy's directorates; a service outside them is shown, never dropped")
    func directorates() throws {
        try TemporaryFolder.with { folder in
            let source = CommandRunner.library + "/councils/north-somerset/2021-01.yaml"
            var text = try String(contentsOfFile: source, encoding: .utf8)
            text += """

                directorates:
                  place: { name: Place, services: [waste, highways], assumed: "a test grouping" }
                  adults: { name: Adults and Communities, services: [adult-social-care] }

                """
            try FileManager.default.createDirectory(atPath: folder.file("north-somerset"), withIntermediateDirectories: true)
            _ = try folder.write(text, to: "north-somerset/2021-01.yaml")
            let result = CommandRunner.run([
                "report", "--policy", folder.file("north-somerset"), "--library", CommandRunner.library, "--from", "2025-01-01", "--to", "2025-03-31",
                "--format", "json", Self.cases,
            ])
            #expect(result.status == 0, "\(result.error)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
            let tables = try #require(json["tables"] as? [[String: Any]])
            let rows = try #require(tables.first { $0["id"] as? String == "by-directorate" }?["rows"] as? [[String: Any]])
            let counts = Dictionary(
                rows.map { ($0["label"] as? String ?? "", (($0["periods"] as? [String: Any])?.values.first as? [String: Any])?["Complaints"] as? Int ?? -1) },
                uniquingKeysWith: { a, _ in a })
            // C1, C3, C6 (waste) and C2 (highways); C5 (adult social care); C4 (parking) is in none.
            #expect(counts == ["Place": 4, "Adults and Communities": 1, "Not in a directorate": 1])
            _ = try folder.write(text.replacingOccurrences(of: "[adult-social-care]", with: "[adult-social-cares, waste]"), to: "north-somerset/2021-01.yaml")
            let bad = CommandRunner.run(["check", "--library", CommandRunner.library, folder.file("north-somerset")])
            #expect(bad.status == 1)
            #expect(bad.error.contains("directorate `adults` names unknown service `adult-social-cares`"))
            #expect(bad.error.contains("service `waste` is in directorate `place` and again in `adults`"))
        }
    }

    @Test("tenant satisfaction measures: Stage 1 by receipt, Stage 2 by escalation date, on time over responses made in the period")
    func landlord() throws {
        try TemporaryFolder.with { folder in
            // Dacorum's housing procedure goes to the Housing Ombudsman. H1 came in in March 2024
            // and was answered in April: its response counts in 2024/25, its receipt in 2023/24.
            // H2 came in in 2024/25, was answered on time and escalated in the same year.
            let cases = try folder.write(
                """
                {"id":"H1","received":"2024-03-25","service":"housing","events":[{"on":"2024-04-19","event":"responded"}]}
                {"id":"H2","received":"2024-06-03","service":"housing","events":[{"on":"2024-06-10","event":"responded"},{"on":"2024-06-17","event":"escalated"}]}

                """, to: "cases.jsonl")
            let result = CommandRunner.run([
                "report", "--policy", CommandRunner.library + "/councils/dacorum", "--library", CommandRunner.library, "--from", "2024-04-01", "--to",
                "2025-03-31", "--homes", "2000", "--format", "csv", cases,
            ])
            #expect(result.status == 0, "\(result.error)")
            let lines = result.out.split(separator: "\r\n").filter { $0.hasPrefix("landlord,") }.map(String.init)
            #expect(lines.contains("landlord,ch01-stage-1,\"CH01 Stage 1 complaints received per 1,000 homes\",Figure,2024/25,0.5,2000,"))  // H2
            #expect(lines.contains { $0.hasPrefix("landlord,ch01-stage-2,") && $0.hasSuffix(",Count,2024/25,1,,") })  // H2, escalated 17 June
            #expect(lines.contains { $0.hasPrefix("landlord,ch02-stage-1,") && $0.hasSuffix(",Count,2024/25,2,,") })  // H1 and H2 answered in the year
        }
    }

    @Test("a Scottish council's SPSO figures: Stage 2 split into escalated and direct, averages, closed at each stage")
    func scotland() throws {
        try TemporaryFolder.with { folder in
            // F1 escalated from frontline; F2 complex, straight to the investigation (not an
            // escalation: the SPSO counts it as a direct Stage 2); F3 closed at frontline.
            let cases = try folder.write(
                """
                {"id":"F1","received":"2025-03-03","service":"highways","aware_on":"2025-03-01","events":[{"on":"2025-03-07","event":"responded"},{"on":"2025-03-10","event":"escalated"},{"on":"2025-04-03","event":"responded"},{"on":"2025-04-04","event":"closed"}]}
                {"id":"F2","received":"2025-03-04","service":"highways","categories":["complex"],"aware_on":"2025-03-01","events":[{"on":"2025-03-25","event":"responded"},{"on":"2025-03-26","event":"closed"}]}
                {"id":"F3","received":"2025-03-05","service":"waste","aware_on":"2025-03-01","events":[{"on":"2025-03-06","event":"responded"},{"on":"2025-03-07","event":"closed"}]}

                """, to: "cases.jsonl")
            let report = try ReportCommandTests.Report([
                "report", "--policy", CommandRunner.library + "/councils/fife", "--library", CommandRunner.library, "--from", "2025-03-01", "--to",
                "2025-04-30", cases,
            ])
            let period = "2025-03-01 to 2025-04-30"
            #expect(try report.count("escalation", "complaints/investigation", "Cases reaching it", period) == 2)
            #expect(try report.count("escalation", "complaints/investigation", "Escalated from the stage before", period) == 1)  // F1
            #expect(try report.count("escalation", "complaints/investigation", "Straight to this stage", period) == 1)  // F2
            #expect(try report.share("escalation", "complaints/investigation", "Escalated, share of the stage before", period) == "1/2")  // F1 of F1, F3
            #expect(try report.share("summary", "escalated", "Value", period) == "1/2")
            #expect(try report.count("late-extended", "complaints/frontline", "Ended at this stage", period) == 1)  // F3
            #expect(try report.count("late-extended", "complaints/investigation", "Ended at this stage", period) == 2)  // F1, F2
            // Frontline: F1 in 4 working days (3 → 7 March), F3 in 1: average 2.5.
            #expect(try report.value("timeliness", "complaints/frontline", "Average working days", period) as? Double == 2.5)
        }
    }

    @Test("the ombudsman's annual review letter: its figures in the report; figures that do not add up stop it with the line")
    func ombudsmanLetter() throws {
        try TemporaryFolder.with { folder in
            let letter = """
                redress-ombudsman-letter: 1
                ombudsman: lgsco
                year: 2024/25
                source: "LGSCO annual review letter 2025"
                decided: 4
                upheld: 3
                recommendations: 3
                complied: 2

                """
            let path = try folder.write(letter, to: "letter.yaml")
            let report = try ReportCommandTests.Report(ReportCommandTests.arguments + ["--ombudsman-letter", path])
            #expect(try report.share("ombudsman-letter", "upheld", "Value") == "3/4")
            #expect(try report.share("ombudsman-letter", "complied", "Value") == "2/3")
            let tables = try #require(report.json["tables"] as? [[String: Any]])
            #expect(tables.first { $0["id"] as? String == "ombudsman-letter" }?["title"] as? String
                == "Local Government and Social Care Ombudsman: annual review letter 2024/25 (LGSCO annual review letter 2025)")
            let bad = try folder.write(letter.replacingOccurrences(of: "upheld: 3", with: "upheld: 5").replacingOccurrences(of: "decided: 4\n", with: "decided: 4\nstaff: 2\n"), to: "bad.yaml")
            let result = CommandRunner.run(ReportCommandTests.arguments + ["--ombudsman-letter", bad])
            #expect(result.status == 2)
            #expect(result.out.isEmpty)
            #expect(result.error.contains("bad.yaml:7:9: error: `upheld` (5) is more than `decided` (4) [letter.inconsistent]"), "\(result.error)")
            #expect(result.error.contains("bad.yaml:6:1: error:") && result.error.contains("staff"))
        }
    }
}
