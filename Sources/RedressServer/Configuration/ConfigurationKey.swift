/// Every setting of the service, in one place: its key in the configuration file (a dotted path),
/// its environment variable, its command-line option (if any), what it holds and its default.
/// The file reader, the environment reader, `check-config`, the manual's option list and
/// docs/deploy.md's table all come from this list.
public enum ConfigurationKey: String, CaseIterable, Sendable {
    case library
    case host, port
    case tlsCertificate, tlsPrivateKey, tlsClientCA
    case keysFile, ratePerSecond, rateBurst
    case oidcIssuer, oidcAudiences, oidcJWKS, oidcRolesClaim, oidcRolePrefix, oidcCouncilsClaim, oidcCouncils, oidcLeeway
    case recordsStore, recordsSigningKey, recordsMask, recordsMaskSalt, recordsCheckpointInterval
    case reloadInterval, reloadRemovedGrace, reloadWatch
    case maxBodyBytes, maxItems, maxConnections, headerTimeout, bodyTimeout, idleTimeout, drainTimeout
    case diagramMaxBytes, diagramTimeout, diagramConcurrency
    case logFormat, logLevel
    case draftsAdopt

    /// What a key's value must be.
    public enum Kind: Sendable, Equatable {
        case text, path, integer(ClosedRange<Int>), number(ClosedRange<Double>), boolean, list
        case choice([String])
    }

    /// The key in the configuration file.
    public var path: String {
        switch self {
        case .library: "library"
        case .host: "listen.host"
        case .port: "listen.port"
        case .tlsCertificate: "tls.certificate"
        case .tlsPrivateKey: "tls.private_key"
        case .tlsClientCA: "tls.client_ca"
        case .keysFile: "access.keys"
        case .ratePerSecond: "access.rate_limit.per_second"
        case .rateBurst: "access.rate_limit.burst"
        case .oidcIssuer: "access.oidc.issuer"
        case .oidcAudiences: "access.oidc.audiences"
        case .oidcJWKS: "access.oidc.jwks"
        case .oidcRolesClaim: "access.oidc.roles_claim"
        case .oidcRolePrefix: "access.oidc.role_prefix"
        case .oidcCouncilsClaim: "access.oidc.councils_claim"
        case .oidcCouncils: "access.oidc.councils"
        case .oidcLeeway: "access.oidc.leeway_seconds"
        case .recordsStore: "records.store"
        case .recordsSigningKey: "records.signing_key"
        case .recordsMask: "records.mask"
        case .recordsMaskSalt: "records.mask_salt"
        case .recordsCheckpointInterval: "records.checkpoint_interval_seconds"
        case .reloadInterval: "reload.interval_seconds"
        case .reloadRemovedGrace: "reload.removed_grace_seconds"
        case .reloadWatch: "reload.watch"
        case .maxBodyBytes: "limits.max_body_bytes"
        case .maxItems: "limits.max_items"
        case .maxConnections: "limits.max_connections"
        case .headerTimeout: "limits.header_timeout_seconds"
        case .bodyTimeout: "limits.body_timeout_seconds"
        case .idleTimeout: "limits.idle_timeout_seconds"
        case .drainTimeout: "limits.drain_timeout_seconds"
        case .diagramMaxBytes: "limits.diagram.max_bytes"
        case .diagramTimeout: "limits.diagram.timeout_seconds"
        case .diagramConcurrency: "limits.diagram.concurrent"
        case .logFormat: "log.format"
        case .logLevel: "log.level"
        case .draftsAdopt: "drafts.adopt"
        }
    }

    /// The environment variable that overrides the file: `REDRESS_` and the path in capitals.
    public var environmentVariable: String {
        "REDRESS_" + path.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    /// The command-line option that overrides both, if there is one.
    public var option: String? {
        switch self {
        case .library: "--library"
        case .host: "--host"
        case .port: "--port"
        case .tlsCertificate: "--tls-cert-file"
        case .tlsPrivateKey: "--tls-private-key-file"
        case .tlsClientCA: "--tls-ca-cert-file"
        case .keysFile: "--keys-file"
        case .recordsStore: "--records"
        case .reloadInterval: "--reload-interval"
        default: nil
        }
    }

    public var kind: Kind {
        switch self {
        case .library, .tlsCertificate, .tlsPrivateKey, .tlsClientCA, .keysFile, .recordsSigningKey, .recordsMaskSalt: .path
        case .host, .oidcIssuer, .oidcJWKS, .oidcRolesClaim, .oidcRolePrefix, .oidcCouncilsClaim, .recordsStore: .text
        case .port: .integer(0...65_535)
        case .oidcAudiences, .oidcCouncils, .recordsMask: .list
        case .oidcLeeway: .integer(0...600)
        case .ratePerSecond, .rateBurst: .number(0...1_000_000)
        case .recordsCheckpointInterval: .integer(10...86_400)
        case .reloadInterval: .number(0.05...86_400)
        case .reloadRemovedGrace: .number(0...604_800)
        case .reloadWatch: .choice(["inotify", "poll"])
        case .maxBodyBytes: .integer(1_024...(256 << 20))
        case .maxItems: .integer(1...1_000_000)
        case .maxConnections: .integer(16...1_000_000)
        case .headerTimeout, .bodyTimeout, .idleTimeout, .drainTimeout, .diagramTimeout: .number(0.1...3_600)
        case .diagramMaxBytes: .integer(1_024...(16 << 20))
        case .diagramConcurrency: .integer(1...64)
        case .logFormat: .choice(["json", "text"])
        case .logLevel: .choice(["trace", "debug", "info", "notice", "warning", "error", "critical"])
        case .draftsAdopt: .boolean
        }
    }

    /// The value when nothing sets it (nil: unset). Paths relative to the library's parent folder
    /// are resolved by `ServiceConfiguration`.
    public var defaultValue: String? {
        switch self {
        case .library: "policies"
        case .host: "127.0.0.1"
        case .port: "8080"
        case .keysFile: "redress-keys.yaml"
        case .ratePerSecond: "200"
        case .rateBurst: "400"
        case .oidcRolesClaim: "roles"
        case .oidcRolePrefix: ""
        case .oidcCouncilsClaim: "councils"
        case .oidcLeeway: "60"
        case .recordsStore: "redress-records.sqlite"
        case .recordsCheckpointInterval: "300"
        case .reloadInterval: "2"
        case .reloadRemovedGrace: "60"
        case .reloadWatch: "inotify"
        case .maxBodyBytes: String(4 << 20)
        case .maxItems: "10000"
        case .maxConnections: "4096"
        case .headerTimeout: "10"
        case .bodyTimeout: "30"
        case .idleTimeout: "60"
        case .drainTimeout: "10"
        case .diagramMaxBytes: String(256 << 10)
        case .diagramTimeout: "10"
        case .diagramConcurrency: "2"
        case .logFormat: "json"
        case .logLevel: "info"
        case .draftsAdopt: "true"
        default: nil
        }
    }

    public var summary: String {
        switch self {
        case .library: "the policy library (holds councils/, statutory/, calendars/)"
        case .host: "address to listen on; anything but loopback without TLS starts with a warning"
        case .port: "port to listen on (0: any free port, printed at start)"
        case .tlsCertificate: "PEM certificate chain; with tls.private_key, serves HTTPS (TLS 1.2+), re-read when it changes"
        case .tlsPrivateKey: "PEM private key of the certificate"
        case .tlsClientCA: "PEM CA certificates for client certificates (mutual TLS)"
        case .keysFile: "the API keys file (hashes only; made by `keys add`)"
        case .ratePerSecond: "requests per second per credential (0: no limit)"
        case .rateBurst: "requests a credential may make at once before the rate applies"
        case .oidcIssuer: "officers' identity provider: the tokens' `iss`"
        case .oidcAudiences: "accepted `aud` values"
        case .oidcJWKS: "the provider's signing keys: a JWKS file or https:// URL"
        case .oidcRolesClaim: "the claim listing Redress roles"
        case .oidcRolePrefix: "a prefix before role names in that claim (e.g. `Redress.`)"
        case .oidcCouncilsClaim: "the claim listing council ids (`*`: all)"
        case .oidcCouncils: "councils every token may use when it has no councils claim (`all` or ids)"
        case .oidcLeeway: "seconds of clock difference allowed on `exp` and `nbf`"
        case .recordsStore: "decision records: a SQLite file, or a postgres:// URL (its parameters, including `connect_timeout`, in docs/records.md)"
        case .recordsSigningKey: "Ed25519 key signing checkpoints (made when missing; default beside a SQLite store)"
        case .recordsMask: "input fields stored as salted hashes (e.g. `text`, `contact.name`)"
        case .recordsMaskSalt: "the masking salt file (made when missing)"
        case .recordsCheckpointInterval: "seconds between signed checkpoints of each chain's head"
        case .reloadInterval: "seconds a changed council must stay unchanged before it is compiled; also the polling period"
        case .reloadRemovedGrace: "seconds a removed council folder keeps serving before it stops"
        case .reloadWatch: "how changes are noticed: inotify, or poll (for network file systems)"
        case .maxBodyBytes: "largest request body"
        case .maxItems: "most complaints in one request"
        case .maxConnections: "open connections before the oldest idle ones are closed"
        case .headerTimeout: "seconds a client has to send a request's headers"
        case .bodyTimeout: "seconds a client has to send a request's body"
        case .idleTimeout: "seconds an idle keep-alive connection stays open"
        case .drainTimeout: "seconds in-flight requests may take to finish at shutdown"
        case .diagramMaxBytes: "largest draft sent for a diagram"
        case .diagramTimeout: "seconds Graphviz may take for one diagram"
        case .diagramConcurrency: "Graphviz processes at once (more wait or get 503)"
        case .logFormat: "json (one object per line) or text"
        case .logLevel: "lowest level logged"
        case .draftsAdopt: "whether an admin may adopt a draft into the library (needs it writable)"
        }
    }
}

extension ConfigurationKey {
    /// docs/deploy.md's settings table (a test keeps the page in step with this list).
    public static var markdownTable: String {
        var lines = ["| key | environment | option | default | what |", "| --- | --- | --- | --- | --- |"]
        for key in allCases {
            let defaultText = key.defaultValue.map { $0.isEmpty ? "`\"\"`" : "`\($0)`" } ?? "—"
            lines.append("| `\(key.path)` | `\(key.environmentVariable)` | \(key.option.map { "`\($0)`" } ?? "—") | \(defaultText) | \(key.summary) |")
        }
        return lines.joined(separator: "\n")
    }
}
