import CXLSX
import RedressCalendar
import RedressEngine

/// An Excel workbook written through libxlsxwriter, one worksheet per table, with typed cells:
/// text stays text (an id `000123` or a version `2021-01` is never turned into a number or a
/// date), dates are dates shown as `yyyy-mm-dd`, counts are numbers, flags are booleans. Each sheet
/// has a bold header row, frozen panes under it, an autofilter and column widths.
///
/// Rows stream to temporary files (libxlsxwriter's constant-memory mode), so memory stays flat.
/// The file is written by `close()`, opened in place (created or truncated, never renamed).
public final class XLSXWorkbook {
    /// Why a workbook could not be written.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A worksheet holds 1,048,576 rows, the header included.
    public static let maximumRows = Int(LXW_ROW_MAX) - 1
    /// A cell holds at most 32,767 characters.
    static let maximumCellLength = 32_767

    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private let bold: UnsafeMutablePointer<lxw_format>
    private let dateFormat: UnsafeMutablePointer<lxw_format>
    private var sheets: [Worksheet] = []
    private var closed = false
    public let path: String
    /// Cells cut to the spreadsheet's limit of 32,767 characters (reported by the caller).
    public private(set) var shortenedCells = 0

    public init(path: String) throws(Failure) {
        var options = lxw_workbook_options(constant_memory: UInt8(LXW_TRUE.rawValue), tmpdir: nil, use_zip64: UInt8(LXW_TRUE.rawValue))
        guard let workbook = workbook_new_opt(path, &options) else {
            throw Failure(description: "\(path): cannot create the workbook")
        }
        guard let bold = workbook_add_format(workbook), let dateFormat = workbook_add_format(workbook) else {
            throw Failure(description: "\(path): cannot create the workbook's cell formats")
        }
        format_set_bold(bold)
        format_set_bottom(bold, UInt8(LXW_BORDER_THIN.rawValue))
        format_set_num_format(dateFormat, "yyyy-mm-dd")
        self.workbook = workbook
        self.bold = bold
        self.dateFormat = dateFormat
        self.path = path
    }

    deinit {
        if !closed { _ = try? close() }
    }

    /// Adds a worksheet with the layout's header row; returns its index for `append`.
    public func addSheet<Record>(_ layout: SheetLayout<Record>) throws(Failure) -> Int {
        let name = String(layout.title.prefix(31))
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw Failure(description: "\(path): cannot add the worksheet \(name)")
        }
        for (column, declared) in layout.columns.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), Double(declared.width), nil)
            worksheet_write_string(sheet, 0, lxw_col_t(column), declared.name, bold)
        }
        worksheet_freeze_panes(sheet, 1, 0)
        sheets.append(Worksheet(pointer: sheet, columns: layout.columns.count))
        return sheets.count - 1
    }

    /// Writes one record as the next row of a sheet. A full sheet is an error, never a lost row.
    public func append<Record>(_ record: Record, layout: SheetLayout<Record>, sheet index: Int) throws(Failure) {
        let sheet = sheets[index]
        guard sheet.rows < Self.maximumRows else {
            throw Failure(description: "\(path): a worksheet holds \(Self.maximumRows) rows; write this batch as CSV or JSON Lines")
        }
        let row = lxw_row_t(sheet.rows + 1)
        for (column, cell) in layout.cells(record).enumerated() {
            let result = write(cell, sheet.pointer, row, lxw_col_t(column))
            guard result == LXW_NO_ERROR else {
                throw Failure(description: "\(path): row \(row + 1): \(String(cString: lxw_strerror(result)))")
            }
        }
        sheets[index].rows += 1
    }

    private func write(_ cell: SheetCell, _ sheet: UnsafeMutablePointer<lxw_worksheet>, _ row: lxw_row_t, _ column: lxw_col_t) -> lxw_error {
        switch cell {
        case .text(let text):
            guard text.utf16.count > Self.maximumCellLength else { return worksheet_write_string(sheet, row, column, text, nil) }
            shortenedCells += 1
            var cut = ""
            for character in text {
                guard cut.utf16.count + character.utf16.count < Self.maximumCellLength else { break }
                cut.append(character)
            }
            return worksheet_write_string(sheet, row, column, cut + "…", nil)
        case .date(let date):
            let (year, month, day) = date.components
            // Spreadsheet dates start in 1900; an earlier one stays readable as text.
            guard year >= 1900 else { return worksheet_write_string(sheet, row, column, date.description, nil) }
            var value = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
            return worksheet_write_datetime(sheet, row, column, &value, dateFormat)
        case .integer(let value): return worksheet_write_number(sheet, row, column, Double(value), nil)
        case .boolean(let value): return worksheet_write_boolean(sheet, row, column, value ? 1 : 0, nil)
        case .empty: return LXW_NO_ERROR
        }
    }

    /// Writes the file. Each sheet gets an autofilter over its rows.
    public func close() throws(Failure) {
        guard !closed else { return }
        closed = true
        for sheet in sheets where sheet.columns > 0 {
            worksheet_autofilter(sheet.pointer, 0, 0, lxw_row_t(sheet.rows), lxw_col_t(sheet.columns - 1))
        }
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            throw Failure(description: "\(path): \(String(cString: lxw_strerror(result)))")
        }
    }

    private struct Worksheet {
        let pointer: UnsafeMutablePointer<lxw_worksheet>
        let columns: Int
        var rows = 0
    }
}
