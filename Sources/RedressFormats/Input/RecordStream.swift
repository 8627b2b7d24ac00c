import Foundation
import RedressDiagnostics
import RedressEngine

/// Streams records from one or more inputs, in order, each either a record or a failure with its
/// file and line. Each input has its own format, CSV header and line numbers.
public struct RecordStream {
    /// One input: a file or standard input.
    public struct Source {
        /// The file name (nil for standard input or a single unnamed input).
        public var name: String?
        var reader: LineReader
        var format: InputFormat
        /// True when the format was guessed (not given with `--input-format`): the first line is
        /// then sniffed, and input in the other format stops the run with a hint.
        var formatGuessed: Bool
        var header: [String]?
        var csv = CSVRecordParser()
        /// The physical line a CSV record began on (a quoted field may span lines).
        var csvRecordStart = 0
        /// The first encoding failure inside the CSV record being read: a record spanning several
        /// lines with bad bytes on more than one is still one record, and one error record.
        var csvEncodingFailure: RecordFailure?
        var sawContent = false

        public init(name: String?, reader: LineReader, format: InputFormat, formatGuessed: Bool = false) {
            self.name = name
            self.reader = reader
            self.format = format
            self.formatGuessed = formatGuessed
        }
    }

    private var sources: [Source]
    private var current = 0
    /// Whether records and failures carry their file name (when there are several inputs).
    private let namesFiles: Bool

    public init(reader: LineReader, format: InputFormat) {
        self.init(sources: [Source(name: nil, reader: reader, format: format)])
    }

    public init(sources: [Source]) {
        self.sources = sources
        self.namesFiles = sources.count > 1
    }

    /// The fields records may carry; a CSV header with a near miss of one stops the stream.
    public var contract: FieldContract?
    /// CRM columns and values mapped onto the contract (`--map`); replaces the contract check.
    public var map: FieldMap?
    public var encoding: InputEncoding = .utf8
    /// Why the stream stopped before its first record (a header it cannot read, input in the
    /// other format), checked before any row is read.
    public private(set) var problem: StreamProblem?
    /// Blank lines skipped (they are not records, and are counted rather than dropped silently).
    public private(set) var blankLines = 0

    /// Why an input could not be read to its end, if one could not.
    public var readFailure: String? {
        sources.lazy.compactMap { source in source.reader.readFailure.map { (source.name.map { "\($0): " } ?? "") + $0 } }.first
    }

    /// The near-miss header message (kept for callers that only need the text).
    public var headerProblem: String? { problem?.message }

    /// The error record for a line its encoding cannot read.
    static func encodingFailure(_ failure: EncodingFailure, encoding: InputEncoding, line: Int, file: String?) -> RecordFailure {
        let byte = "byte 0x\(String(failure.byte, radix: 16, uppercase: true)) at column \(failure.column)"
        let message =
            encoding == .utf8
            ? "the line is not valid UTF-8 (\(byte)); if the file was saved by Excel, try --encoding windows-1252"
            : "the line is not valid Windows-1252 (\(byte) has no character)"
        return RecordFailure(line: line, id: nil, message: message, file: file)
    }

    public mutating func next() -> Result<InputRecord, RecordFailure>? {
        nextPending(deferJSON: false)?.parsed()
    }

    /// The next record with its JSON Lines parsing left to the caller (`PendingRecord.parsed()`,
    /// which may run on another thread); CSV rows and failures come ready.
    public mutating func nextPending(deferJSON: Bool = true) -> PendingRecord? {
        while problem == nil, current < sources.count {
            if let result = nextInCurrent(deferJSON: deferJSON) { return result }
            current += 1
        }
        return nil
    }

    private mutating func nextInCurrent(deferJSON: Bool) -> PendingRecord? {
        while problem == nil {
            let file = namesFiles ? sources[current].name : nil
            let startLine = sources[current].reader.lineNumber + 1
            guard let line = sources[current].reader.next() else {
                if sources[current].csv.isInsideQuotes {
                    sources[current].csv = CSVRecordParser()
                    sources[current].csvEncodingFailure = nil
                    let first = sources[current].csvRecordStart
                    let last = sources[current].reader.lineNumber
                    return .ready(
                        .failure(
                            RecordFailure(
                                line: first, id: nil,
                                message: "the file ends inside a quoted CSV field opened on line \(first): lines \(first)–\(last) (\(last - first + 1) lines) were read as this one record; close the quote",
                                file: file)))
                }
                return nil
            }
            switch line {
            case .tooLong(let length):
                return .ready(
                    .failure(
                        RecordFailure(
                            line: sources[current].reader.lineNumber, id: nil,
                            message: "line is \(length) bytes, more than the limit of \(LineReader.defaultMaxLineBytes)", file: file)))
            case .text(var bytes):
                if startLine == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
                // A JSON Lines record after the first is checked as UTF-8 where it is parsed (on a
                // worker), with the same message; the first line is sniffed here, so checked here.
                let validateLater = deferJSON && encoding == .utf8 && sources[current].format == .jsonl && sources[current].sawContent
                switch validateLater ? .success(bytes) : encoding.utf8(bytes) {
                case .failure(let failure) where sources[current].format == .csv && sources[current].header == nil:
                    let found = Self.encodingFailure(failure, encoding: encoding, line: startLine, file: file)
                    problem = StreamProblem(
                        message: (sources[current].name.map { "\($0): " } ?? "") + "the CSV header cannot be read: " + found.message,
                        help: "no row was read")
                case .failure(let failure) where sources[current].format == .csv:
                    // The line still belongs to its CSV record (a quote may open or close on it):
                    // read it for its quotes, and fail the record once, when it ends.
                    if !sources[current].csv.isInsideQuotes { sources[current].csvRecordStart = startLine }
                    let failed = Self.encodingFailure(failure, encoding: encoding, line: startLine, file: file)
                    if sources[current].csvEncodingFailure == nil {
                        sources[current].csvEncodingFailure = RecordFailure(
                            line: sources[current].csvRecordStart, id: nil,
                            message: failed.message + (startLine == sources[current].csvRecordStart ? "" : " (on line \(startLine))"), file: file)
                    }
                    switch sources[current].record(
                        ArraySlice(Array(String(decoding: bytes, as: UTF8.self).utf8)), line: startLine, contract: contract, map: map, file: file)
                    {
                    case .nothing: continue
                    case .stop(let found): problem = found
                    default:
                        let failure = sources[current].csvEncodingFailure
                        sources[current].csvEncodingFailure = nil
                        if let failure { return .ready(.failure(failure)) }
                    }
                case .failure(let failure):
                    return .ready(.failure(Self.encodingFailure(failure, encoding: encoding, line: startLine, file: file)))
                case .success(let text):
                    switch sources[current].record(text, line: startLine, contract: contract, map: map, file: file, deferJSON: deferJSON) {
                    case .record(let result):
                        if let failure = sources[current].csvEncodingFailure {
                            // A CSV record with a bad byte on an earlier line fails as a whole.
                            sources[current].csvEncodingFailure = nil
                            return .ready(.failure(failure))
                        }
                        return .ready(result)
                    case .pending(let pending): return pending
                    case .blank: blankLines += 1
                    case .nothing: continue
                    case .stop(let found): problem = found
                    }
                }
            }
        }
        return nil
    }
}
