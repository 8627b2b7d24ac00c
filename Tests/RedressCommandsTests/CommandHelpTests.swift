import ArgumentParser
import Foundation
import RedressTestSupport
import Testing

@testable import RedressCommands

/// Help text and the manual page come from `CommandHelp`: every example runs as written, every
/// exit status a command gives is one its help states, and the help itself is pinned by snapshots
/// (regenerate with `REDRESS_UPDATE_HELP=1 swift test --filter CommandHelpTests`).
@Suite("Command help")
struct CommandHelpTests {
    static let documented: [(String, CommandHelp)] = [
        ("classify", .classify), ("schedule", .schedule), ("behaviour", .behaviour), ("check", .check), ("test", .test), ("diff", .diff),
        ("diagram", .diagram), ("calendar", .calendar), ("report", .report), ("explain", .explain),
    ]

    /// An example's words, with the repository's folders made absolute.
    static func arguments(_ example: CommandHelp.Example) -> [String] {
        example.command.split(separator: " ").dropFirst().map { word in
            let text = String(word)
            return text.hasPrefix("policies/") || text.hasPrefix("examples/") ? CommandRunner.repositoryRoot.appendingPathComponent(text).path : text
        }
    }

    @Test("every example in the help runs as written and succeeds", arguments: documented.flatMap { name, help in help.examples.map { (name, $0) } })
    func examplesRun(command: String, example: CommandHelp.Example) {
        let result = CommandRunner.run(Self.arguments(example), columns: 120)
        #expect(result.status == 0, "`\(example.command)` exited \(result.status): \(result.error.prefix(300))")
        #expect(!result.out.isEmpty, "`\(example.command)` printed nothing")
    }

    /// A way to get each status each command documents, and the status it must give.
    static let scenarios: [(command: String, arguments: [String], status: Int32)] = [
        ("classify", ["classify", "--policy", "BAD_POLICY", "COMPLAINTS"], 1),
        ("classify", ["classify", "--policy", "MISSING", "COMPLAINTS"], 2),
        ("classify", ["classify", "--policy", "NORTH_SOMERSET", "ONE_BAD_RECORD"], 1),
        ("classify", ["classify", "--policy", "NORTH_SOMERSET", "MISSING"], 2),
        ("schedule", ["schedule", "--policy", "NORTH_SOMERSET", "--as-of", "2025-02-30", "COMPLAINTS"], 2),
        ("schedule", ["schedule", "--policy", "BAD_POLICY", "--as-of", "2025-01-31", "COMPLAINTS"], 1),
        ("behaviour", ["behaviour", "--policy", "NORTH_SOMERSET", "ONE_BAD_RECORD"], 1),
        ("check", ["check", "BAD_POLICY"], 1),
        ("check", ["check", "MISSING"], 2),
        ("check", ["check", "--code", "lgsco-2099", "NORTH_SOMERSET"], 2),
        ("test", ["test", "FAILING_TEST"], 1),
        ("test", ["test", "MISSING"], 2),
        ("diff", ["diff", "BAD_POLICY", "NORTH_SOMERSET"], 1),
        ("diff", ["diff", "MISSING", "NORTH_SOMERSET"], 2),
        ("diagram", ["diagram", "BAD_POLICY"], 1),
        ("diagram", ["diagram", "NORTH_SOMERSET", "--version", "1999"], 2),
        ("calendar", ["calendar", "add", "2024-12-20", "10", "--region", "atlantis"], 2),
        ("calendar", ["calendar", "add", "--dates", "BAD_DATES"], 1),
        ("report", ["report", "--policy", "NORTH_SOMERSET", "--from", "2025-04-01", "--to", "2024-03-31", "COMPLAINTS"], 2),
        ("explain", ["explain", "policy.nothing-like-this"], 2),
    ]

    @Test("every exit status a command gives is one its help documents, with the meaning documented", arguments: scenarios.indices)
    func exitStatusesDocumented(index: Int) throws {
        let scenario = Self.scenarios[index]
        try TemporaryFolder.with { folder in
            let library = CommandRunner.repositoryRoot.appendingPathComponent("policies")
            let files: [String: String] = [
                "BAD_POLICY": try folder.write("redress: 1\ncouncil: { id: bad }\n", to: "bad.yaml"),
                "NORTH_SOMERSET": library.appendingPathComponent("councils/north-somerset/2021-01.yaml").path,
                "COMPLAINTS": CommandRunner.repositoryRoot.appendingPathComponent("examples/complaints.jsonl").path,
                "ONE_BAD_RECORD": try folder.write("{\"id\":\"A\",\"received\":\"2024-12-20\"}\n{\"id\":\"B\",\"received\":\"not a date\"}\n", to: "records.jsonl"),
                "MISSING": folder.path + "/missing.yaml",
                "FAILING_TEST": try folder.write(
                    "redress-tests: 1\npolicy: \(library.path)/councils/north-somerset\ncases:\n  - name: wrong on purpose\n    complaint: { received: 2025-01-06, service: waste }\n    expect: { procedure: nothing }\n",
                    to: "failing.yaml"),
                "BAD_DATES": try folder.write("2024-12-20 10\nnot a line\n", to: "dates.txt"),
            ]
            let arguments = scenario.arguments.map { files[$0] ?? $0 } + ["--library", library.path].filter { _ in
                !["explain", "calendar"].contains(scenario.command) && !scenario.arguments.contains("--library")
            }
            let result = CommandRunner.run(arguments)
            #expect(result.status == scenario.status, "\(scenario.arguments.joined(separator: " ")): exit \(result.status), \(result.error.prefix(300))")
            let help = try #require(Self.documented.first { $0.0 == scenario.command }?.1)
            #expect(help.exits.contains { $0.status == result.status }, "`\(scenario.command)` exits \(result.status), which its help does not state")
        }
    }

    @Test("every command states its exit statuses 0 and 2, and says when 1 applies if it can give it")
    func statusesStated() {
        for (name, help) in Self.documented {
            let statuses = help.exits.map(\.status)
            #expect(statuses.first == 0 && statuses.contains(2), "\(name): \(statuses)")
            #expect(!help.examples.isEmpty, "\(name) has no example")
            let wide = help.discussion.split(separator: "\n").map(String.init).filter { $0.count > 60 }
            #expect(wide.isEmpty, "\(name): help lines wider than 60 columns: \(wide)")
        }
    }

    static let snapshots = CommandRunner.repositoryRoot.appendingPathComponent("Tests/RedressCommandsTests/Help")

    static let commandTypes: [(String, any ParsableCommand.Type)] = [
        ("classify", ClassifyCommand.self), ("schedule", ScheduleCommand.self), ("behaviour", BehaviourCommand.self), ("check", CheckCommand.self),
        ("test", TestCommand.self), ("diff", DiffCommand.self), ("diagram", DiagramCommand.self), ("calendar", CalendarCommand.self),
        ("report", ReportCommand.self), ("explain", ExplainCommand.self),
    ]

    @Test("each command's --help is as pinned in Tests/RedressCommandsTests/Help", arguments: documented.map(\.0))
    func helpSnapshot(command: String) throws {
        let type = try #require(Self.commandTypes.first { $0.0 == command }?.1)
        let text = RedressCommand.helpMessage(for: type, columns: 100)
        let file = Self.snapshots.appendingPathComponent("\(command).txt")
        if ProcessInfo.processInfo.environment["REDRESS_UPDATE_HELP"] == "1" {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let pinned = try String(contentsOf: file, encoding: .utf8)
        #expect(text == pinned, "`redress \(command) --help` changed; if on purpose: REDRESS_UPDATE_HELP=1 swift test --filter CommandHelpTests")
    }
}
