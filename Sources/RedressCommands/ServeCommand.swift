import ArgumentParser
import Foundation

/// `redress serve`: starts the HTTP service. The service is its own program, `redress-server`, so
/// building `redress` never builds the server stack; this command runs it in place of itself.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the councils of a policy library over HTTP (runs redress-server; see docs/service.md).",
        discussion: "Options: --library DIR (default policies), --host 127.0.0.1, --port 8080, --reload-interval 2. "
            + "Build the service once with `swift build --product redress-server`.")

    @Argument(parsing: .captureForPassthrough, help: "Options for redress-server.") var options: [String] = []

    func run() throws {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let server = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("redress-server").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw couldNotRun(
                "the service program redress-server is not built beside \(executable)",
                help: "build it with `swift build --product redress-server`, or run `swift run redress-server --library policies`")
        }
        let arguments = [server] + options
        var pointers = arguments.map { strdup($0) } + [nil]
        execv(server, &pointers)
        throw couldNotRun("cannot start \(server): \(String(cString: strerror(errno)))")
    }
}
