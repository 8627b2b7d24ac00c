import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RedressRecords
import RedressTestSupport
import Testing

@testable import RedressServer

/// A service in process for tests: the bundled library (or a copy), a SQLite records store in a
/// temporary folder, and one API key per test caller.
struct ServiceFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let library = root.appendingPathComponent("policies").path
    /// Tests print little: what the service logs is checked where it matters, not printed.
    static let quietLogger = Logger(label: "redress-test") { _ in SwiftLogNoOpLogHandler() }

    /// The test callers: each an API key with roles and councils.
    enum Caller: String, CaseIterable {
        case admin, reader, drafter, derbyDecider, decider, nobody

        var key: String { "rdk_test_" + rawValue }
        var roles: Set<Role> {
            switch self {
            case .admin: [.admin]
            case .reader: [.read]
            case .drafter: [.draft]
            case .derbyDecider, .decider: [.decide]
            case .nobody: []
            }
        }

        var councils: CouncilScope {
            switch self {
            case .derbyDecider: .only(["derby"])
            default: .all
            }
        }
    }

    static let keys = KeysFile(
        entries: Caller.allCases.filter { !$0.roles.isEmpty }.map { caller in
            KeysFile.Entry(name: caller.rawValue, secret: .keyHash(KeysFile.hash(ofKey: caller.key)), roles: caller.roles, councils: caller.councils, created: nil)
        })

    var service: RedressService
    let store: any RecordStore

    /// A service over `library`, its records in `folder`.
    init(library: String = Self.library, folder: TemporaryFolder, limits: RequestLimits = RequestLimits(), tokens: TokenVerifier? = nil,
        rateLimit: RateLimit = .unlimited, mask: RecordMask = RecordMask(paths: [], salt: []), store: (any RecordStore)? = nil) async throws {
        let registry = CouncilRegistry(library: library, quietPeriod: 0, removalGrace: 0, logger: ServiceFixture.quietLogger)
        await registry.reload(immediately: true)
        let store = try store ?? SQLiteRecordStore(path: folder.file("records.sqlite"))
        self.store = store
        var service = RedressService(
            registry: registry, access: AccessControl(keys: KeyRing(file: Self.keys), tokens: tokens, rateLimit: rateLimit),
            recorder: DecisionRecorder(store: store, mask: mask, signer: try CheckpointSigner.load(orCreateAt: folder.file("signing-key"))))
        service.limits = limits
        service.graphviz = GraphvizRunner.find().map { GraphvizRunner(executable: $0, timeout: .seconds(20), concurrency: 2) }
        self.service = service
    }

    var app: some ApplicationProtocol { Application(router: service.router(), logger: ServiceFixture.quietLogger) }

    /// Replaces the test keys with `keys`.
    mutating func useKeys(_ keys: KeysFile) {
        service.access.keys = KeyRing(file: keys)
    }

    /// Headers for a caller (none for `.nobody`), with a JSON body type.
    static func headers(_ caller: Caller, contentType: String? = "application/json") -> HTTPFields {
        var fields: HTTPFields = [:]
        if caller != .nobody { fields[.authorization] = "Bearer \(caller.key)" }
        if let contentType { fields[.contentType] = contentType }
        return fields
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text(response).utf8)) as? [String: Any], "\(text(response))")
    }

    static func array(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text(response).utf8)) as? [[String: Any]], "\(text(response))")
    }
}

extension TestClientProtocol {
    /// A request as `caller`.
    @discardableResult
    func call<Return>(
        _ uri: String, _ method: HTTPRequest.Method = .post, as caller: ServiceFixture.Caller = .admin, body: String? = nil,
        contentType: String? = "application/json", _ test: @escaping @Sendable (TestResponse) async throws -> Return
    ) async throws -> Return {
        try await execute(uri: uri, method: method, headers: ServiceFixture.headers(caller, contentType: contentType), body: body.map { ByteBuffer(string: $0) }, testCallback: test)
    }
}
