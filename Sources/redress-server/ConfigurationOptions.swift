import ArgumentParser
import Foundation
import RedressDiagnostics
import RedressServer

/// The options every subcommand shares: the configuration file and the settings that have a
/// command-line option (see `ConfigurationKey`). Defaults, then the file, then `REDRESS_*`
/// variables, then these options.
struct ConfigurationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Configuration file (YAML, `redress-server: 1`).", valueName: "file"), completion: .file(extensions: ["yaml"]))
    var config: String?
    @Option(help: ArgumentHelp("The policy library (holds councils/, statutory/, calendars/).", valueName: "dir"), completion: .directory)
    var library: String?
    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on (0: any free port).") var port: Int?
    @Option(help: "Seconds a changed council must stay unchanged before it is compiled.") var reloadInterval: Double?
    @Option(help: ArgumentHelp("Decision records: a SQLite file or a postgres:// URL.", valueName: "store")) var records: String?
    @Option(help: ArgumentHelp("The API keys file.", valueName: "file"), completion: .file()) var keysFile: String?
    @Option(help: ArgumentHelp("PEM certificate chain (serves HTTPS with --tls-private-key-file).", valueName: "file"), completion: .file())
    var tlsCertFile: String?
    @Option(help: ArgumentHelp("PEM private key of the certificate.", valueName: "file"), completion: .file()) var tlsPrivateKeyFile: String?
    @Option(help: ArgumentHelp("PEM CA certificates for client certificates (mutual TLS).", valueName: "file"), completion: .file())
    var tlsCaCertFile: String?

    /// The configuration, or exit 2 with every problem.
    func resolve() throws -> ServiceConfiguration {
        var configuration = ServiceConfiguration()
        if let config {
            do {
                try configuration.read(file: config)
            } catch {
                printError(DiagnosticRenderer(sources: error.sources).render(error.diagnostics))
                throw ExitCode(2)
            }
        }
        var problems = configuration.read(environment: ProcessInfo.processInfo.environment)
        let options: [(ConfigurationKey, String?)] = [
            (.library, library), (.host, host), (.port, port.map(String.init)), (.reloadInterval, reloadInterval.map { String($0) }),
            (.recordsStore, records), (.keysFile, keysFile), (.tlsCertificate, tlsCertFile), (.tlsPrivateKey, tlsPrivateKeyFile),
            (.tlsClientCA, tlsCaCertFile),
        ]
        for (key, value) in options {
            if let value, let problem = configuration.set(key, value) { problems.append("\(key.option ?? key.path): \(problem)") }
        }
        guard problems.isEmpty else {
            printError(problems.map { "error: \($0)" }.joined(separator: "\n") + "\n")
            throw ExitCode(2)
        }
        return configuration
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
