import ArgumentParser
import Foundation
import Synchronization

/// Where commands write. Standard output and error by default; tests bind a capture for the
/// duration of one call (a task-local value, so parallel tests never share it).
public struct Console: Sendable {
    public let writeOut: @Sendable (String) -> Void
    public let writeError: @Sendable (String) -> Void
    /// Writes bytes already encoded as UTF-8 to standard output without making a String of them
    /// (the batch path); nil where output is captured as text.
    public var writeOutBytes: (@Sendable ([UInt8]) -> Void)? = nil
    /// Whether standard output is a terminal (tables by default, progress lines).
    public let isTerminal: Bool
    /// Whether standard error is a terminal (progress lines).
    public let isErrorTerminal: Bool
    /// Whether standard input is a terminal (a hint that the command is waiting for input).
    public let isInputTerminal: Bool
    /// The width tables must fit: the terminal's columns, measured; else `COLUMNS`; else none.
    public let columns: Int?
    /// Whether to colour tables: a terminal, `NO_COLOR` unset, `TERM` not `dumb`.
    public let colour: Bool
    /// The first failed write to standard output or error, remembered (later writes are skipped)
    /// until `checkOutput()` ends the run.
    let failure: WriteFailure

    public init(
        isTerminal: Bool, isErrorTerminal: Bool = false, isInputTerminal: Bool = false, columns: Int? = nil, colour: Bool = false,
        failure: WriteFailure = WriteFailure(), writeOut: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void
    ) {
        self.failure = failure
        self.isTerminal = isTerminal
        self.isErrorTerminal = isErrorTerminal
        self.isInputTerminal = isInputTerminal
        self.columns = columns
        self.colour = colour
        self.writeOut = writeOut
        self.writeError = writeError
    }

    public static let standard: Console = {
        var console = Console(
            isTerminal: isatty(STDOUT_FILENO) == 1, isErrorTerminal: isatty(STDERR_FILENO) == 1, isInputTerminal: isatty(STDIN_FILENO) == 1,
            columns: measuredColumns(), colour: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                && ProcessInfo.processInfo.environment["TERM"] != "dumb",
            failure: standardFailure, writeOut: { standardFailure.write(Array($0.utf8), to: STDOUT_FILENO) },
            writeError: { standardErrorFailure.write(Array($0.utf8), to: STDERR_FILENO) })
        console.writeOutBytes = { standardFailure.write($0, to: STDOUT_FILENO) }
        return console
    }()

    /// The standard console's write failures (one per process, as standard output is); standard
    /// error keeps its own, so a failed output can still be reported.
    static let standardFailure = WriteFailure()
    static let standardErrorFailure = WriteFailure()

    /// Ends the run (exit 2) when a write to standard output failed: quietly when the reader
    /// closed the pipe (`redress classify … | head`), with one message naming the stream otherwise.
    func checkOutput() throws(ExitCode) {
        guard let failure = failure.code else { return }
        if failure != EPIPE { Console.error("error: cannot write to standard output: \(String(cString: strerror(failure)))\n") }
        throw ExitCode(ExitStatus.couldNotRun)
    }

    /// True once a write to standard output has failed: a batch stops reading more input.
    var outputFailed: Bool { failure.code != nil }

    /// The terminal's width from the kernel (TIOCGWINSZ), else `COLUMNS`.
    static func measuredColumns() -> Int? {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    @TaskLocal public static var current: Console = .standard

    public static func out(_ text: String) { current.writeOut(text) }

    /// UTF-8 bytes to standard output, as they are where the console allows it.
    public static func out(bytes: [UInt8]) {
        if let write = current.writeOutBytes { write(bytes) } else { current.writeOut(String(decoding: bytes, as: UTF8.self)) }
    }
    public static func error(_ text: String) { current.writeError(text) }
}

/// Output captured from a command run in-process (tests).
public final class CapturedConsole: Sendable {
    private let state = Mutex<(out: String, error: String)>(("", ""))

    private let columns: Int?

    /// `columns`: a terminal width to render tables for.
    public init(columns: Int? = nil) {
        self.columns = columns
    }

    public var console: Console {
        Console(
            isTerminal: false, columns: columns,
            writeOut: { text in self.state.withLock { $0.out += text } },
            writeError: { text in self.state.withLock { $0.error += text } })
    }

    public var out: String { state.withLock { $0.out } }
    public var error: String { state.withLock { $0.error } }
}

/// A failed write, kept: writes go through write(2), never Foundation's trapping
/// `FileHandle.write`; after a failure nothing more is written to that stream.
public final class WriteFailure: Sendable {
    private let state = Mutex<Int32?>(nil)

    public init() {}

    var code: Int32? { state.withLock { $0 } }

    func write(_ bytes: [UInt8], to descriptor: Int32) {
        guard state.withLock({ $0 == nil }) else { return }
        do {
            try OutputSink.writeAll(bytes, to: descriptor)
        } catch {
            state.withLock { $0 = $0 ?? error.code }
        }
    }
}
