import ArgumentParser
import Foundation
import RedressEngine
import RedressFormats
import RedressPolicy

/// The records a command reads: input files (or standard input), their format and encoding, and a
/// CRM export's map.
struct InputOptions: ParsableArguments {
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

    enum InputFormatOption: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }
    enum EncodingOption: String, ExpressibleByArgument, CaseIterable {
        case utf8 = "utf-8"
        case windows1252 = "windows-1252"
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


    /// An output file (see `OutputSink`), refused before anything is read when it is the input
    /// file itself. It changes only when the run succeeds (`BufferedOutput.finish()`).
    func outputFile(_ path: String, option: String) throws(ExitCode) -> BufferedOutput {
        if files.contains(where: { OutputSink.sameFile($0, path) }) {
            throw couldNotRun("\(option) \(path) is the input file; it would be overwritten", help: "write to another file")
        }
        do {
            return BufferedOutput(sink: try OutputSink(path: path))
        } catch {
            throw couldNotRun("cannot write \(error)")
        }
    }
}
