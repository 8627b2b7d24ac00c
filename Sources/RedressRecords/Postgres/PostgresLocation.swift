import Foundation
import PostgresNIO

/// A PostgreSQL connection URL as libpq writes them: `postgres://user:password@host:port/database`,
/// with `?host=/path` for a Unix socket folder and `?sslmode=disable|prefer|require`. The password
/// may also come from `PGPASSWORD`, so it need not be in a configuration file.
enum PostgresLocation {
    static func configuration(_ text: String) throws(StoreFailure) -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql" else {
            throw StoreFailure("`\(redacted(text))` is not a postgres:// URL")
        }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let username = url.user.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? ProcessInfo.processInfo.environment["PGUSER"] ?? "redress"
        let password = url.password.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let database = path.isEmpty ? username : path
        var configuration: PostgresClient.Configuration
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            let port = url.port ?? Int(query["port"] ?? "") ?? 5432
            configuration = .init(unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: username, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch query["sslmode"] ?? "prefer" {
            case "disable": tls = .disable
            case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
            default: tls = .prefer(.makeClientConfiguration())
            }
            configuration = .init(host: url.host ?? "localhost", port: url.port ?? 5432, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.maximumConnections = 8
        return configuration
    }

    /// The URL without its password, for logs and messages.
    static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? "postgres://…"
    }
}
