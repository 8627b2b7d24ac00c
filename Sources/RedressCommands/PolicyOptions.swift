import ArgumentParser
import Foundation
import RedressDiagnostics
import RedressEngine
import RedressPolicy

/// `--policy PATH`: a policy file, or a council folder holding one file per version.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A policy file, or a council folder of versions.", valueName: "path"))
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
    @Argument(
        help: ArgumentHelp(
            "Input files (JSON Lines or CSV), read in order with line numbers per file; standard input when none or `-`.",
            valueName: "input"),
        completion: .file())
    var inputs: [String] = []

    @Option(help: "Input format: jsonl or csv (default: from each file name, else jsonl).")
    var inputFormat: InputFormatOption?

    @Option(help: "Input character encoding: utf-8 or windows-1252 (CSV saved by Excel).")
    var encoding: EncodingOption = .utf8

    @Option(
        help: ArgumentHelp(
            "A map of a CRM export's columns and values onto the input contract (docs/input-output.md, \"CRM exports\").", valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var map: String?

    @Option(help: "Output format: jsonl, csv or table (default: table on a terminal, else jsonl).")
    var format: OutputFormatOption?

    @Option(help: ArgumentHelp("Write error records to this file instead of standard error.", valueName: "file"), completion: .file())
    var errors: String?

    enum InputFormatOption: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }
    enum OutputFormatOption: String, ExpressibleByArgument, CaseIterable { case jsonl, csv, table }
    enum EncodingOption: String, ExpressibleByArgument, CaseIterable {
        case utf8 = "utf-8"
        case windows1252 = "windows-1252"
    }

    var outputFormat: DecisionEncoder.Format {
        format.flatMap { DecisionEncoder.Format(rawValue: $0.rawValue) } ?? (Console.current.isTerminal ? .table : .jsonl)
    }

    /// The named input files (not standard input).
    var files: [String] { inputs.filter { $0 != "-" } }

    /// Every input opened before any is read: a missing file or a folder stops the run at once.
    /// `vocabulary`: the policy's words, to check a `--map`'s values against.
    func records(contract: FieldContract, vocabulary: PolicyVocabulary? = nil) throws(ExitCode) -> RecordStream {
        var sources: [RecordStream.Source] = []
        let names = inputs.isEmpty ? ["-"] : inputs
        for input in names {
            let handle: FileHandle
            if input == "-" {
                if Console.current.isInputTerminal {
                    Console.error("redress: reading records from standard input (end with Ctrl-D); pass a file name to read a file\n")
                }
                handle = FileHandle.standardInput
            } else {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
                    throw couldNotRun("\(input) is a folder, not an input file")
                }
                guard let file = FileHandle(forReadingAtPath: input) else { throw couldNotRun("cannot read \(input)") }
                handle = file
            }
            let path = input == "-" ? nil : input
            let format = inputFormat.flatMap { InputFormat(rawValue: $0.rawValue) } ?? InputFormat.guess(path: path)
            sources.append(
                RecordStream.Source(
                    name: path ?? "standard input", reader: LineReader(handle: handle), format: format, formatGuessed: inputFormat == nil))
        }
        var stream = RecordStream(sources: sources)
        stream.contract = contract
        stream.encoding = encoding == .utf8 ? .utf8 : .windows1252
        if let map {
            do {
                stream.map = try FieldMapDecoder.load(path: map, vocabulary: vocabulary)
            } catch {
                report(error)
                throw ExitCode(ExitStatus.couldNotRun)
            }
        }
        return stream
    }

    func errorSink() throws(ExitCode) -> BufferedOutput {
        guard let errors else { return BufferedOutput(write: Console.error) }
        return try outputFile(errors, option: "--errors")
    }

    /// An output path opened in place (see `OutputFile`), refused before anything is read when it
    /// is the input file itself. A write that fails later ends the run with one message, exit 2.
    func outputFile(_ path: String, option: String) throws(ExitCode) -> BufferedOutput {
        if files.contains(where: { OutputFile.sameFile($0, path) }) {
            throw couldNotRun("\(option) \(path) is the input file; it would be overwritten", help: "write to another file")
        }
        let file: OutputFile
        do {
            file = try OutputFile(path: path)
        } catch {
            throw couldNotRun("cannot write \(error)")
        }
        return BufferedOutput(write: { text in
            do {
                try file.write(text)
            } catch {
                Console.error("error: cannot write \(error)\n")
                Foundation.exit(ExitStatus.couldNotRun)
            }
        })
    }
}

/// Runs `body` on every record of a stream, in order. A record that cannot be read, or that `body`
/// rejects, becomes an error record; none is dropped. Returns how many failed.
func forEachRecord(
    _ records: inout RecordStream, errors: inout BufferedOutput, _ body: (InputRecord) throws(RecordError) -> Void
) throws(ExitCode) -> Int {
    var failed = 0
    while let next = records.next() {
        switch next {
        case .success(let record):
            do {
                try body(record)
            } catch {
                errors.append(RecordFailureEncoder.encode(RecordFailure(line: record.line, id: record.id, message: error.message, file: record.file)))
                failed += 1
            }
        case .failure(let failure):
            errors.append(RecordFailureEncoder.encode(failure))
            failed += 1
        }
    }
    if let problem = records.problem {
        errors.flush()
        throw couldNotRun(problem.message, help: problem.help)
    }
    if let problem = records.readFailure {
        errors.flush()
        Console.error("error: cannot read the input: \(problem)\n")
        Foundation.exit(ExitStatus.couldNotRun)
    }
    return failed
}

/// Collects output and writes it in large pieces: one write per line would dominate a batch.
struct BufferedOutput {
    let write: (String) -> Void
    private(set) var pending: [UInt8] = []

    init(write: @escaping (String) -> Void) {
        self.write = write
        pending.reserveCapacity(1 << 17)
    }

    mutating func append(_ text: String) {
        pending.append(contentsOf: text.utf8)
        flushIfFull()
    }

    /// Lets an encoder append bytes directly.
    mutating func append(_ body: (inout [UInt8]) -> Void) {
        body(&pending)
        flushIfFull()
    }

    private mutating func flushIfFull() {
        if pending.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        if !pending.isEmpty { write(String(decoding: pending, as: UTF8.self)) }
        pending.removeAll(keepingCapacity: true)
    }
}

/// ", N blank lines skipped" for a batch summary, or nothing.
func blankSummary(_ count: Int) -> String {
    count == 0 ? "" : ", \(count) blank line\(count == 1 ? "" : "s") skipped"
}
