import Foundation
import Glibc
import Synchronization

/// Runs Graphviz's `dot` for draft diagrams with bounds: at most `concurrency` at once (beyond
/// that the caller is told to retry), each killed — its whole process group, so nothing it starts
/// survives — when it passes `timeout`, when the client goes away, or when the service shuts down.
public final class GraphvizRunner: Sendable {
    public enum Failure: Error, Sendable, Equatable {
        case busy
        case timedOut
        case cancelled
        case failed(String)
    }

    public let executable: String
    public let timeout: Duration
    public let concurrency: Int
    private let running = Mutex<Set<pid_t>>([])
    private let slots: Mutex<Int>

    public init(executable: String, timeout: Duration, concurrency: Int) {
        self.executable = executable
        self.timeout = timeout
        self.concurrency = concurrency
        slots = Mutex(concurrency)
    }

    /// Graphviz's `dot` on the PATH, if installed.
    public static func find() -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
            .map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The SVG of a DOT graph. `cancelled` is polled: return true once the client has gone.
    public func svg(_ dot: String, cancelled: @escaping @Sendable () -> Bool) async throws(Failure) -> String {
        guard slots.withLock({ free in
            guard free > 0 else { return false }
            free -= 1
            return true
        }) else { throw .busy }
        defer { slots.withLock { $0 += 1 } }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout.components.seconds) * 1_000_000_000
            + UInt64(timeout.components.attoseconds / 1_000_000_000)
        let executable = executable
        let result: Result<String, Failure> = await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in
                continuation.resume(returning: Self.run(executable, input: Array(dot.utf8), deadline: deadline, cancelled: cancelled, runner: self))
            }
        }
        return try result.get()
    }

    /// Kills every Graphviz process still running (at shutdown).
    public func killAll() {
        for pid in running.withLock({ Array($0) }) { kill(-pid, SIGKILL) }
    }

    private func started(_ pid: pid_t) { running.withLock { _ = $0.insert(pid) } }
    private func ended(_ pid: pid_t) { _ = running.withLock { $0.remove(pid) } }

    private static func run(_ executable: String, input: [UInt8], deadline: UInt64, cancelled: () -> Bool, runner: GraphvizRunner) -> Result<String, Failure> {
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { return .failure(.failed("cannot make pipes")) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, toChild[1])
        posix_spawn_file_actions_addclose(&actions, fromChild[0])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var pid: pid_t = 0
        let words: [String] = [executable, "-Tsvg"]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { word in strdup(word) } + [nil]
        defer { arguments.forEach { free($0) } }
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, arguments, environ)
        close(toChild[0])
        close(fromChild[1])
        _ = fcntl(toChild[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fromChild[0], F_SETFD, FD_CLOEXEC)
        guard spawned == 0 else {
            close(toChild[1])
            close(fromChild[0])
            return .failure(.failed("cannot start \(executable): \(String(cString: strerror(spawned)))"))
        }
        runner.started(pid)
        defer { runner.ended(pid) }
        _ = fcntl(toChild[1], F_SETFL, O_NONBLOCK)
        var written = 0
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var writeOpen = true
        var outcome: Failure?
        while true {
            if DispatchTime.now().uptimeNanoseconds > deadline { outcome = .timedOut }
            if cancelled() { outcome = .cancelled }
            if outcome != nil { break }
            if writeOpen, written == input.count {
                close(toChild[1])
                writeOpen = false
            }
            var fds = [pollfd(fd: fromChild[0], events: Int16(POLLIN), revents: 0)]
            if writeOpen { fds.append(pollfd(fd: toChild[1], events: Int16(POLLOUT), revents: 0)) }
            guard poll(&fds, nfds_t(fds.count), 100) >= 0 || errno == EINTR else { break }
            if writeOpen, fds.count > 1, fds[1].revents != 0 {
                let count = input.withUnsafeBytes { write(toChild[1], $0.baseAddress.map { $0 + written }, input.count - written) }
                if count > 0 { written += count } else if count < 0, errno != EAGAIN, errno != EINTR {
                    close(toChild[1])
                    writeOpen = false
                }
            }
            if fds[0].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(fromChild[0], $0.baseAddress, $0.count) }
                if count > 0 {
                    output += buffer[..<count]
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    break
                }
            }
        }
        if writeOpen { close(toChild[1]) }
        close(fromChild[0])
        if outcome != nil { kill(-pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if let outcome { return .failure(outcome) }
        guard status == 0 else { return .failure(.failed("Graphviz could not draw the diagram")) }
        let text = String(decoding: output, as: UTF8.self)
        // The SVG element only: the XML prolog and doctype cannot sit inside an HTML page.
        return .success(text.range(of: "<svg").map { String(text[$0.lowerBound...]) } ?? text)
    }
}
