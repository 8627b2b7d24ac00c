import Foundation
import HummingbirdTLS
import NIOCore
import NIOSSL
import Synchronization
import X509

/// The service's TLS material, read from PEM files and read again when they change (a renewed
/// certificate is used from the next handshake, without a restart). TLS 1.2 or later only. With a
/// client CA, clients may present a certificate (mutual TLS), checked against the CA as it is now;
/// clients without one can still use an API key or token.
public final class TLSFiles: Sendable {
    struct Material: Sendable {
        var chain: [NIOSSLCertificate]
        var key: NIOSSLPrivateKey
        var authorities: [Certificate]
        var signature: String
    }

    public let certificatePath: String
    public let keyPath: String
    public let clientCAPath: String?
    private let material: Mutex<Material>

    public init(certificate: String, privateKey: String, clientCA: String?) throws {
        certificatePath = certificate
        keyPath = privateKey
        clientCAPath = clientCA
        material = Mutex(try Self.read(certificate, privateKey, clientCA))
    }

    static func signature(_ paths: [String?]) -> String {
        paths.compactMap { $0 }.map { path in
            var status = stat()
            return stat(path, &status) == 0 ? "\(status.st_size):\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec):\(status.st_ino)" : "missing"
        }.joined(separator: "|")
    }

    static func read(_ certificate: String, _ key: String, _ clientCA: String?) throws -> Material {
        let signature = signature([certificate, key, clientCA])
        let chain = try NIOSSLCertificate.fromPEMFile(certificate)
        guard !chain.isEmpty else { throw TLSFailure(description: "\(certificate) holds no certificate") }
        let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        var authorities: [Certificate] = []
        if let clientCA {
            authorities = try NIOSSLCertificate.fromPEMFile(clientCA).map { try Certificate(derEncoded: try $0.toDERBytes()) }
            guard !authorities.isEmpty else { throw TLSFailure(description: "\(clientCA) holds no CA certificate") }
        }
        return Material(chain: chain, key: privateKey, authorities: authorities, signature: signature)
    }

    /// Reads the files again if they changed. Returns true when new material is in use; throws
    /// (keeping the material in use) when the changed files are not a certificate and its key.
    @discardableResult
    public func refresh() throws -> Bool {
        let current = Self.signature([certificatePath, keyPath, clientCAPath])
        guard current != material.withLock({ $0.signature }) else { return false }
        let fresh = try Self.read(certificatePath, keyPath, clientCAPath)
        material.withLock { $0 = fresh }
        return true
    }

    /// Hummingbird's TLS configuration: the certificate and key chosen at each handshake (so a
    /// refreshed pair applies at once), client certificates checked against the current CA.
    public func channelConfiguration() throws -> TLSChannelConfiguration {
        let initial = material.withLock { $0 }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: initial.chain.map { .certificate($0) }, privateKey: .privateKey(initial.key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.sslContextCallback = { [self] _, promise in
            let now = material.withLock { $0 }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = now.chain.map { .certificate($0) }
            override.privateKey = .privateKey(now.key)
            promise.succeed(override)
        }
        guard clientCAPath != nil else { return TLSChannelConfiguration(tlsConfiguration: configuration) }
        configuration.certificateVerification = .optionalVerification
        return TLSChannelConfiguration(tlsConfiguration: configuration) { [self] presented in
            try await verify(presented)
        }
    }

    /// A client's chain checked against the client CA: signatures, validity dates, CA constraints.
    func verify(_ presented: [NIOSSLCertificate]) async throws -> NIOSSLVerificationResult {
        let authorities = material.withLock { $0.authorities }
        let chain = try presented.map { try Certificate(derEncoded: try $0.toDERBytes()) }
        guard let leaf = chain.first else { return .failed }
        var verifier = Verifier(rootCertificates: CertificateStore(authorities)) {
            RFC5280Policy()
        }
        switch await verifier.validate(leaf: leaf, intermediates: CertificateStore(chain.dropFirst())) {
        case .validCertificate: return .certificateVerified
        case .couldNotValidate: return .failed
        }
    }
}

struct TLSFailure: Error, CustomStringConvertible {
    var description: String
}
