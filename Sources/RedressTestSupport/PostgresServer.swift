import Foundation
import Synchronization

/// A real PostgreSQL server for tests. CI starts Debian's cluster and names it in
/// `REDRESS_TEST_POSTGRES` (a superuser URL); otherwise the first test that asks starts its own
/// cluster (`initdb` into a temporary folder, as the `postgres` user when run as root, on a free
/// loopback port), stopped and removed when the test process exits. Each test gets a database of
/// its own, dropped afterwards.
public enum PostgresServer {
    private static let started = Mutex<Result<String, Unavailable>?>(nil)

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The server's admin URL (to database `postgres`), or why there is none.
    public static func url() -> Result<String, Unavailable> {
        if let url = ProcessInfo.processInfo.environment["REDRESS_TEST_POSTGRES"], !url.isEmpty { return .success(url) }
        return started.withLock { started in
            if let started { return started }
            let result = start()
            started = result
            return result
        }
    }

    /// Runs `body` with the URL of a new, empty database, dropped afterwards. The URL gives Redress
    /// two minutes (`connect_timeout=120`) to hear from the database, not the default ten seconds: tests
    /// that wait on child processes can hold this process's few threads for longer than that, and
    /// the deadline itself is tested on its own (PostgresFailureTests).
    public static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        let admin = try url().get()
        let name = "redress_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try psql(admin, "CREATE DATABASE \(name)")
        defer { try? psql(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        return try await body(setting("connect_timeout", to: "120", in: replacingDatabase(admin, with: String(name))))
    }

    /// `url` with its query parameter `name` set to `value` (replacing any there).
    public static func setting(_ name: String, to value: String, in url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.queryItems = (components.queryItems ?? []).filter { $0.name != name } + [URLQueryItem(name: name, value: value)]
        return components.string ?? url
    }

    public static func replacingDatabase(_ url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        return components.string ?? url
    }

    /// Runs SQL with the `psql` client.
    public static func psql(_ url: String, _ sql: String) throws {
        let outcome = try ChildProcess.run("/usr/bin/env", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
        guard outcome.status == 0 else { throw Unavailable(description: "psql: \(outcome.text)") }
    }

    private static func binaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        return versions.map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    private static func start() -> Result<String, Unavailable> {
        guard let bin = binaries() else { return .failure(Unavailable(description: "PostgreSQL is not installed (apt-get install postgresql)")) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-postgres-\(UUID().uuidString)").path
        let port = Int.random(in: 40_000..<50_000)
        let asPostgres = getuid() == 0 ? "runuser -u postgres -- " : ""
        // The server must not inherit any descriptor of this process (Foundation's Process watches
        // one to learn that its child ended): every descriptor above 2 is closed first.
        let script = """
            set -e
            for fd in $(ls /proc/$$/fd); do if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done
            mkdir -p \(folder)
            \(getuid() == 0 ? "chown postgres \(folder)" : ":")
            \(asPostgres)\(bin)/initdb -D \(folder)/data -A trust -U redress --no-sync >/dev/null 2>&1
            \(asPostgres)\(bin)/pg_ctl -D \(folder)/data -l \(folder)/log -w -o "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null 2>&1
            """
        guard let outcome = try? ChildProcess.run("/bin/bash", ["-c", script]), outcome.status == 0 else {
            try? FileManager.default.removeItem(atPath: folder)
            return .failure(Unavailable(description: "could not start a PostgreSQL server in \(folder)"))
        }
        stopAtExit(bin: bin, folder: folder, asPostgres: asPostgres)
        return .success("postgres://redress@127.0.0.1:\(port)/postgres?sslmode=disable")
    }

    private static let cleanup = Mutex<String?>(nil)

    private static func stopAtExit(bin: String, folder: String, asPostgres: String) {
        cleanup.withLock { $0 = "\(asPostgres)\(bin)/pg_ctl -D \(folder)/data -m immediate stop >/dev/null 2>&1; rm -rf \(folder)" }
        atexit {
            // Foundation's Process cannot be used while the process exits; system(3) can.
            guard let command = PostgresServer.cleanup.withLock({ $0 }) else { return }
            _ = system(command)
        }
    }
}
