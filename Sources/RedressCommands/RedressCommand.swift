import ArgumentParser

/// `redress`: the command-line front of the engine. Each subcommand parses its arguments, calls
/// the library, and prints; no policy logic lives here.
public struct RedressCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "redress",
        abstract: "Route and schedule council complaints with a policy written in YAML.",
        version: "0.1.0",
        subcommands: [ClassifyCommand.self, ScheduleCommand.self, BehaviourCommand.self, CheckCommand.self, TestCommand.self, DiffCommand.self, DiagramCommand.self, CalendarCommand.self]
    )

    public init() {}
}
