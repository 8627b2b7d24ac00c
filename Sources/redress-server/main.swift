import ArgumentParser
import Hummingbird
import Logging
import RedressServer

/// `redress-server` (also run as `redress serve`): the engine as an HTTP service over a policy library.
@main
struct RedressServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redress serve",
        abstract: "Serve every council of a policy library over HTTP (/v1, JSON), reloading changed policies that pass their checks.")

    @Option(help: ArgumentHelp("The policy library (holds councils/, statutory/, calendars/).", valueName: "dir"), completion: .directory)
    var library: String = "policies"

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Seconds between looks at the library for changed policies.") var reloadInterval = 2
    @Option(help: ArgumentHelp("Append one JSON line per decision (input, decision, policy digest) to this file.", valueName: "file"), completion: .file())
    var decisionLog: String?
    @Option(help: "Rotate the decision log when it passes this many megabytes (keeping 5 old files).") var decisionLogMegabytes = 64

    func run() async throws {
        var logger = Logger(label: "redress")
        logger.logLevel = .info
        let registry = CouncilRegistry(library: library)
        await registry.reload()
        let metrics = ServerMetrics()
        let log = try decisionLog.map { path in try DecisionLog(path: path, maxBytes: decisionLogMegabytes << 20) }
        let api = RedressAPI(registry: registry, metrics: metrics, decisionLog: log)
        var app = Application(
            router: api.router(), configuration: .init(address: .hostname(host, port: port), serverName: "redress"), logger: logger)
        app.addServices(ReloadService(registry: registry, interval: .seconds(reloadInterval), logger: logger, metrics: metrics))
        try await app.runService()
    }
}
