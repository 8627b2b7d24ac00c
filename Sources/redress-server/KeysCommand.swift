import ArgumentParser
import Foundation
import RedressRecords
import RedressServer

/// `redress-server keys add|list|revoke`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Make, list and revoke API keys (only their hashes are stored).",
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an API key (printed once) or name a client certificate, for some councils and roles.",
            discussion: """
                Example: redress-server keys add --council north-somerset --role decide --name crm-north-somerset
                Exit status: 0 the key was added; 2 it was not (a bad argument, an unknown council, a name in use).
                """)

        @OptionGroup var options: ConfigurationOptions
        @Option(help: ArgumentHelp("A council the key is for (repeatable).", valueName: "id")) var council: [String] = []
        @Flag(help: "The key is for every council.") var all = false
        @Option(help: ArgumentHelp("read, decide, draft or admin (repeatable).", valueName: "role")) var role: [String] = []
        @Option(help: "A name for logs and records (default: the roles and a random suffix).") var name: String?
        @Option(help: ArgumentHelp("Name a TLS client certificate by its subject instead of making a key.", valueName: "subject"))
        var certificateSubject: String?

        func run() throws {
            let configuration = try options.resolve()
            guard let path = configuration.path(.keysFile) else { throw ExitCode(2) }
            var roles: Set<Role> = []
            for text in role {
                guard let parsed = Role(rawValue: text) else {
                    printError("error: unknown role `\(text)`\nhelp: roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))\n")
                    throw ExitCode(2)
                }
                roles.insert(parsed)
            }
            if all, !council.isEmpty {
                printError("error: give --all or --council, not both\n")
                throw ExitCode(2)
            }
            let library = configuration.path(.library) ?? "policies"
            let known = Set(((try? FileManager.default.contentsOfDirectory(atPath: library + "/councils")) ?? []).filter { !$0.hasPrefix(".") })
            do {
                let added = try KeysAdministration.add(
                    to: path, name: name, roles: roles, councils: all ? .all : .only(Set(council)), certificateSubject: certificateSubject,
                    knownCouncils: known)
                if let key = added.key {
                    printError("added `\(added.name)` to \(path); the key is shown once — keep it secret:\n")
                    printOut(key + "\n")
                } else {
                    printError("added `\(added.name)` (client certificate) to \(path)\n")
                }
            } catch {
                if let diagnostics = error.diagnostics { printError(diagnostics.description + "\n") }
                printError("error: \(error.description)\n")
                throw ExitCode(2)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys: names, roles, councils, created and last used (never the keys).")

        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let configuration = try options.resolve()
            guard let path = configuration.path(.keysFile) else { throw ExitCode(2) }
            var usage: [String: String] = [:]
            if let store = configuration.path(.recordsStore), !store.contains("://") ? FileManager.default.fileExists(atPath: store) : true,
                let opened = try? await RecordStores.open(store)
            {
                usage = (try? await opened.usage()) ?? [:]
                await opened.close()
            }
            do {
                printOut(try KeysAdministration.list(path, usage: usage))
            } catch {
                printError("error: \(error.description)\n")
                throw ExitCode(2)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by name (a running service stops accepting it within a reload interval).")

        @OptionGroup var options: ConfigurationOptions
        @Argument(help: "The key's name.") var name: String

        func run() throws {
            let configuration = try options.resolve()
            guard let path = configuration.path(.keysFile) else { throw ExitCode(2) }
            do {
                try KeysAdministration.revoke(name, in: path)
                printError("revoked `\(name)`\n")
            } catch {
                printError("error: \(error.description)\n")
                throw ExitCode(2)
            }
        }
    }
}
