import ArgumentParser
import Foundation

/// `redress`: the command-line front of the engine. Each subcommand parses its arguments, calls
/// the library, and prints; no policy logic lives here.
public struct RedressCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "redress",
        abstract: "Route and schedule council complaints with a policy written in YAML.",
        version: "0.1.0",
        subcommands: [ClassifyCommand.self, ScheduleCommand.self, BehaviourCommand.self, CheckCommand.self, TestCommand.self, DiffCommand.self, DiagramCommand.self, CalendarCommand.self, ReportCommand.self, ExplainCommand.self, ServeCommand.self, RecordsCommand.self]
    )

    public init() {}

    /// Parses the process arguments, runs the command and exits with the documented status:
    /// 0 success, 1 invalid policy or input, 2 could not run (argument-parser's usage errors
    /// included, which it would otherwise report as 64).
    public static func runAsMain() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            try Console.current.checkOutput()
            exit(withStatus: 0)
        } catch {
            let status = exitStatus(for: error)
            if !(error is ExitCode) {
                let message = fullMessage(for: error)
                if status == 0 { Console.out(message + "\n") } else { Console.error(message + "\n") }
            }
            exit(withStatus: status)
        }
    }

    /// The exit status for an error a command threw or argument parsing raised.
    public static func exitStatus(for error: any Error) -> Int32 {
        if let exit = error as? ExitCode { return exit.rawValue }
        let code = exitCode(for: error)
        return code == .success ? 0 : ExitStatus.couldNotRun
    }

    private static func exit(withStatus status: Int32) -> Never {
        Foundation.exit(status)
    }
}
