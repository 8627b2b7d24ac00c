import Foundation
import RedressDiagnostics

/// Runs a program to its end for a test (an oracle in Python, a shell script, the built binary)
/// and returns its exit status and what it wrote.
public enum ChildProcess {
    /// Which of the program's streams to keep; the others go to /dev/null.
    public enum Capture: Sendable {
        case outputAndErrors, output, errors, nothing
    }

    public struct Outcome: Sendable {
        public var status: Int32
        public var text: String
    }

    /// `directory`: where the program runs (a test's temporary folder, for programs that write
    /// caches where they are run); the test's own by default.
    public static func run(_ executable: String, _ arguments: [String], capture: Capture = .outputAndErrors, in directory: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = capture == .outputAndErrors || capture == .output ? pipe : FileHandle.nullDevice
        process.standardError = capture == .outputAndErrors || capture == .errors ? pipe : FileHandle.nullDevice
        try process.run()
        let text = capture == .nothing ? "" : String(decoding: PipeReading.readAll(pipe.fileHandleForReading), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, text: text)
    }
}
