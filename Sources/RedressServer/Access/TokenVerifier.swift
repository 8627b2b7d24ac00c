import Foundation
import JWTKit
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How officers' bearer tokens are checked: the council's identity provider (OpenID Connect, e.g.
/// Entra ID) signs them; the service checks signature, issuer, audience, expiry and not-before,
/// and reads the caller's roles and councils from configured claims.
public struct TokenIssuer: Sendable, Equatable {
    /// Where the provider's signing keys are: a JWKS file, or its `https://` URL (fetched at start,
    /// then every `refresh`, and again — at most once a minute — when a token names an unknown key).
    public var jwks: String
    public var issuer: String
    public var audiences: [String]
    /// The claim holding role names (`roles` in Entra ID app roles).
    public var rolesClaim = "roles"
    /// A prefix the provider puts before role names (`Redress.` for `Redress.Draft`); compared
    /// without regard to case.
    public var rolePrefix = ""
    /// The claim listing council ids (`*` for all); when the claim is absent, `councils` applies.
    public var councilsClaim = "councils"
    /// The councils every token of this issuer is good for when it has no councils claim (a
    /// council's own provider serves that council only).
    public var councils: CouncilScope = .only([])
    /// Seconds of clock difference allowed on `exp` and `nbf`.
    public var leewaySeconds = 60

    public init(jwks: String, issuer: String, audiences: [String]) {
        self.jwks = jwks
        self.issuer = issuer
        self.audiences = audiences
    }
}

/// Why a token was refused: for the log only. The caller is told just "invalid credential".
public struct TokenRefusal: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Verifies bearer tokens against the issuer's keys (RS256 and ES256 only: `alg: none`, HMAC and
/// anything else are refused before any key is looked at).
///
/// A client reuses its token until it expires, so each verified token is remembered (at most
/// `cacheLimit` of them, in memory only) with the identity it stands for and its expiry: later
/// requests with the same token skip the signature check, but expiry and not-before are still
/// checked against the clock on every request, and the cache is emptied whenever the signing keys
/// are read again. A refused token is never remembered.
public final class TokenVerifier: Sendable {
    public let issuer: TokenIssuer
    private let fetch: @Sendable (String) async throws -> String
    private let state: Mutex<State>

    struct State {
        var keys = JWTKeyCollection()
        var lastFetch = Date.distantPast
        var verified: [String: Verified] = [:]
    }

    struct Verified {
        var identity: Identity
        var expiry: Double
        var notBefore: Double?
    }

    static let acceptedAlgorithms: Set<String> = ["RS256", "ES256"]
    static let cacheLimit = 10_000

    /// `fetch` reads the JWKS text (a file or a URL); tests pass their own.
    public init(issuer: TokenIssuer, fetch: @escaping @Sendable (String) async throws -> String = TokenVerifier.readJWKS) async throws {
        self.issuer = issuer
        self.fetch = fetch
        state = Mutex(State())
        try await refresh()
    }

    /// Reads the signing keys again, and forgets every token verified with the old ones.
    public func refresh() async throws {
        let text = try await fetch(issuer.jwks)
        let collection = JWTKeyCollection()
        try await collection.add(jwksJSON: text)
        state.withLock { state in
            state = State(keys: collection, lastFetch: Date())
        }
    }

    /// The identity a valid token stands for.
    public func identity(for token: String, now: Date = Date()) async throws(TokenRefusal) -> Identity {
        if let known = state.withLock({ $0.verified[token] }) {
            try Self.checkTimes(expiry: known.expiry, notBefore: known.notBefore, leeway: Double(issuer.leewaySeconds), now: now)
            return known.identity
        }
        let header = try Self.header(of: token)
        guard let algorithm = header["alg"] as? String, Self.acceptedAlgorithms.contains(algorithm) else {
            throw TokenRefusal(description: "algorithm `\(header["alg"] ?? "none")` is not accepted (RS256 or ES256)")
        }
        let (keys, lastFetch) = state.withLock { ($0.keys, $0.lastFetch) }
        let claims: TokenClaims
        do {
            claims = try await keys.verify(token, as: TokenClaims.self)
        } catch let error as JWTError where error.errorType == .unknownKID && now.timeIntervalSince(lastFetch) > 60 && issuer.jwks.hasPrefix("https://") {
            // The provider may have rotated its keys: fetch them once more.
            do {
                try await refresh()
                claims = try await state.withLock { $0.keys }.verify(token, as: TokenClaims.self)
            } catch {
                throw TokenRefusal(description: "\(error)")
            }
        } catch {
            throw TokenRefusal(description: "\(error)")
        }
        let identity = try claims.identity(issuer: issuer, now: now)
        if case .number(let expiry)? = claims.values["exp"] {
            var notBefore: Double?
            if case .number(let value)? = claims.values["nbf"] { notBefore = value }
            let verified = Verified(identity: identity, expiry: expiry, notBefore: notBefore)
            state.withLock { state in
                if state.verified.count >= Self.cacheLimit { state.verified.removeAll(keepingCapacity: true) }
                state.verified[token] = verified
            }
        }
        return identity
    }

    static func checkTimes(expiry: Double, notBefore: Double?, leeway: Double, now: Date) throws(TokenRefusal) {
        guard now.timeIntervalSince1970 < expiry + leeway else {
            throw TokenRefusal(description: "the token has expired or has no `exp`")
        }
        if let notBefore, now.timeIntervalSince1970 + leeway < notBefore {
            throw TokenRefusal(description: "the token is not valid yet (`nbf`)")
        }
    }

    static func header(of token: String) throws(TokenRefusal) -> [String: Any] {
        guard let first = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let data = Data(base64URL: String(first)),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw TokenRefusal(description: "the token's header is not base64url JSON") }
        return object
    }

    /// A JWKS from a file path, or from an `https://` URL.
    @Sendable public static func readJWKS(_ location: String) async throws -> String {
        if location.hasPrefix("https://") || location.hasPrefix("http://") {
            guard let url = URL(string: location) else { throw TokenRefusal(description: "`\(location)` is not a URL") }
            let (data, _) = try await URLSession.shared.data(from: url)
            return String(decoding: data, as: UTF8.self)
        }
        return try String(contentsOfFile: location, encoding: .utf8)
    }
}

/// Every claim of a token, kept as JSON values so the configured claims can be read by name.
struct TokenClaims: JWTPayload {
    var values: [String: ClaimValue]

    enum ClaimValue: Sendable {
        case text(String)
        case number(Double)
        case list([String])
        case other
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var values: [String: ClaimValue] = [:]
        for key in container.allKeys {
            if let text = try? container.decode(String.self, forKey: key) {
                values[key.stringValue] = .text(text)
            } else if let number = try? container.decode(Double.self, forKey: key) {
                values[key.stringValue] = .number(number)
            } else if let list = try? container.decode([String].self, forKey: key) {
                values[key.stringValue] = .list(list)
            } else {
                values[key.stringValue] = .other
            }
        }
        self.values = values
    }

    func encode(to encoder: any Encoder) throws {}

    /// Claims are checked in `identity(issuer:now:)`, where the configuration is known.
    func verify(using algorithm: some JWTAlgorithm) async throws {}

    func strings(_ name: String) -> [String]? {
        switch values[name] {
        case .text(let text)?: [text]
        case .list(let list)?: list
        default: nil
        }
    }

    func identity(issuer: TokenIssuer, now: Date) throws(TokenRefusal) -> Identity {
        guard case .text(let iss)? = values["iss"], iss == issuer.issuer else {
            throw TokenRefusal(description: "issuer is not `\(issuer.issuer)`")
        }
        guard let audiences = strings("aud"), !Set(audiences).isDisjoint(with: issuer.audiences) else {
            throw TokenRefusal(description: "audience is not one of \(issuer.audiences)")
        }
        guard case .number(let expiry)? = values["exp"] else {
            throw TokenRefusal(description: "the token has expired or has no `exp`")
        }
        var notBefore: Double?
        if case .number(let value)? = values["nbf"] { notBefore = value }
        try TokenVerifier.checkTimes(expiry: expiry, notBefore: notBefore, leeway: Double(issuer.leewaySeconds), now: now)
        guard case .text(let subject)? = values["preferred_username"] ?? values["email"] ?? values["sub"], !subject.isEmpty else {
            throw TokenRefusal(description: "the token names no subject")
        }
        let prefix = issuer.rolePrefix.lowercased()
        let roles = Set((strings(issuer.rolesClaim) ?? []).compactMap { value -> Role? in
            let lowered = value.lowercased()
            guard lowered.hasPrefix(prefix) else { return nil }
            return Role(rawValue: String(lowered.dropFirst(prefix.count)))
        })
        guard !roles.isEmpty else { throw TokenRefusal(description: "the token carries no Redress role in `\(issuer.rolesClaim)`") }
        var councils = issuer.councils
        if let listed = strings(issuer.councilsClaim) {
            councils = listed.contains("*") ? .all : .only(Set(listed))
        }
        return Identity(name: subject, credential: .token, roles: roles, councils: councils)
    }
}

extension Data {
    /// Base64url (RFC 4648 §5) without padding, as JWTs carry it.
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
