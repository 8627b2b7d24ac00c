import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import RedressDiagnostics
import RedressRecords

/// The service's parts, each made from the configuration and checked before anything listens.
struct ServiceParts: Sendable {
    var service: RedressService
    var tls: TLSFiles?
    var connections: ConnectionTracker

    init(_ configuration: ServiceConfiguration, library: String, logger: Logger) async throws {
        let keys: KeyRing
        do {
            keys = try KeyRing(path: configuration.path(.keysFile))
        } catch {
            throw LaunchFailure("the keys file is not valid", diagnostics: error)
        }
        var tokens: TokenVerifier?
        if let issuer = configuration.text(.oidcIssuer) {
            guard let jwks = configuration.path(.oidcJWKS), !configuration.list(.oidcAudiences).isEmpty else {
                throw LaunchFailure("access.oidc needs `jwks` and `audiences` as well as `issuer`")
            }
            var settings = TokenIssuer(jwks: jwks, issuer: issuer, audiences: configuration.list(.oidcAudiences))
            settings.rolesClaim = configuration.text(.oidcRolesClaim) ?? "roles"
            settings.rolePrefix = configuration.text(.oidcRolePrefix) ?? ""
            settings.councilsClaim = configuration.text(.oidcCouncilsClaim) ?? "councils"
            let councils = configuration.list(.oidcCouncils)
            settings.councils = councils == ["all"] ? .all : .only(Set(councils))
            settings.leewaySeconds = configuration.integer(.oidcLeeway)
            do {
                tokens = try await TokenVerifier(issuer: settings)
            } catch {
                throw LaunchFailure("cannot read the identity provider's keys from \(jwks): \(error)")
            }
        }
        var tls: TLSFiles?
        switch (configuration.path(.tlsCertificate), configuration.path(.tlsPrivateKey)) {
        case (let certificate?, let key?):
            do {
                tls = try TLSFiles(certificate: certificate, privateKey: key, clientCA: configuration.path(.tlsClientCA))
            } catch {
                throw LaunchFailure("cannot use the TLS files: \(error)")
            }
        case (nil, nil):
            if configuration.path(.tlsClientCA) != nil { throw LaunchFailure("a client CA needs TLS: set the certificate and private key too") }
        default:
            throw LaunchFailure("TLS needs both a certificate and a private key (--tls-cert-file and --tls-private-key-file)")
        }
        self.tls = tls
        let access = AccessControl(
            keys: keys, tokens: tokens,
            rateLimit: RateLimit(perSecond: configuration.number(.ratePerSecond), burst: max(1, configuration.number(.rateBurst))),
            clientCertificates: tls?.clientCAPath != nil)
        let recorder = try await Self.recorder(configuration, logger: logger)
        let metrics = ServerMetrics()
        let registry = CouncilRegistry(
            library: library, quietPeriod: configuration.number(.reloadInterval), removalGrace: configuration.number(.reloadRemovedGrace), logger: logger)
        var service = RedressService(registry: registry, access: access, recorder: recorder, metrics: metrics)
        service.limits.maxBodyBytes = configuration.integer(.maxBodyBytes)
        service.limits.maxItems = configuration.integer(.maxItems)
        service.diagramMaxBytes = configuration.integer(.diagramMaxBytes)
        service.graphviz = GraphvizRunner.find().map {
            GraphvizRunner(executable: $0, timeout: configuration.duration(.diagramTimeout), concurrency: configuration.integer(.diagramConcurrency))
        }
        self.service = service
        var limits = ConnectionLimits()
        limits.maxConnections = configuration.integer(.maxConnections)
        limits.headerTimeout = .milliseconds(Int64(configuration.number(.headerTimeout) * 1000))
        limits.bodyTimeout = .milliseconds(Int64(configuration.number(.bodyTimeout) * 1000))
        limits.idleTimeout = .milliseconds(Int64(configuration.number(.idleTimeout) * 1000))
        connections = ConnectionTracker(limits: limits, logger: logger, metrics: metrics)
    }

    /// The records store, its signing key and the masking of inputs.
    static func recorder(_ configuration: ServiceConfiguration, logger: Logger) async throws -> DecisionRecorder {
        guard let location = configuration.path(.recordsStore) else { throw LaunchFailure("records.store is not set") }
        do {
            let store = try await RecordStores.open(location, logger: logger)
            let isFile = !location.contains("://")
            let keyPath = configuration.path(.recordsSigningKey) ?? (isFile ? location + ".signing-key" : nil)
            let signer = try keyPath.map { path throws(StoreFailure) in try CheckpointSigner.load(orCreateAt: path) }
            if signer == nil { logger.warning("records.signing_key is not set: checkpoints are not signed") }
            var mask = RecordMask(paths: [], salt: [])
            if !configuration.list(.recordsMask).isEmpty {
                guard let saltPath = configuration.path(.recordsMaskSalt) ?? (isFile ? location + ".mask-salt" : nil) else {
                    throw LaunchFailure("records.mask needs records.mask_salt (a file the service keeps secret)")
                }
                mask = RecordMask(paths: configuration.list(.recordsMask), salt: try RecordMask.salt(orCreateAt: saltPath))
            }
            return DecisionRecorder(store: store, mask: mask, signer: signer)
        } catch let failure as StoreFailure {
            throw LaunchFailure("cannot open the records store: \(failure.description)")
        }
    }

    /// HTTP/1.1, with TLS when configured; each connection behind the connection guard.
    func serverBuilder() throws -> HTTPServerBuilder {
        let connections = connections
        let http = HTTPServerBuilder.http1(configuration: .init(additionalChannelHandlers: [ConnectionGuard(tracker: connections)]))
        guard let tls else { return http }
        return try .tls(http, configuration: tls.channelConfiguration())
    }
}
