import Foundation
import RedressCommands
import Testing

/// docs/redress.1 is generated from the commands (scripts/make_manpage.sh); this fails while any
/// command, option or help text has changed since, so the manual never describes another version.
@Suite("Manual page")
struct ManualPageTests {
    struct HelpDump: Decodable {
        let command: Command
    }

    struct Command: Decodable {
        let commandName: String
        let abstract: String?
        let discussion: String?
        let arguments: [Argument]?
        let subcommands: [Command]?
        let shouldDisplay: Bool
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            let kind: String
            let name: String
        }

        let names: [Name]?
        let valueName: String?
        let abstract: String?
        let shouldDisplay: Bool
    }

    /// Every visible command with its abstract, and every visible option with its names and help.
    static func expectedLines(_ command: Command) -> [String] {
        var lines: [String] = []
        if let abstract = command.abstract, !abstract.isEmpty { lines.append(abstract) }
        // The discussion: what the command does, its examples and its exit statuses.
        for line in (command.discussion ?? "").split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            lines.append(String(line))
        }
        for argument in command.arguments ?? [] where argument.shouldDisplay {
            if let abstract = argument.abstract, !abstract.isEmpty { lines.append(abstract) }
            for name in argument.names ?? [] where name.kind == "long" { lines.append("Fl -\(name.name)") }
        }
        for subcommand in command.subcommands ?? [] where subcommand.shouldDisplay {
            lines.append("Em \(subcommand.commandName)")
            lines += expectedLines(subcommand)
        }
        return lines
    }

    @Test("docs/redress.1 describes every command and option as they are now")
    func current() throws {
        let dump: String
        do {
            _ = try RedressCommand.parseAsRoot(["--experimental-dump-help"])
            Issue.record("--experimental-dump-help did not exit")
            return
        } catch {
            dump = RedressCommand.fullMessage(for: error)
        }
        let help = try JSONDecoder().decode(HelpDump.self, from: Data(dump.utf8))
        let page = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("docs/redress.1"), encoding: .utf8)
        let expected = Self.expectedLines(help.command)
        #expect(expected.count > 100, "the dump names the commands and options")
        let missing = expected.filter { !page.contains($0) }
        #expect(missing.isEmpty, "docs/redress.1 is out of date; run scripts/make_manpage.sh. Missing: \(missing.prefix(5))")
    }
}
