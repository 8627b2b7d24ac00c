import Foundation
import HTTPTypes
import Hummingbird
import RedressDiagnostics
import HummingbirdTesting
import RedressTestSupport
import Testing

@testable import RedressServer

/// The API document against the service: the committed file is what the service generates, every
/// route the router serves is documented (or answers 405), and every answer of every operation
/// matches its documented status, type and schema (checked by Python's jsonschema).
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let file = ServiceFixture.root.appendingPathComponent("openapi.yaml").path

    @Test("openapi.yaml is what the service generates (scripts/make_openapi.sh)")
    func committed() throws {
        let committed = try String(contentsOfFile: Self.file, encoding: .utf8)
        #expect(committed == APIDocument.yaml, "openapi.yaml is out of date: run scripts/make_openapi.sh")
    }

    @Test("every route the router serves is a documented operation or a 405")
    func routes() async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder)
            let router = fixture.service.router()
            let document = APIDocument.yaml
            var fillers: [(String, HTTPRequest.Method)] = []
            for route in router.routes {
                let path = route.path.description
                if let endpoint = Endpoint.allCases.first(where: { $0.path == path && $0.method == route.method }) {
                    #expect(document.contains("operationId: \(endpoint.operationID)\n"), "\(route) is not documented")
                } else if !RedressService.pages.keys.contains(path), !RedressService.diagnosticPages.contains(path),
                    !RedressService.editorFiles.contains(where: { "/vendor/codemirror/" + $0 == path })
                {
                    fillers.append((path, route.method))
                }
            }
            #expect(Set(Endpoint.allCases.map { "\($0.method) \($0.path)" }).isSubset(of: Set(router.routes.map { "\($0.method) \($0.path)" })))
            let toCheck = fillers
            try await Application(router: router, logger: ServiceFixture.quietLogger).test(.router) { client in
                for (path, method) in toCheck {
                    let uri = path.replacingOccurrences(of: "{council}", with: "derby").replacingOccurrences(of: "{id}", with: "X").replacingOccurrences(of: "{draft}", with: "none")
                    try await client.call(uri, method) { #expect($0.status == .methodNotAllowed, "\(method) \(uri)") }
                }
            }
        }
    }

    /// Requests that reach each operation's documented answers, success and failure.
    static func requests() -> [(Endpoint, String, ServiceFixture.Caller, String?, String?)] {
        var requests: [(Endpoint, String, ServiceFixture.Caller, String?, String?)] = []
        for endpoint in Endpoint.allCases {
            let (uri, body, type) = AccessTests.request(endpoint, council: "north-somerset")
            let path = endpoint == .readiness ? "/readyz" : endpoint == .health ? "/healthz" : uri
            requests.append((endpoint, path, .admin, body, type))
            if endpoint.roles != nil { requests.append((endpoint, path, .nobody, body, type)) }
        }
        let policy = AccessTests.policy.replacingOccurrences(of: "within: 10 working days", with: "within: 10 workin days")
        let broken = "{\"council\":\"north-somerset\",\"policy\":" + JSONText.quoted(policy) + "}"
        requests += [
            (.classify, "/v1/councils/north-somerset/classify", .admin, "[{\"id\":\"A\",\"received\":\"2024-12-20\"},{\"id\":\"B\"},7]", "application/json"),
            (.classify, "/v1/councils/north-somerset/classify", .admin, "{\"id\":\"B\"}", "application/json"),
            (.classify, "/v1/councils/nowhere/classify", .admin, "{}", "application/json"),
            (.classify, "/v1/councils/north-somerset/classify", .admin, "{", "application/json"),
            (.classify, "/v1/councils/north-somerset/classify", .admin, "{}", "text/plain"),
            (.classify, "/v1/councils/north-somerset/classify", .derbyDecider, "{}", "application/json"),
            (.schedule, "/v1/councils/north-somerset/schedule?as_of=2025-01-31", .admin, "[{\"id\":\"C\",\"received\":\"2025-01-06\",\"events\":[]}]", "application/json"),
            (.schedule, "/v1/councils/north-somerset/schedule", .admin, "[]", "application/json"),
            (.behaviour, "/v1/councils/north-somerset/behaviour", .admin, "[{\"complainant\":\"P\",\"on\":\"2024-03-01\"},{}]", "application/json"),
            (.draftDiagram, "/v1/draft/diagram", .admin, broken, "application/json"),
            (.checkPolicy, "/v1/check", .admin, "{\"text\":\"redress: 1\"}", "application/json"),
        ]
        return requests
    }

    @Test("every answer matches its documented status, content type and schema")
    func answersMatchTheDocument() async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder)
            let answers: [[String: Any]] = try await fixture.app.test(.router) { client in
                var answers: [[String: Any]] = []
                for (endpoint, uri, caller, body, type) in Self.requests() {
                    let (status, contentType, text) = try await client.execute(
                        uri: uri, method: endpoint.method, headers: ServiceFixture.headers(caller, contentType: type), body: body.map { ByteBuffer(string: $0) }
                    ) { response in (Int(response.status.code), response.headers[.contentType] ?? "", ServiceFixture.text(response)) }
                    answers.append(["operationId": endpoint.operationID, "status": status, "contentType": contentType, "body": text])
                }
                return answers
            }
            let file = folder.file("answers.json")
            try JSONSerialization.data(withJSONObject: answers).write(to: URL(fileURLWithPath: file))
            let script = ServiceFixture.root.appendingPathComponent("Tests/RedressServerTests/OpenAPI/check_responses.py").path
            let outcome = try ChildProcess.run("/usr/bin/env", ["python3", script, Self.file, file])
            if outcome.status == 3 {
                #expect(!Oracle.required, "jsonschema and PyYAML are required here: \(outcome.text)")
                return
            }
            #expect(outcome.status == 0, "\(outcome.text)")
            #expect(answers.count > 30)
        }
    }
}
