import Foundation
import Synchronization

/// Where commands write. Standard output and error by default; tests bind a capture for the
/// duration of one call (a task-local value, so parallel tests never share it).
public struct Console: Sendable {
    public let writeOut: @Sendable (String) -> Void
    public let writeError: @Sendable (String) -> Void
    /// Whether standard output is a terminal (tables by default, progress lines).
    public let isTerminal: Bool
    /// Whether standard error is a terminal (progress lines).
    public let isErrorTerminal: Bool

    public init(
        isTerminal: Bool, isErrorTerminal: Bool = false, writeOut: @escaping @Sendable (String) -> Void,
        writeError: @escaping @Sendable (String) -> Void
    ) {
        self.isTerminal = isTerminal
        self.isErrorTerminal = isErrorTerminal
        self.writeOut = writeOut
        self.writeError = writeError
    }

    public static let standard = Console(
        isTerminal: isatty(STDOUT_FILENO) == 1, isErrorTerminal: isatty(STDERR_FILENO) == 1,
        writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
        writeError: { FileHandle.standardError.write(Data($0.utf8)) })

    @TaskLocal public static var current: Console = .standard

    public static func out(_ text: String) { current.writeOut(text) }
    public static func error(_ text: String) { current.writeError(text) }
}

/// Output captured from a command run in-process (tests).
public final class CapturedConsole: Sendable {
    private let state = Mutex<(out: String, error: String)>(("", ""))

    public init() {}

    public var console: Console {
        Console(
            isTerminal: false,
            writeOut: { text in self.state.withLock { $0.out += text } },
            writeError: { text in self.state.withLock { $0.error += text } })
    }

    public var out: String { state.withLock { $0.out } }
    public var error: String { state.withLock { $0.error } }
}
