import Glibc
import RedressCalendar
import RedressEngine

/// An Excel workbook (Office Open XML SpreadsheetML in a zip container, ECMA-376), one worksheet
/// per table, with typed cells: text stays text (an id `000123` or a version `2021-01` is never
/// turned into a number or a date), dates are dates shown as `yyyy-mm-dd`, counts are numbers,
/// flags are booleans. Each sheet has a bold header row, frozen panes under it, an autofilter and
/// column widths.
///
/// Written with no library beyond zlib: each sheet's XML is deflated as its rows arrive into a
/// temporary file with no name, so memory stays flat whatever the number of rows; `close()`
/// assembles the archive and puts it in place of `path` in one rename, so a run that fails leaves
/// an existing file as it was.
public final class XLSXWorkbook {
    /// Why a workbook could not be written.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A worksheet holds 1,048,576 rows, the header included.
    public static let maximumRows = 1_048_575
    /// A cell holds at most 32,767 characters.
    static let maximumCellLength = 32_767

    public let path: String
    private let file: ReplacementFile
    private var sheets: [Worksheet] = []
    private var closed = false
    /// Cells cut to the spreadsheet's limit of 32,767 characters (reported by the caller).
    public private(set) var shortenedCells = 0

    public init(path: String) throws(Failure) {
        do {
            file = try ReplacementFile(path: path)
        } catch {
            throw Failure(description: "\(path): cannot create the workbook: \(String(cString: strerror(error.code)))")
        }
        self.path = path
    }

    /// Adds a worksheet with the layout's header row; returns its index for `append`.
    public func addSheet<Record>(_ layout: SheetLayout<Record>) throws(Failure) -> Int {
        let name = SpreadsheetXML.sheetName(layout.title, taken: sheets.map(\.name))
        let sheet = try failing { () throws(FileFailure) in
            try Worksheet(name: name, part: DeflatedPart(name: "xl/worksheets/sheet\(sheets.count + 1).xml"), columns: layout.columns.map(\.width))
        }
        sheet.xml.raw(SpreadsheetXML.worksheetStart(widths: layout.columns.map(\.width)))
        sheet.xml.raw("<row r=\"1\">")
        for (column, declared) in layout.columns.enumerated() {
            sheet.xml.cell(.text(declared.name), reference: sheet.letters[column], row: 1, style: SpreadsheetXML.Style.header)
        }
        sheet.xml.raw("</row>")
        sheets.append(sheet)
        return sheets.count - 1
    }

    /// Writes one record as the next row of a sheet. A full sheet is an error, never a lost row.
    public func append<Record>(_ record: Record, layout: SheetLayout<Record>, sheet index: Int) throws(Failure) {
        let sheet = sheets[index]
        guard sheet.rows < Self.maximumRows else {
            throw Failure(description: "\(path): a worksheet holds \(Self.maximumRows) rows; write this batch as CSV or JSON Lines")
        }
        sheet.rows += 1
        let row = sheet.rows + 1
        sheet.xml.raw("<row r=\"")
        sheet.xml.number(row)
        sheet.xml.raw("\">")
        for (column, cell) in layout.cells(record).enumerated() {
            sheet.xml.cell(shortened(cell), reference: sheet.letters[column], row: row, style: nil)
        }
        sheet.xml.raw("</row>")
        if sheet.xml.bytes.count >= 1 << 16 { try flush(sheet) }
    }

    /// Text longer than a cell holds, cut with an ellipsis and counted.
    private func shortened(_ cell: SheetCell) -> SheetCell {
        guard case .text(let text) = cell, text.utf16.count > Self.maximumCellLength else { return cell }
        shortenedCells += 1
        var cut = ""
        for character in text {
            guard cut.utf16.count + character.utf16.count < Self.maximumCellLength else { break }
            cut.append(character)
        }
        return .text(cut + "…")
    }

    private func flush(_ sheet: Worksheet) throws(Failure) {
        try failing { () throws(FileFailure) in try sheet.part.append(sheet.xml.bytes) }
        sheet.xml.bytes.removeAll(keepingCapacity: true)
    }

    /// Writes the file and puts it in place. Each sheet gets an autofilter over its rows.
    public func close() throws(Failure) {
        guard !closed else { return }
        closed = true
        for sheet in sheets {
            sheet.xml.raw("</sheetData>")
            if !sheet.letters.isEmpty, let last = sheet.letters.last {
                sheet.xml.raw("<autoFilter ref=\"A1:\(last)\(sheet.rows + 1)\"/>")
            }
            sheet.xml.raw("</worksheet>")
            try flush(sheet)
        }
        let names = sheets.map(\.name)
        let filters = sheets.map { sheet in sheet.letters.last.map { "$A$1:$\($0)$\(sheet.rows + 1)" } }
        try failing { () throws(FileFailure) in
            var parts: [DeflatedPart] = []
            for (name, text) in SpreadsheetXML.packageParts(sheetNames: names, filters: filters) {
                let part = try DeflatedPart(name: name, level: 6)
                try part.append(Array(text.utf8))
                parts.append(part)
            }
            try ZipArchive.write(parts + sheets.map(\.part), to: file)
            try file.commit()
        }
    }

    /// Drops the workbook: the file at `path` stays as it was.
    public func abandon() {
        closed = true
        file.abandon()
    }

    private func failing<T>(_ body: () throws(FileFailure) -> T) throws(Failure) -> T {
        do {
            return try body()
        } catch {
            file.abandon()
            closed = true
            throw Failure(description: "\(error.path == "zlib" ? path : error.path): \(String(cString: strerror(error.code)))")
        }
    }

    /// A sheet being written: its part, the XML not yet deflated, its column letters.
    private final class Worksheet {
        let name: String
        let part: DeflatedPart
        let letters: [String]
        var xml = SheetXMLBuffer()
        var rows = 0

        init(name: String, part: DeflatedPart, columns widths: [Int]) {
            self.name = name
            self.part = part
            letters = widths.indices.map(SpreadsheetXML.columnLetters)
        }
    }
}
