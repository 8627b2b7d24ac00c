import Foundation
import RedressDiagnostics

/// One input record (a JSON Lines object or a CSV row) with the line it started on.
public struct InputRecord: Sendable {
    public var line: Int
    public var fields: [RecordField]

    public init(line: Int, fields: [RecordField]) {
        self.line = line
        self.fields = fields
    }

    public func field(_ name: String) -> RecordField? { fields.first { $0.name == name } }

    /// A text field: nil when absent, null or empty; an error when it holds a list or an object.
    /// Numbers are read as their text when `numbers` is true.
    public func text(_ name: String, numbers: Bool = false) throws(RecordError) -> String? {
        switch field(name)?.value {
        case nil, .null?: return nil
        case .string(let value)?: return value.isEmpty ? nil : value
        case .number(let value)? where numbers: return value
        default: throw RecordError("`\(name)` must be text")
        }
    }

    /// The record's `id` if it can be read, for error reports.
    public var id: String? {
        switch field("id")?.value {
        case .string(let text): text
        case .number(let text): text
        default: nil
        }
    }
}

/// A record that could not be read or judged: reported, never dropped.
public struct RecordFailure: Error, Sendable, Hashable {
    public var line: Int
    public var id: String?
    public var message: String

    public init(line: Int, id: String?, message: String) {
        self.line = line
        self.id = id
        self.message = message
    }
}

/// The input formats `classify` and `schedule` read.
public enum InputFormat: String, Sendable, CaseIterable {
    case jsonl, csv

    /// Guesses from a file name: `.csv` is CSV, anything else JSON Lines.
    public static func guess(path: String?) -> InputFormat {
        path?.lowercased().hasSuffix(".csv") == true ? .csv : .jsonl
    }
}

/// Streams records from a line reader, in order, each either a record or a failure with its line.
public struct RecordStream {
    private var reader: LineReader
    private let format: InputFormat
    private var header: [String]?
    private var csv = CSVRecordParser()
    /// The physical line a CSV record began on (a quoted field may span lines).
    private var csvRecordStart = 0

    public init(reader: LineReader, format: InputFormat) {
        self.reader = reader
        self.format = format
    }

    /// Why the input could not be read to its end, if it could not.
    public var readFailure: String? { reader.readFailure }
    /// The fields records may carry; a CSV header with a near miss of one stops the stream.
    public var contract: FieldContract?
    /// Why the CSV header was refused (a near-miss column name), checked before any row is read.
    public private(set) var headerProblem: String?
    /// Blank lines skipped (they are not records, and are counted rather than dropped silently).
    public private(set) var blankLines = 0

    public mutating func next() -> Result<InputRecord, RecordFailure>? {
        while headerProblem == nil {
            let startLine = reader.lineNumber + 1
            guard let line = reader.next() else {
                if csv.isInsideQuotes {
                    csv = CSVRecordParser()
                    return .failure(
                        RecordFailure(line: csvRecordStart, id: nil, message: "the file ends inside a quoted CSV field opened on this line"))
                }
                return nil
            }
            switch line {
            case .tooLong(let length):
                return .failure(
                    RecordFailure(line: reader.lineNumber, id: nil, message: "line is \(length) bytes, more than the limit of \(LineReader.defaultMaxLineBytes)"))
            case .text(var bytes):
                if startLine == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
                if let result = record(bytes, line: startLine) { return result }
            }
        }
        return nil
    }

    private mutating func record(_ bytes: ArraySlice<UInt8>, line: Int) -> Result<InputRecord, RecordFailure>? {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .failure(RecordFailure(line: line, id: nil, message: "the line is not valid UTF-8"))
        }
        switch format {
        case .jsonl:
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                blankLines += 1
                return nil
            }
            do {
                return .success(InputRecord(line: line, fields: try JSONObjectReader.read(Array(bytes))))
            } catch {
                return .failure(RecordFailure(line: line, id: nil, message: "invalid JSON: \(error.message)"))
            }
        case .csv:
            if !csv.isInsideQuotes { csvRecordStart = line }
            let recordLine = csvRecordStart
            let cells: [String]?
            do {
                cells = try csv.feed(bytes)
            } catch {
                csv = CSVRecordParser()
                return .failure(RecordFailure(line: recordLine, id: nil, message: "invalid CSV: \(error.message)"))
            }
            guard let cells else { return nil }
            guard let header else {
                let names = cells.map { $0.trimmingCharacters(in: .whitespaces) }
                if Set(names).count != names.count {
                    return .failure(RecordFailure(line: recordLine, id: nil, message: "the CSV header repeats a column name"))
                }
                header = names
                if let problem = contract?.problem(in: names) { headerProblem = "the CSV header: " + problem }
                return nil
            }
            if cells.count == 1, cells[0].isEmpty {
                blankLines += 1
                return nil
            }
            guard cells.count == header.count else {
                return .failure(
                    RecordFailure(
                        line: recordLine, id: header.firstIndex(of: "id").flatMap { $0 < cells.count ? cells[$0] : nil },
                        message: "expected \(header.count) CSV columns, found \(cells.count)"))
            }
            var fields: [RecordField] = []
            for (name, cell) in zip(header, cells) where !cell.isEmpty {
                let value: JSONValue =
                    name == "categories"
                    ? .array(cell.split(separator: ";").map { .string($0.trimmingCharacters(in: .whitespaces)) })
                    : .string(cell)
                fields.append(RecordField(name: name, value: value, rawJSON: JSONText.quoted(cell)))
            }
            return .success(InputRecord(line: recordLine, fields: fields))
        }
    }
}
