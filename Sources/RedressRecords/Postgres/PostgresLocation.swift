import Foundation
import NIOSSL
import PostgresNIO

/// A PostgreSQL connection URL as libpq writes them: `postgres://user:password@host:port/database`,
/// with `?host=/path` for a Unix socket folder and `?sslmode=disable|prefer|require`. The password
/// may also come from `PGPASSWORD`, so it need not be in a configuration file. libpq's
/// `?connect_timeout=SECONDS` (1–600, default 10; the URL stays one `psql` accepts) bounds how long
/// Redress waits for the database: to connect, and to answer any statement the service sends for a
/// request; inside the database, waits for a lock are cut
/// at half of it (`lock_timeout`), so a statement stuck behind someone else's transaction is
/// rolled back there, not left to commit after its request was answered 503.
struct PostgresLocation: Sendable {
    enum Endpoint: Sendable {
        case tcp(host: String, port: Int, tls: TLSMode)
        case socket(path: String)
    }

    enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    static let parameters: Set<String> = ["host", "port", "user", "sslmode", "connect_timeout", "options"]
    static let defaultTimeout: Duration = .seconds(10)

    var endpoint: Endpoint
    var username: String
    var password: String?
    var database: String
    var timeout: Duration
    /// Server settings from libpq's `options` (`-c name=value`, `--name=value`), sent at
    /// connection start; a `lock_timeout` there replaces the one derived from `timeout`.
    var settings: [(String, String)] = []
    /// The URL without its password, for logs and messages.
    var redacted: String

    init(_ text: String) throws(StoreFailure) {
        redacted = Self.redacted(text)
        guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql" else {
            throw StoreFailure("`\(redacted)` is not a postgres:// URL")
        }
        let items = url.queryItems ?? []
        if let unknown = items.first(where: { !Self.parameters.contains($0.name) }) {
            throw StoreFailure(
                "`\(redacted)`: unknown parameter `\(unknown.name)` (known: \(Self.parameters.sorted().joined(separator: ", ")))")
        }
        let query = Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        username = url.user.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? ProcessInfo.processInfo.environment["PGUSER"] ?? "redress"
        password = url.password.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? username : path
        timeout = Self.defaultTimeout
        if let seconds = query["connect_timeout"] {
            guard let value = Int(seconds), (1...600).contains(value) else {
                throw StoreFailure("`\(redacted)`: connect_timeout must be a whole number of seconds from 1 to 600, not `\(seconds)`")
            }
            timeout = .seconds(value)
        }
        if let options = query["options"] { settings = try Self.settings(options, redacted) }
        let port = url.port ?? Int(query["port"] ?? "") ?? 5432
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            endpoint = .socket(path: "\(socketFolder)/.s.PGSQL.\(port)")
        } else {
            let mode: TLSMode
            switch query["sslmode"] ?? "prefer" {
            case "disable", "allow": mode = .disable
            case "prefer": mode = .prefer
            case "require", "verify-ca", "verify-full": mode = .require
            case let other: throw StoreFailure("`\(redacted)`: sslmode must be disable, prefer or require, not `\(other)`")
            }
            endpoint = .tcp(host: url.host ?? query["host"] ?? "localhost", port: port, tls: mode)
        }
    }

    /// Sent at connection start: lock waits inside the database end at half the timeout, unless
    /// `options` says otherwise; then `options`' settings.
    var startupParameters: [(String, String)] {
        let derived = settings.contains { $0.0 == "lock_timeout" } ? [] : [("lock_timeout", String(timeout.components.seconds * 500))]
        return derived + settings
    }

    /// libpq's `options`: `-c name=value` or `--name=value`, separated by spaces.
    static func settings(_ options: String, _ redacted: String) throws(StoreFailure) -> [(String, String)] {
        var settings: [(String, String)] = []
        var words = options.split(separator: " ").map(String.init)[...]
        while let word = words.popFirst() {
            let setting: String
            if word == "-c", let next = words.popFirst() {
                setting = next
            } else if word.hasPrefix("-c") {
                setting = String(word.dropFirst(2))
            } else if word.hasPrefix("--") {
                setting = String(word.dropFirst(2))
            } else {
                throw StoreFailure("`\(redacted)`: options holds `\(word)`; Redress passes only `-c name=value` settings")
            }
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw StoreFailure("`\(redacted)`: options setting `\(setting)` is not name=value")
            }
            settings.append((parts[0].replacingOccurrences(of: "-", with: "_"), parts[1]))
        }
        return settings
    }

    /// For the service's pool of connections.
    var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch endpoint {
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: username, password: password, database: database)
        case .tcp(let host, let port, let mode):
            let tls: PostgresClient.Configuration.TLS =
                switch mode {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.maximumConnections = 8
        configuration.options.connectTimeout = timeout
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// For one connection of its own (the migration at start), which — unlike the pool, which
    /// retries quietly — fails with the server's own reason: a wrong password, no such database.
    func connectionConfiguration() throws(StoreFailure) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch endpoint {
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: username, password: password, database: database)
        case .tcp(let host, let port, let mode):
            let tls: PostgresConnection.Configuration.TLS
            do {
                switch mode {
                case .disable: tls = .disable
                case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
            } catch {
                throw StoreFailure("\(redacted): cannot set up TLS: \(error)")
            }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        // Longer than the deadline around the whole start (`StoreDeadline`), which then names the wait.
        configuration.options.connectTimeout = .seconds(timeout.components.seconds * 2)
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? "postgres://…"
    }
}
