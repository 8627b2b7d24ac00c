import Dispatch
import Foundation
import Logging
import ServiceLifecycle

/// Looks at the library twice per quiet period, at once when inotify reports a change or SIGHUP
/// arrives, reloading the councils whose files changed; also re-reads the keys file. Stops the moment a
/// graceful shutdown begins (it never holds up SIGTERM).
public struct ReloadService: Service {
    public let registry: CouncilRegistry
    public let keys: KeyRing?
    public let interval: Duration
    public let useInotify: Bool
    public let logger: Logger
    public let metrics: ServerMetrics

    public init(registry: CouncilRegistry, keys: KeyRing?, interval: Duration, useInotify: Bool = true, logger: Logger, metrics: ServerMetrics) {
        self.registry = registry
        self.keys = keys
        self.metrics = metrics
        self.interval = interval
        self.useInotify = useInotify
        self.logger = logger
    }

    public func run() async throws {
        let (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let watcher = useInotify ? LibraryWatcher(library: registry.library) : nil
        if useInotify, watcher == nil { logger.warning("inotify is not available; polling the library") }
        watcher?.start { continuation.yield() }
        // SIGHUP (systemctl reload) asks for a look at once.
        signal(SIGHUP, SIG_IGN)
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP)
        hangup.setEventHandler { continuation.yield() }
        hangup.resume()
        let timer = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval / 2)
                continuation.yield()
            }
        }
        defer {
            hangup.cancel()
            timer.cancel()
            watcher?.stop()
            continuation.finish()
        }
        await cancelWhenGracefulShutdown {
            for await _ in wakeups {
                await look()
            }
        }
    }

    func look() async {
        for id in await registry.reload() {
            guard let state = registry.snapshot[id] else { continue }
            metrics.reload(state.status)
        }
        metrics.councils(registry.snapshot)
        guard let keys else { return }
        do {
            if try keys.reload() { logger.info("re-read the keys file", metadata: ["keys": "\(keys.entries.count)"]) }
        } catch {
            logger.error("refused the changed keys file; the previous keys stay in force", metadata: ["diagnostics": "\(error.diagnostics.map(\.description))"])
        }
    }
}
