import Foundation
import Hummingbird
import JWTKit
import Logging
import RedressRecords
import RedressServer

/// The service as scripts/service-speed.sh loads it, in variants that differ in one thing each:
/// the records store (none, SQLite, PostgreSQL), the credential (none, API key, JWT), and a
/// Hummingbird hello-world answering a fixed body of the same size (the framework's ceiling).
///
///     RedressBenchmarks serve --port N [--library DIR] [--store none|sqlite:PATH|postgres://…] [--auth none|key|jwt] [--token-file F]
///     RedressBenchmarks hello --port N --bytes N
enum ServiceBenchmark {
    /// The API key every variant accepts.
    static let key = "rdk_benchmark_key"

    struct Options {
        var port = 18_900
        var library = "policies"
        var store = "none"
        var auth = "key"
        var tokenFile: String?
        var bytes = 390

        init(_ arguments: [String]) {
            var remaining = arguments[...]
            while let name = remaining.popFirst(), let value = remaining.popFirst() {
                switch name {
                case "--port": port = Int(value) ?? port
                case "--library": library = value
                case "--store": store = value
                case "--auth": auth = value
                case "--token-file": tokenFile = value
                case "--bytes": bytes = Int(value) ?? bytes
                default: FileHandle.standardError.write(Data("unknown option \(name)\n".utf8))
                }
            }
        }
    }

    /// A store that keeps nothing: the "no store" baseline.
    struct NullStore: RecordStore {
        var location: String { "none" }
        func append(_ records: [NewRecord]) async throws(StoreFailure) {}
        func records(council: String, subject: String) async throws(StoreFailure) -> [StoredRecord] { [] }
        func councils() async throws(StoreFailure) -> [String] { [] }
        func records(council: String, from sequence: Int64, limit: Int) async throws(StoreFailure) -> [StoredRecord] { [] }
        func head(council: String) async throws(StoreFailure) -> (sequence: Int64, hash: String)? { nil }
        func checkpoints(council: String) async throws(StoreFailure) -> [Checkpoint] { [] }
        func add(_ checkpoint: Checkpoint) async throws(StoreFailure) {}
        func prune(through checkpoint: Checkpoint) async throws(StoreFailure) {}
        func noteUse(_ times: [String: String]) async throws(StoreFailure) {}
        func usage() async throws(StoreFailure) -> [String: String] { [:] }
        func close() async {}
    }

    struct Claims: JWTPayload {
        var iss: String
        var aud: [String]
        var sub: String
        var exp: Double
        var roles: [String]
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    static func serve(_ options: Options) async throws {
        // The service's own log handler at the level a council would run (`warning`).
        let logger = Logger(label: "redress-benchmark") { label in JSONLogHandler(label: label, level: .warning) }
        let registry = CouncilRegistry(library: options.library, quietPeriod: 3_600, removalGrace: 3_600, logger: logger)
        await registry.reload(immediately: true)
        let store: any RecordStore = options.store == "none" ? NullStore() : try await RecordStores.open(
            options.store.hasPrefix("sqlite:") ? String(options.store.dropFirst("sqlite:".count)) : options.store, logger: logger)
        let identity = Identity(name: "benchmark", credential: .apiKey, roles: [.admin], councils: .all)
        let keys = KeysFile(entries: [
            KeysFile.Entry(name: "benchmark", secret: .keyHash(KeysFile.hash(ofKey: key)), roles: [.admin], councils: .all, created: nil)
        ])
        var access = AccessControl(keys: KeyRing(file: keys))
        switch options.auth {
        case "none": access.benchmarkIdentityWithoutCredential = identity
        case "jwt":
            let signing = JWTKeyCollection()
            let privateKey = ES256PrivateKey()
            await signing.add(ecdsa: privateKey, kid: "bench")
            let jwks = JWKS(keys: [.ecdsa(.es256, identifier: "bench", x: privateKey.publicKey.parameters?.x, y: privateKey.publicKey.parameters?.y, curve: .p256)])
            let jwksText = String(decoding: try JSONEncoder().encode(jwks), as: UTF8.self)
            let issuer = TokenIssuer(jwks: "memory", issuer: "https://idp.example", audiences: ["api://redress"])
            var settings = issuer
            settings.councils = .all
            access.tokens = try await TokenVerifier(issuer: settings) { _ in jwksText }
            let token = try await signing.sign(
                Claims(iss: issuer.issuer, aud: issuer.audiences, sub: "officer@example", exp: Date().timeIntervalSince1970 + 7_200, roles: ["admin"]), kid: "bench")
            try token.write(toFile: options.tokenFile ?? "/tmp/redress-benchmark.jwt", atomically: true, encoding: .utf8)
        default: break
        }
        let service = RedressService(registry: registry, access: access, recorder: DecisionRecorder(store: store))
        let app = Application(
            router: service.router(), configuration: .init(address: .hostname("127.0.0.1", port: options.port), serverName: "redress", backlog: 4096),
            logger: logger)
        try await app.runService()
    }

    /// Hummingbird answering every POST with the same fixed body: what the framework does with no work.
    static func hello(_ options: Options) async throws {
        var logger = Logger(label: "hello")
        logger.logLevel = .warning
        let body = ByteBuffer(string: "{\"fixed\":\"" + String(repeating: "x", count: max(0, options.bytes - 13)) + "\"}")
        let router = Router()
        router.post("/v1/councils/:council/classify") { request, _ in
            _ = try await request.body.collect(upTo: 1 << 20)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: options.port), serverName: "hello", backlog: 4096), logger: logger)
        try await app.runService()
    }
}
