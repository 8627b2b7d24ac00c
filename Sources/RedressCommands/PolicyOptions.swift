import ArgumentParser
import Foundation
import RedressDiagnostics
import RedressEngine
import RedressFormats
import RedressPolicy

/// `--policy PATH`: a policy file, or a council folder holding one file per version.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A policy file, or a council folder of versions.", valueName: "path"), completion: PathCompletion.policies)
    var policy: String

    @OptionGroup var library: LibraryOptions

    /// Loads, checks and compiles every version; a broken policy stops here with its diagnostics.
    func engine() throws(ExitCode) -> Engine {
        guard let root = library.resolvedLibrary(near: policy) else {
            throw couldNotRun("cannot find the policy library for \(policy)", help: "pass --library DIR")
        }
        do {
            return try Engine.load(path: policy, library: PolicyLibrary(root: root))
        } catch {
            report(error)
            // A file that is not there could not be read (2); a policy that was read and is wrong
            // is invalid (1), as for `redress check`.
            Console.error("error: the policy has errors; nothing was processed\nhelp: run `redress check` on it\n")
            throw policyFailure(error)
        }
    }
}

/// Reading records and writing results in the formats every batch command shares.
struct BatchOptions: ParsableArguments {
    @OptionGroup var input: InputOptions

    @Option(help: "Output format: jsonl, csv, table or xlsx (default: table on a terminal, else jsonl).")
    var format: OutputFormatOption?

    @Option(help: ArgumentHelp("Write results to this file instead of standard output (needed for xlsx).", valueName: "file"), completion: .file(extensions: ["jsonl", "csv", "txt", "xlsx"]))
    var output: String?

    @Option(help: ArgumentHelp("Write error records to this file instead of standard error.", valueName: "file"), completion: .file())
    var errors: String?

    enum OutputFormatOption: String, ExpressibleByArgument, CaseIterable { case jsonl, csv, table, xlsx }

    /// A workbook instead of text.
    var writesWorkbook: Bool { format == .xlsx }

    /// The text format (for xlsx no text is written; its records still go through `ResultOutput`).
    var outputFormat: DecisionEncoder.Format {
        format.flatMap { DecisionEncoder.Format(rawValue: $0.rawValue) } ?? (writesWorkbook || output != nil || !Console.current.isTerminal ? .jsonl : .table)
    }

    /// The width a table must fit: the terminal's, unless results go to a file.
    var tableWidth: Int? { output == nil ? Console.current.columns : nil }
    /// Colour only on a terminal.
    var colour: Bool { output == nil && Console.current.colour }

    /// The named input files (not standard input).
    var files: [String] { input.files }

    func records(contract: FieldContract, vocabulary: PolicyVocabulary? = nil) throws(ExitCode) -> RecordStream {
        try input.records(contract: contract, vocabulary: vocabulary)
    }

    /// On a table, failed records are kept back and shown in their own section after it, in words.
    var failuresAfterTable: Bool { outputFormat == .table && errors == nil }

    /// An error record as written: JSON Lines, or a readable line after a table.
    func failureText(_ failure: RecordFailure) -> String {
        guard failuresAfterTable else { return RecordFailureEncoder.encode(failure) }
        let place = (failure.file.map { "\($0): " } ?? "") + "line \(failure.line)"
        return "  \(place)" + (failure.id.map { " (\(DecisionEncoder.escapingControls($0)))" } ?? "") + ": \(DecisionEncoder.escapingControls(failure.message))\n"
    }

    func errorSink() throws(ExitCode) -> BufferedOutput {
        if failuresAfterTable {
            return BufferedOutput(write: { Console.error("\nFailed records:\n" + $0) }, holding: true)
        }
        guard let errors else { return BufferedOutput(write: Console.error) }
        return try outputFile(errors, option: "--errors")
    }

    func outputFile(_ path: String, option: String) throws(ExitCode) -> BufferedOutput {
        try input.outputFile(path, option: option)
    }
}

/// Runs `body` on every record of a stream, in order. A record that cannot be read, or that `body`
/// rejects, becomes an error record; none is dropped. Returns how many failed.
func forEachRecord(
    _ records: inout RecordStream, errors: inout BufferedOutput, describe: (RecordFailure) -> String = RecordFailureEncoder.encode,
    _ body: (InputRecord) throws(RecordError) -> Void
) throws(ExitCode) -> Int {
    var failed = 0
    var progress = ProgressLine()
    defer { progress.finish() }
    while let next = records.next() {
        progress.advance()
        switch next {
        case .success(let record):
            do {
                try body(record)
            } catch {
                errors.append(describe(RecordFailure(line: record.line, id: record.id, message: error.message, file: record.file)))
                failed += 1
            }
        case .failure(let failure):
            errors.append(describe(failure))
            failed += 1
        }
    }
    try endOfInput(records, errors: &errors)
    return failed
}

/// After the last record: a stream that stopped on a problem (a header it cannot read, input in
/// the other format) or could not be read to its end ends the run, after the error records so far.
func endOfInput(_ records: RecordStream, errors: inout BufferedOutput) throws(ExitCode) {
    if let problem = records.problem {
        errors.flush()
        throw couldNotRun(problem.message, help: problem.help)
    }
    if let problem = records.readFailure {
        errors.flush()
        throw couldNotRun("cannot read the input: \(problem)")
    }
}

/// Collects output and writes it in large pieces: one write per line would dominate a batch.
/// A holding buffer writes nothing until `flush()` (a section after a table), keeping at most
/// `heldLimit` bytes and counting what it could not keep.
struct BufferedOutput {
    let write: ([UInt8]) -> Void
    /// The file behind it, committed by `finish()`; nil for standard output and error.
    let sink: OutputSink?
    private(set) var pending: [UInt8] = []
    let holding: Bool
    static let heldLimit = 1 << 20
    private(set) var dropped = 0

    init(write: @escaping (String) -> Void, holding: Bool = false) {
        self.init(bytes: { write(String(decoding: $0, as: UTF8.self)) }, holding: holding)
    }

    /// Writes the bytes as they are (no String made of each piece).
    init(bytes write: @escaping ([UInt8]) -> Void, holding: Bool = false) {
        self.write = write
        self.holding = holding
        sink = nil
        pending.reserveCapacity(1 << 17)
    }

    /// Output to a file that is put in place by `finish()`.
    init(sink: OutputSink) {
        write = sink.write
        holding = false
        self.sink = sink
        pending.reserveCapacity(1 << 17)
    }

    /// Writes what is pending and puts a file in place: the end of a run that succeeded. A write
    /// to standard output that failed ends the run here too (exit 2).
    mutating func finish() throws(ExitCode) {
        flush()
        try sink?.commit()
        try Console.current.checkOutput()
    }

    mutating func append(_ text: String) {
        if holding, pending.count + text.utf8.count > Self.heldLimit {
            dropped += 1
            return
        }
        pending.append(contentsOf: text.utf8)
        flushIfFull()
    }

    /// Bytes already encoded (a chunk's results): a large piece is written as it is, after what is
    /// pending, rather than copied into the buffer first.
    mutating func append(bytes: [UInt8]) {
        guard !holding, bytes.count >= 1 << 16 else { return append { $0.append(contentsOf: bytes) } }
        flush()
        write(bytes)
    }

    /// Lets an encoder append bytes directly.
    mutating func append(_ body: (inout [UInt8]) -> Void) {
        body(&pending)
        flushIfFull()
    }

    private mutating func flushIfFull() {
        if !holding, pending.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        if dropped > 0 {
            pending.append(contentsOf: "  … and \(dropped) more; write them all with --errors FILE\n".utf8)
            dropped = 0
        }
        if !pending.isEmpty { write(pending) }
        pending.removeAll(keepingCapacity: true)
    }
}

/// ", N blank lines skipped" for a batch summary, or nothing.
func blankSummary(_ count: Int) -> String {
    count == 0 ? "" : ", \(count) blank line\(count == 1 ? "" : "s") skipped"
}
