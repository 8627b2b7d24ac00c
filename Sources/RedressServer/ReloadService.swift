import Logging
import ServiceLifecycle

/// Looks at the library every `interval` and reloads the councils whose files changed (polling:
/// simple, portable, and an editor's half-written save is caught by the checks, not by timing).
public struct ReloadService: Service {
    public let registry: CouncilRegistry
    public let interval: Duration
    public let logger: Logger
    public let metrics: ServerMetrics

    public init(registry: CouncilRegistry, interval: Duration, logger: Logger, metrics: ServerMetrics) {
        self.registry = registry
        self.metrics = metrics
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: interval)
            for id in await registry.reload() {
                guard let outcome = await registry.snapshot[id]?.lastReload else { continue }
                metrics.reload(outcome.result)
                switch outcome.result {
                case .loaded: logger.info("reloaded council", metadata: ["council": "\(id)"])
                case .rejected, .missing:
                    logger.warning(
                        "kept the last good policy", metadata: ["council": "\(id)", "result": "\(outcome.result.rawValue)", "diagnostics": "\(outcome.diagnostics.map(\.description))"])
                }
            }
        }
    }
}
