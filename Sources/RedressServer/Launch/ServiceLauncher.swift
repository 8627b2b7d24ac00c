import Foundation
import Glibc
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import RedressDiagnostics
import RedressRecords
import ServiceLifecycle

/// Why the service could not start (exit status 2), with diagnostics when a file was at fault.
public struct LaunchFailure: Error, CustomStringConvertible {
    public var description: String
    public var diagnostics: DiagnosticList?

    init(_ description: String, diagnostics: DiagnosticList? = nil) {
        self.description = description
        self.diagnostics = diagnostics
    }
}

/// Builds the running service from its configuration: checks what it was given (a library that
/// does not exist, a malformed keys file, a store that cannot be opened stop it before it listens),
/// then runs the HTTP server, the reload loop and the checkpoint writer until SIGTERM or SIGINT,
/// draining in-flight requests for at most the drain time.
public enum ServiceLauncher {
    public static func logger(_ configuration: ServiceConfiguration) -> Logger {
        let level = Logger.Level(rawValue: configuration.text(.logLevel) ?? "info") ?? .info
        if configuration.text(.logFormat) == "text" {
            var logger = Logger(label: "redress")
            logger.logLevel = level
            return logger
        }
        return Logger(label: "redress") { label in JSONLogHandler(label: label, level: level) }
    }

    public static func run(_ configuration: ServiceConfiguration, onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let logger = logger(configuration)
        prepareProcess(logger: logger)
        let library = configuration.path(.library) ?? "policies"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: library + "/councils", isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LaunchFailure("no policy library at \(library) (it must hold councils/)")
        }
        let parts = try await ServiceParts(configuration, library: library, logger: logger)
        let registry = parts.service.registry
        await registry.reload(immediately: true)
        for (id, state) in registry.snapshot.sorted(by: { $0.key < $1.key }) {
            if state.isReady {
                logger.info("council serving", metadata: ["council": "\(id)", "digest": "\(state.digest ?? "")"])
            } else {
                let rendered = DiagnosticRenderer(sources: state.sources).render(state.diagnostics)
                logger.error("council rejected at start-up; its routes answer 503", metadata: ["council": "\(id)", "diagnostics": "\(rendered)"])
            }
        }
        let host = configuration.text(.host) ?? "127.0.0.1"
        if parts.tls == nil, !["127.0.0.1", "::1", "localhost"].contains(host) {
            let warning = "listening on \(host) without TLS: credentials and complaints cross the network in clear text; set tls.certificate and tls.private_key"
            FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8))
            logger.warning("\(warning)")
        }
        let app = Application(
            router: parts.service.router(),
            server: try parts.serverBuilder(),
            // A deep accept queue: under a flood of connections a health check's SYN is not dropped
            // (which would cost it a second's retransmission); the kernel caps it at somaxconn.
            configuration: .init(address: .hostname(host, port: configuration.integer(.port)), serverName: "redress", backlog: 4096),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.notice("listening", metadata: ["url": "\(parts.tls == nil ? "http" : "https")://\(host):\(port)"])
                onListening(port)
            },
            logger: logger)
        let reload = ReloadService(
            registry: registry, keys: parts.service.access.keys, interval: configuration.duration(.reloadInterval),
            useInotify: configuration.text(.reloadWatch) != "poll", logger: logger, metrics: parts.service.metrics)
        let housekeeping = HousekeepingService(
            recorder: parts.service.recorder, keys: parts.service.access.keys, tls: parts.tls, graphviz: parts.service.graphviz,
            checkpointInterval: .seconds(configuration.integer(.recordsCheckpointInterval)), logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: app), .init(service: reload), .init(service: housekeeping)],
            gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        // A drain that outlasts its bound is cut short: the service stops within the drain time.
        groupConfiguration.maximumGracefulShutdownDuration = configuration.duration(.drainTimeout)
        try await ServiceGroup(configuration: groupConfiguration).run()
        await parts.service.recorder.store.close()
        logger.notice("stopped")
        LogWriter.standardError.flush()
    }

    /// More descriptors if the system allows (connections are capped well below them); a write
    /// past a file-size limit fails with an error instead of killing the process; a closed socket
    /// is an error, not a signal.
    static func prepareProcess(logger: Logger) {
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        }
    }
}

/// Signs each chain's head every checkpoint interval (and once more at shutdown), re-reads TLS
/// files when they change, and kills any Graphviz still running when the service stops.
struct HousekeepingService: Service {
    let recorder: DecisionRecorder
    let keys: KeyRing
    let tls: TLSFiles?
    let graphviz: GraphvizRunner?
    let checkpointInterval: Duration
    let logger: Logger

    func run() async throws {
        let tick = Duration.seconds(1)
        try? await cancelWhenGracefulShutdown {
            var sinceCheckpoint = Duration.zero
            var flushed: [String: Date] = [:]
            while !Task.isCancelled {
                try await Task.sleep(for: tick)
                sinceCheckpoint += tick
                let usage = keys.usage
                if usage != flushed, (try? await recorder.store.noteUse(usage.mapValues(NewRecord.timestamp))) != nil { flushed = usage }
                do {
                    if try tls?.refresh() == true { logger.notice("re-read the TLS certificate and key") }
                } catch {
                    logger.error("refused the changed TLS files; the previous certificate stays in use", metadata: ["error": "\(error)"])
                }
                if sinceCheckpoint >= checkpointInterval {
                    sinceCheckpoint = .zero
                    await noteHeads()
                }
            }
        }
        graphviz?.killAll()
        await noteHeads()
    }

    func noteHeads() async {
        guard let signer = recorder.signer else { return }
        do {
            try await RecordAudit.noteHeads(in: recorder.store, signer: signer)
        } catch {
            logger.error("could not write checkpoints", metadata: ["error": "\(error.description)"])
        }
    }
}
