import ArgumentParser
import Foundation
import RedressCommands

/// Runs `redress` in-process with captured output, returning what a shell would see.
struct CommandResult {
    var out: String
    var error: String
    var status: Int32
}

enum CommandRunner {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let library = repositoryRoot.appendingPathComponent("policies").path

    /// `columns`: render tables for a terminal this wide.
    static func run(_ arguments: [String], columns: Int? = nil) -> CommandResult {
        let capture = CapturedConsole(columns: columns)
        let status: Int32 = Console.$current.withValue(capture.console) {
            do {
                var command = try RedressCommand.parseAsRoot(arguments)
                try command.run()
                return 0
            } catch {
                if let exit = error as? ExitCode { return exit.rawValue }
                capture.console.writeError(RedressCommand.fullMessage(for: error) + "\n")
                return RedressCommand.exitStatus(for: error)
            }
        }
        return CommandResult(out: capture.out, error: capture.error, status: status)
    }
}
