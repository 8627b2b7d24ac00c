import Foundation
import Testing

/// Every CSV output parses as one rectangular CRLF table in Python's `csv` module, and `--format
/// xlsx` opens in openpyxl (PyPI) with typed cells: ids and versions as text, dates as dates, a
/// header row and frozen panes.
@Suite("CSV and spreadsheet output")
struct SpreadsheetOutputTests {
    static let policy = ["--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library]
    static let contacts = CommandRunner.repositoryRoot.appendingPathComponent("examples/contacts.jsonl").path
    static let complaints = CommandRunner.repositoryRoot.appendingPathComponent("examples/complaints.jsonl").path

    /// Ids a spreadsheet would turn into numbers or dates, a comma, a quote and a line break.
    static let awkward = """
        {"id":"000123","received":"2024-12-20","service":"waste"}
        {"id":"2021-01","received":"2024-12-20","service":"parking","text":"my PCN, \\"unfair\\"\\nsecond line"}
        {"id":"=SUM(A1)","received":"2024-12-21T18:30:00","service":"adult-social-care"}

        """

    /// Rows and widths as Python's csv module reads the file, and whether every line ends CRLF.
    static func csvShape(_ text: String) throws -> String {
        let file = try ClassifyCommandTests.write(text, suffix: "csv")
        let (status, output) = try TestReportTests.python(
            """
            import csv, sys
            raw = open(sys.argv[1], "rb").read()
            bare_lf = raw.replace(b"\\r\\n", b"").count(b"\\n")
            quoted_lf = sum(field.count("\\n") for row in csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")) for field in row)
            rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
            print(len(rows), sorted(set(len(r) for r in rows)), "crlf" if bare_lf == quoted_lf else "mixed", rows[0][0])
            """, [file])
        #expect(status == 0, "\(output)")
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("classify, schedule, restriction reviews, behaviour and report CSV are rectangular CRLF tables")
    func rectangularCSV() throws {
        let input = try ClassifyCommandTests.write(Self.awkward, suffix: "jsonl")
        let classify = CommandRunner.run(["classify", input, "--format", "csv"] + Self.policy)
        #expect(try Self.csvShape(classify.out) == "4 [18] crlf id")
        #expect(classify.out.contains(",exclusion_reason,"))

        let reviews = try ClassifyCommandTests.write("", suffix: "csv")
        let schedule = CommandRunner.run(
            ["schedule", Self.complaints, "--as-of", "2024-09-01", "--restrictions", Self.contacts, "--reviews-output", reviews, "--format", "csv"] + Self.policy)
        #expect(schedule.status == 0, "\(schedule.error)")
        #expect(try Self.csvShape(schedule.out) == "33 [18] crlf id")
        #expect(try Self.csvShape(String(contentsOfFile: reviews, encoding: .utf8)) == "2 [5] crlf complainant")

        let behaviour = CommandRunner.run(["behaviour", Self.contacts, "--format", "csv"] + Self.policy)
        #expect(try Self.csvShape(behaviour.out).hasSuffix("[8] crlf complainant"))

        let report = CommandRunner.run(["report", Self.complaints, "--from", "2024-01-01", "--to", "2025-12-31", "--format", "csv"] + Self.policy)
        #expect(try Self.csvShape(report.out).hasSuffix("[8] crlf table"))
    }

    @Test("restriction reviews never share a CSV table with cases")
    func reviewsNeedTheirOwnFile() {
        let result = CommandRunner.run(["schedule", "/dev/null", "--as-of", "2024-09-01", "--restrictions", Self.contacts, "--format", "csv"] + Self.policy)
        #expect(result.status != 0)
        #expect(result.error.contains("--reviews-output"), "\(result.error)")
        let table = CommandRunner.run(["schedule", "/dev/null", "--as-of", "2024-09-01", "--restrictions", Self.contacts, "--format", "table"] + Self.policy)
        #expect(table.out.contains("Restriction reviews due:\nCOMPLAINANT"), "\(table.out)")
    }

    @Test("an xlsx workbook needs a file")
    func workbookNeedsAFile() {
        let result = CommandRunner.run(["classify", Self.complaints, "--format", "xlsx"] + Self.policy)
        #expect(result.status == 2)
        #expect(result.error.contains("add --output FILE.xlsx"), "\(result.error)")
    }

    @Test("xlsx opens in openpyxl with text ids, real dates, booleans, a header row and frozen panes")
    func workbook() throws {
        let input = try ClassifyCommandTests.write(Self.awkward, suffix: "jsonl")
        let classified = ClassifyCommandTests.scratchPath(".xlsx")
        let classify = CommandRunner.run(["classify", input, "--format", "xlsx", "--output", classified] + Self.policy)
        #expect(classify.status == 0, "\(classify.error)")
        #expect(classify.out.isEmpty)
        let scheduled = classified + ".schedule.xlsx"
        let schedule = CommandRunner.run(
            ["schedule", Self.complaints, "--as-of", "2024-09-01", "--restrictions", Self.contacts, "--format", "xlsx", "--output", scheduled] + Self.policy)
        #expect(schedule.status == 0, "\(schedule.error)")
        let (status, output) = try TestReportTests.python(
            """
            import sys, datetime
            try:
                import openpyxl
            except ImportError:
                print("missing"); sys.exit(3)
            book = openpyxl.load_workbook(sys.argv[1])
            sheet = book["Decisions"]
            header = [c.value for c in sheet[1]]
            col = {name: i for i, name in enumerate(header)}
            rows = list(sheet.iter_rows(min_row=2))
            print(sheet.freeze_panes, sheet.auto_filter.ref, all(c.font.b for c in sheet[1]))
            print([r[col["id"]].value for r in rows], {r[col["id"]].data_type for r in rows})
            print(rows[0][col["version"]].value, rows[0][col["version"]].data_type)
            print(rows[0][col["respond_by"]].value.date(), rows[0][col["respond_by"]].is_date, rows[0][col["respond_by"]].number_format)
            print(rows[2][col["received"]].value.date(), rows[2][col["deemed_received"]].value.date())
            print(rows[1][col["excluded"]].value, rows[1][col["excluded"]].data_type, rows[1][col["redirect"]].value)
            second = openpyxl.load_workbook(sys.argv[2])
            print(second.sheetnames, second["Cases"].max_row, second["Restriction reviews"]["D2"].value.date())
            """, [classified, scheduled])
        if status == 3 {
            #expect(!TestReportTests.required, "openpyxl is required here (pip install openpyxl)")
            return
        }
        #expect(status == 0, "\(output)")
        #expect(
            output == """
                A2 A1:R4 True
                ['000123', '2021-01', '=SUM(A1)'] {'s'}
                2021-01 s
                2025-01-08 True yyyy-mm-dd
                2024-12-21 2024-12-23
                True b Challenge the penalty charge notice (n-somerset.gov.uk, how to challenge a penalty charge notice)

                """ + "['Cases', 'Restriction reviews'] 33 2024-09-01\n", "\(output)")
    }
}
