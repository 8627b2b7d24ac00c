import Foundation
import RedressDiagnostics
import RedressEngine

extension RecordStream.Source {
    /// What one line of input amounts to.
    enum LineOutcome {
        case record(Result<InputRecord, RecordFailure>)
        /// A JSON Lines record whose parsing was left to the caller (`RecordStream.nextPending`).
        case pending(PendingRecord)
        case blank
        /// A header, or a line inside a quoted CSV field.
        case nothing
        case stop(StreamProblem)
    }

    /// Reads one line (valid UTF-8) as JSON Lines or CSV.
    mutating func record(
        _ bytes: ArraySlice<UInt8>, line: Int, contract: FieldContract?, map: FieldMap?, file: String?, deferJSON: Bool = false
    ) -> LineOutcome {
        if !sawContent, !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            sawContent = true
            if let problem = sniff(bytes) { return .stop(problem) }
        }
        switch format {
        case .jsonl:
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .blank }
            // The line stays a slice of the reader's buffer (no copy per line): the reader starts a
            // new buffer rather than overwrite one a pending record still holds.
            let pending = PendingRecord.json(bytes, line: line, file: file, map: map, validate: deferJSON && sawContent)
            return deferJSON ? .pending(pending) : .record(pending.parsed())
        case .csv:
            if !csv.isInsideQuotes { csvRecordStart = line }
            let recordLine = csvRecordStart
            let cells: [String]?
            do {
                cells = try csv.feed(bytes)
            } catch {
                csv = CSVRecordParser()
                let span = line > recordLine ? " (lines \(recordLine)–\(line) were read as this one record)" : ""
                return .record(.failure(RecordFailure(line: recordLine, id: nil, message: "invalid CSV: \(error.message)\(span)", file: file)))
            }
            guard let cells else { return .nothing }
            guard let header else {
                let names = cells.map { $0.trimmingCharacters(in: .whitespaces) }
                if let repeated = names.enumerated().first(where: { index, name in names[..<index].contains(name) })?.element {
                    // A header that cannot be read stops the run before any row: no row is taken for a header.
                    let where_ = name.map { "\($0): " } ?? ""
                    return .stop(
                        StreamProblem(
                            message: where_ + "the CSV header names column `\(repeated)` twice", help: "give each column one name; no row was read"))
                }
                header = names
                let where_ = name.map { "\($0): " } ?? ""
                if let map {
                    if let problem = map.headerProblem(names) { return .stop(StreamProblem(message: where_ + problem.message, help: problem.help)) }
                } else if let problem = contract?.problem(in: names) {
                    return .stop(
                        StreamProblem(
                            message: where_ + "the CSV header: " + problem,
                            help: "rename the column to the field it holds (docs/input-output.md lists them), or describe the export with --map; no row was read"))
                }
                return .nothing
            }
            if cells.count == 1, cells[0].isEmpty { return .blank }
            let idColumn = map?.rules.first { $0.field == "id" }?.column ?? "id"
            guard cells.count == header.count else {
                return .record(
                    .failure(
                        RecordFailure(
                            line: recordLine, id: header.firstIndex(of: idColumn).flatMap { $0 < cells.count ? cells[$0] : nil },
                            message: "expected \(header.count) CSV columns, found \(cells.count)", file: file)))
            }
            var fields: [RecordField] = []
            for (name, cell) in zip(header, cells) where !cell.isEmpty {
                let value: JSONValue =
                    name == "categories" && map == nil
                    ? .array(cell.split(separator: ";").map { .string($0.trimmingCharacters(in: .whitespaces)) })
                    : .string(cell)
                fields.append(RecordField(name: name, value: value, rawJSON: JSONText.quoted(cell)))
            }
            return .record(Self.mapped(InputRecord(line: recordLine, fields: fields, file: file), map))
        }
    }

    /// The record in the contract's terms when a map is given; an unmapped value fails the record.
    static func mapped(_ record: InputRecord, _ map: FieldMap?) -> Result<InputRecord, RecordFailure> {
        guard let map else { return .success(record) }
        let idColumn = map.rules.first { $0.field == "id" }?.column
        do {
            return .success(InputRecord(line: record.line, fields: try map.apply(record.fields), file: record.file))
        } catch {
            let id: String? = idColumn.flatMap { column in
                if case .string(let text)? = record.field(column)?.value { text } else { nil }
            }
            return .failure(RecordFailure(line: record.line, id: id, message: error.message, file: record.file))
        }
    }

    /// When the format was guessed, input that is plainly the other format stops the run with a
    /// hint instead of failing every line.
    func sniff(_ bytes: ArraySlice<UInt8>) -> StreamProblem? {
        guard formatGuessed else { return nil }
        let first = bytes.first { $0 != 0x20 && $0 != 0x09 }
        let what = name ?? "standard input"
        let preview = String(decoding: bytes.prefix(60), as: UTF8.self)
        switch format {
        case .jsonl where first == UInt8(ascii: "["):
            return StreamProblem(
                message: "\(what) starts with `[`: it looks like one JSON array, not JSON Lines",
                help: "write one JSON object per line (e.g. `jq -c '.[]' FILE`)")
        case .jsonl where first != UInt8(ascii: "{") && bytes.contains(UInt8(ascii: ",")):
            return StreamProblem(
                message: "\(what) looks like CSV (its first line is `\(preview)`), not JSON Lines",
                help: "pass --input-format csv (a file whose name ends in .csv is read as CSV)")
        case .csv where first == UInt8(ascii: "{"):
            return StreamProblem(message: "\(what) looks like JSON Lines, not CSV", help: "pass --input-format jsonl")
        default:
            return nil
        }
    }
}

/// A record read from its input in order but not yet parsed: JSON Lines parsing is the costly part
/// of reading, and it needs nothing from the lines before, so a batch can parse records on every
/// core and still emit them in input order.
public enum PendingRecord: Sendable {
    case ready(Result<InputRecord, RecordFailure>)
    /// `validate`: the line's UTF-8 is still to be checked.
    case json(ArraySlice<UInt8>, line: Int, file: String?, map: FieldMap?, validate: Bool)

    /// The line of a JSON Lines record read with no field map, still to be parsed.
    public var unmappedJSONLine: ArraySlice<UInt8>? {
        if case .json(let bytes, _, _, nil, _) = self { bytes } else { nil }
    }

    /// The record, or why it could not be read — the same as reading it in order.
    public func parsed() -> Result<InputRecord, RecordFailure> {
        switch self {
        case .ready(let result): return result
        case .json(let bytes, let line, let file, let map, let validate):
            if validate, case .failure(let failure) = InputEncoding.utf8.utf8(bytes) {
                return .failure(RecordStream.encodingFailure(failure, encoding: .utf8, line: line, file: file))
            }
            let fields: [RecordField]
            do {
                fields = try JSONObjectReader.read(Array(bytes))
            } catch {
                return .failure(RecordFailure(line: line, id: nil, message: "invalid JSON: \(error.message)", file: file))
            }
            return RecordStream.Source.mapped(InputRecord(line: line, fields: fields, file: file), map)
        }
    }
}
