import Foundation
import RedressCalendar
import RedressEngine
import RedressTestSupport
import Testing

@testable import RedressFormats

/// The workbook writer against openpyxl (PyPI), an independent reader of Office Open XML: every
/// cell type read back as what it is, awkward text unchanged, thousands of rows across the
/// writer's flushes, and dates on both sides of Excel's 1900 leap-year quirk.
@Suite("xlsx workbooks")
struct XLSXWorkbookTests {
    struct Row: Sendable {
        var id: String
        var date: LocalDate?
        var count: Int
        var flag: Bool
    }

    static let layout = SheetLayout<Row>(
        title: "Rows: [all]",
        columns: [
            SheetColumn("id", width: 20) { .text($0.id) }, SheetColumn("date") { .date($0.date) },
            SheetColumn("count") { .integer($0.count) }, SheetColumn("flag") { .boolean($0.flag) },
        ])

    /// Text a naive writer would break: markup, XML-illegal controls, Excel's own escape form,
    /// non-characters, emoji, spaces at the ends, a formula-looking id.
    static let awkward = [
        "a < b & c > d", "bell\u{07}and\u{01}nul-free", "_x0041_ stays literal", "\u{FFFE}\u{FFFF}",
        "  padded  ", "line one\nline two\r\nthree\ttab", "=SUM(A1)", "Ysgol Gymraeg 👩‍👩‍👧 é",
    ]

    @Test("openpyxl reads back every cell as written, with types, header, panes and filter")
    func roundTrip() throws {
        try TemporaryFolder.with { folder in
            let path = folder.file("book.xlsx")
            let book = try XLSXWorkbook(path: path)
            let sheet = try book.addSheet(Self.layout)
            let dates = [
                try LocalDate(iso: "1900-01-01"), try LocalDate(iso: "1900-02-28"), try LocalDate(iso: "1900-03-01"),
                try LocalDate(iso: "2024-02-29"), try LocalDate(iso: "1899-12-31"), nil,
            ]
            var rows: [Row] = Self.awkward.enumerated().map { Row(id: $1, date: dates[$0 % dates.count], count: $0 - 3, flag: $0 % 2 == 0) }
            // Enough rows to pass the writer's 64 KiB flush many times.
            rows += (0..<5_000).map { Row(id: String(format: "%06d", $0), date: try? LocalDate(iso: "2024-12-20"), count: $0, flag: false) }
            for row in rows { try book.append(row, layout: Self.layout, sheet: sheet) }
            let second = try book.addSheet(SheetLayout<Row>(title: "Rows: [all]", columns: []))
            try book.close()
            #expect(second == 1)

            let script = Oracle.imports("openpyxl") + """
                import sys, json
                from openpyxl.utils.escape import unescape  # _xHHHH_, as Excel reads it
                book = openpyxl.load_workbook(sys.argv[1])
                sheet = book.worksheets[0]
                print(json.dumps(book.sheetnames))
                print(sheet.freeze_panes, sheet.auto_filter.ref, all(c.font.b for c in sheet[1]), sheet.max_row)
                for row in sheet.iter_rows(min_row=2, max_row=9):
                    print(json.dumps([unescape(row[0].value), row[0].data_type, row[1].value.isoformat() if row[1].is_date else row[1].value, row[2].value, row[3].value]))
                print(sheet["A5001"].value, sheet["C5001"].value, sheet["B5001"].number_format)
                """
            guard let (status, output) = try Oracle.python(script, [path]).result() else { return }
            #expect(status == 0, "\(output)")
            var lines = output.split(separator: "\n").map(String.init)
            #expect(lines.removeFirst() == #"["Rows- -all-", "Rows- -all- (2)"]"#)
            #expect(lines.removeFirst() == "A2 A1:D5009 True 5009")
            let expectedDates = ["1900-01-01T00:00:00", "1900-02-28T00:00:00", "1900-03-01T00:00:00", "2024-02-29T00:00:00", "1899-12-31", nil]
            for (index, text) in Self.awkward.enumerated() {
                let row = try JSONSerialization.jsonObject(with: Data(lines[index].utf8)) as? [Any] ?? []
                #expect(row.first as? String == text, "row \(index)")
                #expect(row[1] as? String == "s")
                #expect(row[2] as? String == expectedDates[index % expectedDates.count], "row \(index)")
                #expect(row[3] as? Int == index - 3)
                #expect(row[4] as? Bool == (index % 2 == 0))
            }
            #expect(lines.last == "004991 4991 yyyy-mm-dd")
        }
    }

    @Test("text past a cell's 32,767 characters is cut with an ellipsis and counted")
    func longText() throws {
        try TemporaryFolder.with { folder in
            let book = try XLSXWorkbook(path: folder.file("long.xlsx"))
            let sheet = try book.addSheet(Self.layout)
            try book.append(Row(id: String(repeating: "é", count: 40_000), date: nil, count: 0, flag: true), layout: Self.layout, sheet: sheet)
            try book.close()
            #expect(book.shortenedCells == 1)
        }
    }

    @Test("a workbook that is never closed leaves the file that was there untouched")
    func abandoned() throws {
        try TemporaryFolder.with { folder in
            let path = try folder.write("precious", to: "kept.xlsx")
            do {
                let book = try XLSXWorkbook(path: path)
                let sheet = try book.addSheet(Self.layout)
                try book.append(Row(id: "1", date: nil, count: 1, flag: true), layout: Self.layout, sheet: sheet)
                book.abandon()
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.xlsx"])
        }
    }

    @Test("column letters", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")])
    func letters(column: Int, letters: String) {
        #expect(SpreadsheetXML.columnLetters(column) == letters)
    }
}
