import ArgumentParser
import Foundation

/// `redress serve` and `redress records`: the service and its records tools are their own program,
/// `redress-server`, so building `redress` never builds the server stack; these commands run it in
/// place of themselves.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the councils of a policy library over HTTP (runs redress-server; see docs/service.md).",
        discussion: "Options: --library DIR (default policies), --host 127.0.0.1, --port 8080, --reload-interval 2, --config FILE, "
            + "--records STORE, --keys-file FILE, --tls-cert-file, --tls-private-key-file, --tls-ca-cert-file. "
            + "Every endpoint but /healthz and /readyz needs a credential: `redress-server keys add`. "
            + "Build the service once with `swift build --product redress-server`.")

    @Argument(parsing: .captureForPassthrough, help: "Options for redress-server.") var options: [String] = []

    func run() throws {
        throw try ServerProgram.replaceProcess(with: ["serve"] + options)
    }
}

/// `redress records verify|show|export|prune|import`: runs `redress-server records …`.
struct RecordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "Verify, find, export, prune and import the service's decision records (runs redress-server records; see docs/records.md).")

    @Argument(parsing: .captureForPassthrough, help: "A subcommand and its options for redress-server records.") var options: [String] = []

    func run() throws {
        throw try ServerProgram.replaceProcess(with: ["records"] + options)
    }
}

enum ServerProgram {
    /// Replaces this process with `redress-server` built beside it; returns only the error when it cannot.
    static func replaceProcess(with arguments: [String]) throws -> ExitCode {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let server = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("redress-server").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            return couldNotRun(
                "the service program redress-server is not built beside \(executable)",
                help: "build it with `swift build --product redress-server`, or run `swift run redress-server …`")
        }
        var pointers = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, &pointers)
        return couldNotRun("cannot start \(server): \(String(cString: strerror(errno)))")
    }
}
