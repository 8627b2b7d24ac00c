import ArgumentParser
import Foundation
import RedressDiagnostics
import RedressServer

/// `redress-server serve` (the default): runs the service until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the councils of a policy library over HTTP (/v1, JSON), reloading changed policies that pass their checks.",
        discussion: """
            Every endpoint but /healthz and /readyz needs a credential: make an API key with `redress-server keys add`. \
            Exit status: 0 after a clean stop; 2 when it could not start (no library, a bad keys file or configuration, \
            a records store that cannot be opened, TLS files that cannot be used).
            """)

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let configuration = try options.resolve()
        do {
            try await ServiceLauncher.run(configuration)
        } catch let failure as LaunchFailure {
            if let diagnostics = failure.diagnostics {
                printError(DiagnosticRenderer(sources: diagnostics.sources).render(diagnostics.diagnostics))
            }
            printError("error: \(failure.description)\n")
            throw ExitCode(2)
        }
    }
}

/// `redress-server check-config FILE`: reads a configuration as the service would and reports
/// every problem, compiler-style; prints the settings in force.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config", abstract: "Check a configuration file and print the settings it gives (exit 1 when it has errors).")

    @Argument(help: ArgumentHelp("The configuration file.", valueName: "file"), completion: .file(extensions: ["yaml"])) var file: String

    func run() throws {
        var configuration = ServiceConfiguration()
        do {
            try configuration.read(file: file)
        } catch {
            printError(DiagnosticRenderer(sources: error.sources).render(error.diagnostics))
            throw ExitCode(1)
        }
        let problems = configuration.read(environment: ProcessInfo.processInfo.environment)
        for key in ConfigurationKey.allCases {
            let value = key.kind == .list ? configuration.list(key).joined(separator: ", ") : configuration.text(key) ?? ""
            guard !value.isEmpty else { continue }
            printOut("\(key.path): \(value)\n")
        }
        guard problems.isEmpty else {
            printError(problems.map { "error: \($0)" }.joined(separator: "\n") + "\n")
            throw ExitCode(1)
        }
    }
}

/// `redress-server openapi`: prints the API document (what `openapi.yaml` holds).
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Print the OpenAPI 3.1 document of the service's endpoints (openapi.yaml is this output).")

    func run() throws {
        printOut(APIDocument.yaml)
    }
}
