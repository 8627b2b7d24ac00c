import RedressCalendar
import RedressEngine

/// One cell of a tabular output, typed so a spreadsheet can store it as what it is: an id or a
/// version stays text (`000123`, `2021-01`), a date is a date, a count a number.
public enum SheetCell: Sendable, Equatable {
    case text(String)
    case date(LocalDate)
    case integer(Int)
    case boolean(Bool)
    /// A share as a fraction (0.667), shown as a percentage with one decimal (`66.7%`).
    case percent(Double)
    /// A number with one decimal shown (working days on average).
    case decimal(Double)
    /// Pounds, shown `£1,250.00` (the value in pence, so it is exact).
    case money(pence: Int)
    case empty

    /// A date, or an empty cell.
    public static func date(_ date: LocalDate?) -> SheetCell { date.map(SheetCell.date) ?? .empty }

    /// Text, or an empty cell.
    public static func text(_ text: String?) -> SheetCell { text.map(SheetCell.text) ?? .empty }

    /// The cell as CSV writes it (before quoting).
    public var plainText: String {
        switch self {
        case .text(let text): text
        case .date(let date): date.description
        case .integer(let value): String(value)
        case .boolean(let value): String(value)
        case .percent(let value): String(value)
        case .decimal(let value): String(value)
        case .money(let pence): Money(pence: pence).description
        case .empty: ""
        }
    }
}

/// A named column of a table of `Record`s and how to read its cell from a record.
public struct SheetColumn<Record>: Sendable {
    public let name: String
    /// Suggested width in characters for a spreadsheet.
    public let width: Int
    public let cell: @Sendable (Record) -> SheetCell

    public init(_ name: String, width: Int = 12, _ cell: @escaping @Sendable (Record) -> SheetCell) {
        self.name = name
        self.width = width
        self.cell = cell
    }
}

/// The declared columns of one table. Every row is made by reading each declared column from a
/// record, so no writer can produce a row with more or fewer cells than the header.
public struct SheetLayout<Record>: Sendable {
    public let title: String
    public let columns: [SheetColumn<Record>]

    public init(title: String, columns: [SheetColumn<Record>]) {
        self.title = title
        self.columns = columns
    }

    public func cells(_ record: Record) -> [SheetCell] { columns.map { $0.cell(record) } }

    /// RFC 4180 CSV: a byte-order mark and the header, then `row(_:)` per record; every line CRLF.
    public var csvHeader: String {
        DecisionEncoder.csvByteOrderMark + CSVRecordParser.csvLine(columns.map(\.name))
    }

    public func csvRow(_ record: Record) -> String {
        var bytes: [UInt8] = []
        csvRow(record, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `csvRow(_:)` appended to a byte buffer, each cell written in place (the streaming path).
    public func csvRow(_ record: Record, into bytes: inout [UInt8]) {
        var writer = ByteWriter(bytes: bytes)
        bytes = []
        for (index, column) in columns.enumerated() {
            if index > 0 { writer.bytes.append(UInt8(ascii: ",")) }
            switch column.cell(record) {
            case .empty: break
            case .date(let date): writer.plainDate(date)
            case .text(let text): CSVRecordParser.appendQuoted(text, to: &writer.bytes)
            case let cell: CSVRecordParser.appendQuoted(cell.plainText, to: &writer.bytes)
            }
        }
        writer.raw("\r\n")
        bytes = writer.bytes
    }
}

extension CSVRecordParser {
    /// One CSV line: each value quoted where it must be, joined by commas, ended by CRLF.
    public static func csvLine(_ values: [String]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.reduce(2 + values.count) { $0 + $1.utf8.count + 2 })
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendQuoted(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
