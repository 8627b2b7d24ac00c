import Dispatch
import Hummingbird
import Logging
import NIOCore
import NIOSSL
import Synchronization
import X509

/// Everything that decides who may call the service, built from its configuration.
public struct AccessControl: Sendable {
    public var keys: KeyRing
    public var tokens: TokenVerifier?
    public var limiter: RateLimiter
    /// True when clients may present TLS certificates named in the keys file.
    public var clientCertificates: Bool
    /// Refusals are logged, but at most ten a second: a flood of bad credentials cannot flood the log.
    let refusals = RefusalLog()
    /// Only for measuring what authentication costs (`RedressBenchmarks serve --auth none`): a
    /// request with no credential is this identity. The service itself never sets it.
    public var benchmarkIdentityWithoutCredential: Identity?

    public init(keys: KeyRing, tokens: TokenVerifier? = nil, rateLimit: RateLimit = .unlimited, clientCertificates: Bool = false) {
        self.keys = keys
        self.tokens = tokens
        self.limiter = RateLimiter(limit: rateLimit)
        self.clientCertificates = clientCertificates
    }

    /// The identity behind a request's credential: an API key (`Bearer rdk_…`), an officer's token
    /// (any other bearer value), or a TLS client certificate named in the keys file. Every refusal
    /// is the same 401, so the answer never tells whether a key exists; the reason goes to the log.
    func authenticate(_ request: Request, channel: any Channel, logger: Logger) async throws -> Identity {
        if let authorization = request.headers.value(of: .authorization) {
            guard let credential = Self.bearerCredential(authorization) else {
                refusals.note("refused a credential", reason: "the Authorization header is not a bearer credential", logger: logger)
                throw Problem.unauthenticated
            }
            if Self.isAPIKey(credential) {
                guard let identity = keys.identity(forKey: credential) else {
                    refusals.note("refused a credential", reason: "unknown API key", logger: logger)
                    throw Problem.unauthenticated
                }
                return identity
            }
            guard let tokens else {
                refusals.note("refused a credential", reason: "a token was sent but no identity provider is configured", logger: logger)
                throw Problem.unauthenticated
            }
            do {
                return try await tokens.identity(for: String(credential))
            } catch {
                refusals.note("refused a token", reason: error.description, logger: logger)
                throw Problem.unauthenticated
            }
        }
        if clientCertificates, let subject = await Self.certificateSubject(channel) {
            guard let identity = keys.identity(forCertificateSubject: subject) else {
                refusals.note("refused a client certificate", reason: "no key names the subject \(subject)", logger: logger)
                throw Problem.unauthenticated
            }
            return identity
        }
        if let benchmarkIdentityWithoutCredential { return benchmarkIdentityWithoutCredential }
        throw Problem.unauthenticated
    }

    /// The credential in `Authorization: Bearer <credential>` (the scheme in any case, spaces
    /// around the credential ignored); nil for any other header. Read as bytes: every request
    /// but the health checks comes through here.
    static func bearerCredential(_ header: String) -> Substring? {
        var header = header
        let bounds: Range<Int>? = header.withUTF8 { bytes in
            let space = UInt8(ascii: " ")
            guard let gap = bytes.firstIndex(of: space), gap == 6 else { return nil }
            // "bearer" in any case, compared byte by byte (a zip over the two costs more than the rest).
            guard bytes[0] | 0x20 == UInt8(ascii: "b"), bytes[1] | 0x20 == UInt8(ascii: "e"), bytes[2] | 0x20 == UInt8(ascii: "a"),
                bytes[3] | 0x20 == UInt8(ascii: "r"), bytes[4] | 0x20 == UInt8(ascii: "e"), bytes[5] | 0x20 == UInt8(ascii: "r")
            else { return nil }
            var first = gap + 1
            var end = bytes.count
            while first < end, bytes[first] == space { first += 1 }
            while end > first, bytes[end - 1] == space { end -= 1 }
            return first < end ? first..<end : nil
        }
        guard let bounds else { return nil }
        let utf8 = header.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: bounds.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: bounds.upperBound)])
    }

    /// True for an API key (`rdk_…`); any other bearer credential is an officer's token.
    static func isAPIKey(_ credential: Substring) -> Bool {
        var credential = credential
        return credential.withUTF8 { bytes in
            bytes.count >= 4 && bytes[0] == UInt8(ascii: "r") && bytes[1] == UInt8(ascii: "d") && bytes[2] == UInt8(ascii: "k") && bytes[3] == UInt8(ascii: "_")
        }
    }

    /// The caller of a protected endpoint: its identity, within the per-credential rate limit
    /// (429 with `Retry-After`). Every protected route asks this first (`RedressService.add`), in
    /// the route itself rather than in a middleware: a middleware is another async frame and
    /// another copy of the request context on every request.
    func admit(_ request: Request, context: ServiceRequestContext) async throws -> Identity {
        let identity = try await authenticate(request, channel: context.channel, logger: context.logger)
        if let wait = limiter.take(identity.recordName) {
            throw Problem(
                .tooManyRequests, "this credential has made too many requests", help: "wait \(wait) s, or ask for a higher limit",
                headers: [.retryAfter: String(wait)])
        }
        return identity
    }

    /// The subject of the client's verified TLS certificate, as RFC 4514 text (`CN=…,O=…`).
    static func certificateSubject(_ channel: any Channel) async -> String? {
        guard let certificate = try? await channel.nioSSL_peerCertificate().get(),
            let der = try? certificate.toDERBytes(),
            let parsed = try? Certificate(derEncoded: der)
        else { return nil }
        return parsed.subject.description
    }
}

/// Logs refused credentials at `notice`, at most ten a second; the rest are counted and the count
/// is logged with the next one that is.
final class RefusalLog: Sendable {
    struct Window {
        var second: UInt64 = 0
        var logged = 0
        var suppressed = 0
    }

    private let window = Mutex(Window())

    func note(_ message: Logger.Message, reason: String, logger: Logger) {
        let now = DispatchTime.now().uptimeNanoseconds / 1_000_000_000
        let (log, suppressed): (Bool, Int) = window.withLock { window in
            var suppressed = 0
            if window.second != now {
                suppressed = window.suppressed
                window = Window(second: now)
            }
            guard window.logged < 10 else {
                window.suppressed += 1
                return (false, 0)
            }
            window.logged += 1
            return (true, suppressed)
        }
        guard log else { return }
        var metadata: Logger.Metadata = ["reason": "\(reason)"]
        if suppressed > 0 { metadata["refusals_not_logged"] = "\(suppressed)" }
        logger.notice(message, metadata: metadata)
    }
}
