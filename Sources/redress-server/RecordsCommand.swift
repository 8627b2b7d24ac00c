import ArgumentParser
import Foundation
import RedressCalendar
import RedressPolicy
import RedressRecords
import RedressServer

/// `redress-server records verify|show|export|prune|import` (also `redress records …`).
struct RecordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records", abstract: "Verify, find, export, prune and import decision records.",
        subcommands: [Verify.self, Show.self, Export.self, Prune.self, Import.self])

    /// The store and signing key the configuration names.
    static func open(_ options: ConfigurationOptions) async throws -> (store: any RecordStore, signer: CheckpointSigner?, configuration: ServiceConfiguration) {
        let configuration = try options.resolve()
        guard let location = configuration.path(.recordsStore) else { throw ExitCode(2) }
        if !location.contains("://"), !FileManager.default.fileExists(atPath: location) {
            printError("error: no records store at \(location)\n")
            throw ExitCode(2)
        }
        do {
            let store = try await RecordStores.open(location)
            let keyPath = configuration.path(.recordsSigningKey) ?? (location.contains("://") ? nil : location + ".signing-key")
            let signer = keyPath.flatMap { FileManager.default.fileExists(atPath: $0) ? try? CheckpointSigner.load(orCreateAt: $0) : nil }
            return (store, signer, configuration)
        } catch {
            printError("error: cannot open the records store: \(error)\n")
            throw ExitCode(2)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk every council's chain and name the first record changed, removed or moved.",
            discussion: "Exit status: 0 every chain verifies; 1 a chain is broken; 2 the store could not be read.")
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let (store, signer, _) = try await RecordsCommand.open(options)
            defer { Task { await store.close() } }
            do {
                let (report, text) = try await RecordsAdministration.verify(store, signer: signer)
                if report.isIntact { printOut(text) } else { printError(text) }
                if !report.isIntact { throw ExitCode(1) }
            } catch let failure as StoreFailure {
                printError("error: \(failure.description)\n")
                throw ExitCode(2)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every decision about one complaint, newest first (JSON Lines).")
        @OptionGroup var options: ConfigurationOptions
        @Option(help: "The council.") var council: String
        @Option(help: "The complaint's id (or the complainant's, for behaviour findings).") var id: String

        func run() async throws {
            let (store, _, _) = try await RecordsCommand.open(options)
            let records = try await RecordsAdministration.show(store, council: council, subject: id)
            await store.close()
            guard !records.isEmpty else {
                printError("no records for `\(id)` at `\(council)`\n")
                throw ExitCode(1)
            }
            printOut(records.map { $0.json + "\n" }.joined())
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every record as JSON Lines, by council in chain order.")
        @OptionGroup var options: ConfigurationOptions
        @Option(name: .customLong("for"), help: "Only this council.") var council: String?
        @Option(help: "From this instant or date (inclusive).") var from: String?
        @Option(help: "Up to this instant or date (exclusive).") var to: String?

        func run() async throws {
            let (store, _, _) = try await RecordsCommand.open(options)
            let count = try await RecordsAdministration.export(store, council: council, from: from, to: to) { printOut($0) }
            await store.close()
            printError("\(count) record\(count == 1 ? "" : "s")\n")
        }
    }

    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete records their council's policy no longer requires, leaving a signed checkpoint.",
            discussion: """
                A record is kept for the longest retention period of its council's policies, counted from the decision plus \
                --case-allowance (retention runs from a case's closure, which comes later), and never less than --keep-at-least. \
                Never run automatically. Exit status: 0 done; 1 a chain does not verify (nothing pruned there); 2 could not run.
                """)
        @OptionGroup var options: ConfigurationOptions
        @Option(help: "The date to judge retention on (YYYY-MM-DD).") var asOf: String
        @Flag(help: "List what would go; delete nothing.") var dryRun = false
        @Option(help: "Time allowed for a case to close after its decision.") var caseAllowance = "2 years"
        @Option(help: "Keep every record at least this long (e.g. `7 years`).") var keepAtLeast: String?

        func run() async throws {
            guard let day = try? LocalDate(iso: asOf) else {
                printError("error: --as-of must be a date written YYYY-MM-DD, not `\(asOf)`\n")
                throw ExitCode(2)
            }
            guard let allowance = try? PolicyDuration(parsing: caseAllowance), (try? keepAtLeast.map { try PolicyDuration(parsing: $0) }) != nil || keepAtLeast == nil else {
                printError("error: durations are written like `2 years` or `18 months`\n")
                throw ExitCode(2)
            }
            let (store, signer, configuration) = try await RecordsCommand.open(options)
            guard let signer else {
                printError("error: pruning needs the records signing key (records.signing_key) to sign its checkpoint\n")
                throw ExitCode(2)
            }
            do {
                let text = try await RecordsAdministration.prune(
                    store, signer: signer, library: configuration.path(.library) ?? "policies", asOf: day, dryRun: dryRun, caseAllowance: allowance,
                    keepAtLeast: try keepAtLeast.map { try PolicyDuration(parsing: $0) })
                await store.close()
                printOut(text)
            } catch let failure as StoreFailure {
                await store.close()
                printError("error: \(failure.description)\n")
                throw ExitCode(1)
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import an old --decision-log JSON Lines file as `imported` records.")
        @OptionGroup var options: ConfigurationOptions
        @Argument(help: "The JSON Lines decision log.", completion: .file()) var file: String

        func run() async throws {
            let configuration = try options.resolve()
            guard let location = configuration.path(.recordsStore) else { throw ExitCode(2) }
            let store = try await RecordStores.open(location)
            do {
                let count = try await RecordsAdministration.importLog(file, into: store)
                await store.close()
                printError("imported \(count) record\(count == 1 ? "" : "s") into \(store.location)\n")
            } catch {
                await store.close()
                printError("error: \(error)\n")
                throw ExitCode(2)
            }
        }
    }
}
