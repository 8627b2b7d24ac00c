import Crypto
import CryptoExtras
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import RedressDiagnostics
import RedressTestSupport
import Testing

@testable import RedressServer

/// Who may call what: every endpoint with no credential, the wrong role, the wrong council and the
/// right role, for API keys and for officers' tokens (signed here with keys made here, no network).
@Suite("Access: credentials, roles and councils")
struct AccessTests {
    static let policy = (try? String(contentsOfFile: ServiceFixture.library + "/councils/north-somerset/2021-01.yaml", encoding: .utf8)) ?? ""

    /// A request that the right caller may make, for every endpoint that needs a credential.
    static func request(_ endpoint: Endpoint, council: String) -> (uri: String, body: String?, type: String?) {
        let complaint = "{\"id\":\"A\",\"received\":\"2024-12-20\",\"service\":\"highways\"}"
        let draft = { (extra: String) in
            "{\"council\":\"\(council)\",\"policy\":" + JSONText.quoted(policy) + extra + "}"
        }
        switch endpoint {
        case .health, .readiness: return ("/healthz", nil, nil)
        case .metrics: return ("/metrics", nil, nil)
        case .whoami: return ("/v1/whoami", nil, nil)
        case .listCouncils: return ("/v1/councils", nil, nil)
        case .policyText: return ("/v1/councils/\(council)/policy", nil, nil)
        case .classify: return ("/v1/councils/\(council)/classify", complaint, "application/json")
        case .schedule: return ("/v1/councils/\(council)/schedule?as_of=2025-01-31", "[]", "application/json")
        case .behaviour: return ("/v1/councils/\(council)/behaviour", "[]", "application/json")
        case .findRecords: return ("/v1/councils/\(council)/records/A", nil, nil)
        case .checkPolicy: return ("/v1/check", policy, "application/yaml")
        case .draftDiagram: return ("/v1/draft/diagram", draft(""), "application/json")
        case .draftTests: return ("/v1/draft/test", draft(""), "application/json")
        case .draftClassify: return ("/v1/draft/classify", draft(",\"complaint\":\(complaint)"), "application/json")
        case .draftDiff: return ("/v1/draft/diff", draft(""), "application/json")
        case .saveDraft: return ("/v1/drafts", draft(",\"name\":\"A draft\""), "application/json")
        case .listDrafts: return ("/v1/drafts?council=\(council)", nil, nil)
        // No such draft: the right caller is told so (404), never refused.
        case .getDraft: return ("/v1/drafts/none", nil, nil)
        case .updateDraft: return ("/v1/drafts/none", "{\"policy\":\"x\"}", "application/json")
        case .commentDraft: return ("/v1/drafts/none/comments", "{\"line\":1,\"text\":\"a comment\"}", "application/json")
        case .adoptDraft:
            return ("/v1/drafts/none/adopt", "{\"version\":\"2030-01\",\"effective_from\":\"2030-01-01\",\"approved_by\":\"Cabinet\",\"approved_on\":\"2029-12-01\"}", "application/json")
        }
    }

    /// A caller holding none of the endpoint's roles, if there is one.
    static func wrongRole(for endpoint: Endpoint) -> Identity? {
        guard let roles = endpoint.roles else { return nil }
        let other = Role.allCases.filter { $0 != .admin && !roles.contains($0) }
        return other.first.map { Identity(name: "wrong-role", credential: .apiKey, roles: [$0], councils: .all) }
    }

    static let protected = Endpoint.allCases.filter { $0.roles != nil }

    @Test("every protected endpoint: 401 without a credential, 403 for the wrong role or council, an answer for the right one", arguments: protected)
    func matrix(endpoint: Endpoint) async throws {
        let roles = endpoint.roles ?? []
        let right = Identity(name: "right", credential: .apiKey, roles: [roles.sorted().first ?? .admin], councils: .only(["north-somerset"]))
        let wrongCouncil = Identity(name: "wrong-council", credential: .apiKey, roles: right.roles, councils: .only(["derby"]))
        var entries: [(String, Identity)] = [("rdk_right", right), ("rdk_wrong_council", wrongCouncil)]
        if let wrong = Self.wrongRole(for: endpoint) { entries.append(("rdk_wrong_role", wrong)) }
        let keys = KeysFile(entries: entries.map { key, identity in
            KeysFile.Entry(name: identity.name, secret: .keyHash(KeysFile.hash(ofKey: key)), roles: identity.roles, councils: identity.councils, created: nil)
        })
        try await TemporaryFolder.with { folder in
            var fixture = try await ServiceFixture(folder: folder)
            fixture.useKeys(keys)
            let (uri, body, type) = Self.request(endpoint, council: "north-somerset")
            try await fixture.app.test(.router) { client in
                func status(_ key: String?) async throws -> HTTPResponse.Status {
                    var headers: HTTPFields = [:]
                    if let key { headers[.authorization] = "Bearer \(key)" }
                    if let type { headers[.contentType] = type }
                    return try await client.execute(uri: uri, method: endpoint.method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { $0.status }
                }
                #expect(try await status(nil) == .unauthorized, "\(endpoint) without a credential")
                #expect(try await status("rdk_not_a_key") == .unauthorized, "\(endpoint) with an unknown key")
                let answered = try await status("rdk_right")
                #expect(answered != .unauthorized && answered != .forbidden, "\(endpoint) for the right role: \(answered)")
                #expect(answered.code < 500, "\(endpoint) for the right role: \(answered)")
                if Self.wrongRole(for: endpoint) != nil {
                    #expect(try await status("rdk_wrong_role") == .forbidden, "\(endpoint) for the wrong role")
                }
                let scoped = endpoint.path.contains("{council}") || endpoint.path.hasPrefix("/v1/draft/") || [.saveDraft, .listDrafts].contains(endpoint)
                if scoped { #expect(try await status("rdk_wrong_council") == .forbidden, "\(endpoint) for the wrong council") }
            }
        }
    }

    @Test("a path the service does not have: 404 as a problem document to anyone, with a request id (the paths are the public API document's)")
    func unknownPath() async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder)
            try await fixture.app.test(.router) { client in
                for caller in [ServiceFixture.Caller.nobody, .admin] {
                    try await client.call("/v1/no-such-path", .get, as: caller) { response in
                        #expect(response.status == .notFound, "\(caller)")
                        #expect(response.headers[.contentType] == "application/problem+json", "\(caller)")
                        #expect(response.headers[.requestID]?.utf8.count == 32, "\(caller)")
                    }
                }
            }
        }
    }

    // MARK: Tokens

    struct Claims: JWTPayload {
        var iss: String
        var aud: [String]
        var sub: String
        var exp: Double
        var nbf: Double?
        var roles: [String]
        var councils: [String]?
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// The provider: an ES256 and an RS256 key, published as a JWKS.
    struct Provider {
        let signing = JWTKeyCollection()
        let impostor = JWTKeyCollection()
        let jwks: String

        init() async throws {
            let es256 = ES256PrivateKey()
            let rsa = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
            await signing.add(ecdsa: es256, kid: "es")
            await signing.add(rsa: rsa, digestAlgorithm: .sha256, kid: "rs")
            // Another key claiming to be "es": its signatures must not verify.
            await impostor.add(ecdsa: ES256PrivateKey(), kid: "es")
            let (modulus, exponent) = try rsa.publicKey.getKeyPrimitives()
            let keys = JWKS(keys: [
                .ecdsa(.es256, identifier: "es", x: es256.publicKey.parameters?.x, y: es256.publicKey.parameters?.y, curve: .p256),
                .rsa(.rs256, identifier: "rs", modulus: modulus.base64URL, exponent: exponent.base64URL),
            ])
            jwks = String(decoding: try JSONEncoder().encode(keys), as: UTF8.self)
        }
    }

    static let issuer = TokenIssuer(jwks: "test.jwks", issuer: "https://login.example.gov.uk/council", audiences: ["api://redress"])

    static func claims(_ change: (inout Claims) -> Void = { _ in }) -> Claims {
        var claims = Claims(
            iss: issuer.issuer, aud: ["api://redress"], sub: "jane.officer@council.gov.uk", exp: Date().timeIntervalSince1970 + 600,
            nbf: Date().timeIntervalSince1970 - 10, roles: ["decide"], councils: ["north-somerset"])
        change(&claims)
        return claims
    }

    @Test("officers' tokens: valid ES256 and RS256 accepted; expired, early, wrong issuer or audience, bad signature, alg none, unknown kid refused")
    func tokens() async throws {
        let provider = try await Provider()
        let jwks = provider.jwks
        let verifier = try await TokenVerifier(issuer: Self.issuer) { _ in jwks }
        let now = Date().timeIntervalSince1970
        let cases: [(String, String, HTTPResponse.Status)] = [
            ("valid ES256", try await provider.signing.sign(Self.claims(), kid: "es"), .ok),
            ("valid RS256", try await provider.signing.sign(Self.claims(), kid: "rs"), .ok),
            ("Redress role with a prefix and another case", try await provider.signing.sign(Self.claims { $0.roles = ["DECIDE"] }, kid: "es"), .ok),
            ("expired", try await provider.signing.sign(Self.claims { $0.exp = now - 3_600 }, kid: "es"), .unauthorized),
            ("not valid yet", try await provider.signing.sign(Self.claims { $0.nbf = now + 3_600 }, kid: "es"), .unauthorized),
            ("wrong issuer", try await provider.signing.sign(Self.claims { $0.iss = "https://evil.example" }, kid: "es"), .unauthorized),
            ("wrong audience", try await provider.signing.sign(Self.claims { $0.aud = ["api://other"] }, kid: "es"), .unauthorized),
            ("bad signature", try await provider.impostor.sign(Self.claims(), kid: "es"), .unauthorized),
            ("unknown kid", try await provider.impostor.sign(Self.claims(), kid: "nope"), .unauthorized),
            ("alg none", Self.unsigned(Self.claims()), .unauthorized),
            ("no Redress role", try await provider.signing.sign(Self.claims { $0.roles = ["Reader"] }, kid: "es"), .unauthorized),
            ("another council", try await provider.signing.sign(Self.claims { $0.councils = ["derby"] }, kid: "es"), .forbidden),
            ("the wrong role", try await provider.signing.sign(Self.claims { $0.roles = ["draft"] }, kid: "es"), .forbidden),
        ]
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder, tokens: verifier)
            try await fixture.app.test(.router) { client in
                for (name, token, expected) in cases {
                    let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
                    let status = try await client.execute(
                        uri: "/v1/councils/north-somerset/classify", method: .post, headers: headers,
                        body: ByteBuffer(string: "{\"id\":\"T\",\"received\":\"2024-12-20\"}")
                    ) { $0.status }
                    #expect(status == expected, "\(name): \(status)")
                }
                // The record names the officer.
                let record = try await fixture.store.records(council: "north-somerset", subject: "T").first
                #expect(record?.record.caller == "token:jane.officer@council.gov.uk")
            }
        }
        // A role prefix, as Entra ID app roles carry it.
        var prefixed = Self.issuer
        prefixed.rolePrefix = "Redress."
        let identity = try await TokenVerifier(issuer: prefixed) { _ in jwks }
            .identity(for: try await provider.signing.sign(Self.claims { $0.roles = ["Redress.Draft", "Other.Admin"] }, kid: "es"))
        #expect(identity.roles == [.draft])
    }

    @Test("a token verified once is remembered, but its expiry and not-before still hold on every later use")
    func rememberedTokens() async throws {
        let provider = try await Provider()
        let jwks = provider.jwks
        let verifier = try await TokenVerifier(issuer: Self.issuer) { _ in jwks }
        let now = Date()
        let token = try await provider.signing.sign(Self.claims { $0.exp = now.timeIntervalSince1970 + 600; $0.nbf = now.timeIntervalSince1970 - 10 }, kid: "es")
        _ = try await verifier.identity(for: token, now: now)
        _ = try await verifier.identity(for: token, now: now.addingTimeInterval(300))
        let leeway = Double(Self.issuer.leewaySeconds)
        await #expect(throws: TokenRefusal.self) { try await verifier.identity(for: token, now: now.addingTimeInterval(600 + leeway + 1)) }
        await #expect(throws: TokenRefusal.self) { try await verifier.identity(for: token, now: now.addingTimeInterval(-(10 + leeway + 1))) }
        // A refused token is not remembered: a forged one stays refused however often it is sent.
        let forged = try await provider.impostor.sign(Self.claims(), kid: "es")
        for _ in 0..<2 { await #expect(throws: TokenRefusal.self) { try await verifier.identity(for: forged, now: now) } }
    }

    @Test(
        "the bearer credential is read from the Authorization header in any case, spaces around it ignored",
        arguments: [
            ("Bearer rdk_abc", "rdk_abc"), ("bearer rdk_abc", "rdk_abc"), ("BEARER  rdk_abc  ", "rdk_abc"), ("Basic dXNlcjpwYXNz", nil),
            ("Bearer", nil), ("Bearer ", nil), ("Bearerx rdk_abc", nil), ("rdk_abc", nil), ("Bearer a.b.c", "a.b.c"),
            ("Bearer\trdk_abc", nil), (" Bearer rdk_abc", nil), ("Bearér rdk_abc", nil), ("Bearer rdk_é", "rdk_é"), ("Bearer a b", "a b"),
        ] as [(String, String?)])
    func bearer(header: String, credential: String?) {
        #expect(AccessControl.bearerCredential(header).map(String.init) == credential)
    }

    @Test(
        "a bearer credential is an API key only when it starts `rdk_`; anything else is a token",
        arguments: [("rdk_abc", true), ("rdk_", true), ("rdk", false), ("RDK_abc", false), ("xrdk_abc", false), ("", false), ("eyJ.rdk_", false)])
    func apiKey(credential: String, isKey: Bool) {
        #expect(AccessControl.isAPIKey(Substring(credential)) == isKey)
        #expect(AccessControl.isAPIKey(("Bearer " + credential).dropFirst(7)) == isKey)
    }

    @Test("a header's value is the subscript's, read without joining when the field comes once")
    func headerValue() throws {
        let cases: [[(String, String)]] = [
            [], [("Authorization", "Bearer a")], [("Content-Type", "text/plain"), ("authorization", "Bearer b")],
            [("Authorization", "Bearer a"), ("Accept", "*/*"), ("AUTHORIZATION", "Bearer b")], [("Authorization", "")],
        ]
        for fields in cases {
            var headers = HTTPFields()
            for (name, value) in fields { headers.append(HTTPField(name: try #require(HTTPField.Name(name)), value: value)) }
            #expect(headers.value(of: .authorization) == headers[.authorization])
            #expect(headers.value(of: .contentType) == headers[.contentType])
        }
    }

    static func unsigned(_ claims: Claims) -> String {
        let header = Data("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"es\"}".utf8).base64URL
        let payload = ((try? JSONEncoder().encode(claims)) ?? Data()).base64URL
        return header + "." + payload + "."
    }

    @Test("the rate limit answers 429 with Retry-After per credential, others unaffected")
    func rateLimit() async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder, rateLimit: RateLimit(perSecond: 0.001, burst: 3))
            try await fixture.app.test(.router) { client in
                var statuses: [HTTPResponse.Status] = []
                for _ in 0..<5 { statuses.append(try await client.call("/v1/whoami", .get, as: .reader) { $0.status }) }
                #expect(statuses == [.ok, .ok, .ok, .tooManyRequests, .tooManyRequests])
                try await client.call("/v1/whoami", .get, as: .reader) { response in
                    #expect(response.headers[.retryAfter].flatMap { Int($0) }.map { $0 >= 1 } == true)
                }
                try await client.call("/v1/whoami", .get, as: .drafter) { #expect($0.status == .ok) }
            }
        }
    }
}

extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
