import Foundation
import Hummingbird
import HummingbirdTesting
import RedressDiagnostics
import RedressRecords
import RedressTestSupport
import Testing

@testable import RedressServer

/// The service in process (Hummingbird's test client): every endpoint and error, decisions equal to
/// the CLI's, each recorded before it is answered.
@Suite("redress serve")
struct ServerTests {
    @Test("the councils: versions, the one in force, status, SHA-256 digest of what serves")
    func councils() async throws {
        try await TemporaryFolder.with { folder in
            try await ServiceFixture(folder: folder).app.test(.router) { client in
                try await client.call("/healthz", .get, as: .nobody) { #expect($0.status == .ok) }
                try await client.call("/v1/councils", .get) { response in
                    let councils = try #require(try ServiceFixture.object(response)["councils"] as? [[String: Any]])
                    #expect(
                        councils.map { $0["id"] as? String } == [
                            "ards-and-north-down", "dacorum", "derby", "fife", "north-somerset", "stockton-on-tees", "swansea", "warwickshire",
                        ])
                    let derby = try #require(councils.first { $0["id"] as? String == "derby" })
                    #expect((derby["versions"] as? [[String: Any]])?.map { $0["id"] as? String } == ["2014", "2019"])
                    #expect(derby["in_force"] as? String == "2019")
                    #expect(derby["status"] as? String == "serving")
                    #expect((derby["digest"] as? String)?.count == "sha256:".count + 64)
                }
                // A key for Derby sees Derby only.
                try await client.call("/v1/councils", .get, as: .derbyDecider) { response in
                    let councils = try #require(try ServiceFixture.object(response)["councils"] as? [[String: Any]])
                    #expect(councils.map { $0["id"] as? String } == ["derby"])
                }
            }
        }
    }

    @Test("the HTTP decision equals the CLI's for every example complaint")
    func equalsCLI() async throws {
        let examples = ServiceFixture.root.appendingPathComponent("examples/complaints.jsonl")
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("redress").path
        let cli = try ChildProcess.run(
            binary,
            ["classify", "--policy", ServiceFixture.library + "/councils/north-somerset", "--library", ServiceFixture.library, examples.path, "--format", "jsonl"],
            capture: .output
        ).text.split(separator: "\n").map(String.init)
        let lines = try String(contentsOf: examples, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(cli.count == lines.count && cli.count >= 30)
        try await TemporaryFolder.with { folder in
            try await ServiceFixture(folder: folder).app.test(.router) { client in
                for (line, expected) in zip(lines, cli) {
                    try await client.call("/v1/councils/north-somerset/classify", as: .decider, body: line) { response in
                        #expect(response.status == .ok)
                        #expect(ServiceFixture.text(response) == expected + "\n")
                    }
                }
                // The whole file as one array: the same objects, in order.
                try await client.call("/v1/councils/north-somerset/classify", as: .decider, body: "[" + lines.joined(separator: ",") + "]") { response in
                    #expect(ServiceFixture.text(response) == "[" + cli.joined(separator: ",") + "]\n")
                }
            }
        }
    }

    @Test("errors are problem+json with the CLI's words: 404 with a suggestion, 400, 413, 415, 422, 405, error records in arrays")
    func errors() async throws {
        var limits = RequestLimits()
        limits.maxBodyBytes = 2_000
        limits.maxItems = 3
        try await TemporaryFolder.with { folder in
            try await ServiceFixture(folder: folder, limits: limits).app.test(.router) { client in
                try await client.call("/v1/councils/north-somersett/classify", body: "{}") { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = try ServiceFixture.object(response)
                    #expect(problem["help"] as? String == "did you mean `north-somerset`?")
                }
                try await client.call("/v1/councils/derby/classify", body: "{\"id\": }") { response in
                    #expect(response.status == .badRequest)
                    let problem = try ServiceFixture.object(response)
                    #expect((problem["detail"] as? String)?.hasPrefix("the request body is not valid JSON") == true)
                }
                try await client.call("/v1/councils/derby/classify", body: "[{}, {}, {}, {}]") { #expect($0.status == .contentTooLarge) }
                try await client.call("/v1/councils/derby/classify", body: String(repeating: " ", count: 3_000) + "{}") { #expect($0.status == .contentTooLarge) }
                try await client.call("/v1/councils/derby/classify", body: "{}", contentType: "application/x-www-form-urlencoded") { response in
                    #expect(response.status == .unsupportedMediaType)
                }
                try await client.call("/v1/councils/derby/classify", body: "{}", contentType: nil) { #expect($0.status == .unsupportedMediaType) }
                try await client.call("/v1/councils/derby/classify", .get) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "POST")
                }
                try await client.call("/v1/councils/derby/classify", body: "{\"id\":\"X\"}") { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(ServiceFixture.text(response) == "{\"line\":1,\"id\":\"X\",\"error\":\"missing `received`\"}\n")
                    #expect(response.headers[.requestID]?.isEmpty == false)
                }
                try await client.call("/v1/councils/derby/schedule", body: "[]") { response in
                    #expect(response.status == .badRequest)
                    let problem = try ServiceFixture.object(response)
                    #expect((problem["help"] as? String)?.contains("as_of=YYYY-MM-DD") == true)
                }
                try await client.call(
                    "/v1/councils/derby/schedule?as_of=2025-01-31", body: "[{\"id\":\"C\",\"received\":\"2025-01-06\",\"service\":\"waste\",\"events\":[]}, 7]"
                ) { response in
                    #expect(response.status == .ok)
                    let items = try ServiceFixture.array(response)
                    #expect(items.first?["status"] as? String != nil)
                    #expect(items.last?["error"] as? String == "item 2 of the array is not a JSON object")
                }
            }
        }
    }

    @Test("an over-long array is refused while it is scanned, before anything is made of its items")
    func itemLimitWhileScanning() throws {
        let many = "[" + Array(repeating: "{}", count: 1_390_000).joined(separator: ",") + "]"
        #expect(throws: Problem.self) { try RequestItems.parse(Array(many.utf8), maxItems: 10_000) }
        let exactly = "[" + Array(repeating: "{}", count: 10_000).joined(separator: ",") + "]"
        #expect(try RequestItems.parse(Array(exactly.utf8), maxItems: 10_000).items.count == 10_000)
    }

    @Test("behaviour: contacts grouped by complainant, the CLI's findings, unreadable contacts as error records")
    func behaviour() async throws {
        let contacts = try String(contentsOf: ServiceFixture.root.appendingPathComponent("examples/contacts.jsonl"), encoding: .utf8)
            .split(separator: "\n").joined(separator: ",")
        try await TemporaryFolder.with { folder in
            try await ServiceFixture(folder: folder).app.test(.router) { client in
                try await client.call("/v1/councils/north-somerset/behaviour", as: .decider, body: "[" + contacts + ",{\"on\":\"2024-03-01\"}]") { response in
                    #expect(response.status == .ok)
                    let items = try ServiceFixture.array(response)
                    #expect(items.first?["complainant"] as? String == "P-1")
                    #expect(items.last?["error"] != nil)
                }
            }
        }
    }

    @Test("check: policy text in (YAML or JSON), diagnostics with line, column and help out")
    func check() async throws {
        let text = try String(contentsOfFile: ServiceFixture.library + "/councils/derby/2019.yaml", encoding: .utf8)
            .replacingOccurrences(of: "within: 10 working days", with: "within: 10 workin days")
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ["text": text, "path": "draft.yaml"]), as: UTF8.self)
        try await TemporaryFolder.with { folder in
            try await ServiceFixture(folder: folder).app.test(.router) { client in
                for (body, type) in [(text, "application/yaml"), (text, "text/plain"), (json, "application/json")] {
                    try await client.call("/v1/check?path=draft.yaml", as: .drafter, body: body, contentType: type) { response in
                        let result = try ServiceFixture.object(response)
                        #expect(result["valid"] as? Bool == false)
                        let diagnostic = try #require((result["diagnostics"] as? [[String: Any]])?.first { $0["severity"] as? String == "error" })
                        #expect(diagnostic["line"] as? Int == 33)
                        #expect(diagnostic["file"] as? String == "draft.yaml")
                        #expect((diagnostic["help"] as? String)?.contains("working days") == true)
                    }
                }
            }
        }
    }

    @Test("metrics: requests by route and status with HELP, latency histogram, decisions, in Prometheus text")
    func metrics() async throws {
        try await TemporaryFolder.with { folder in
            try await ServiceFixture(folder: folder).app.test(.router) { client in
                try await client.call("/v1/councils/derby/classify", body: "[{\"id\":\"M\",\"received\":\"2025-01-06\"},{}]") { _ in }
                try await client.call("/v1/councils/nowhere/classify", body: "{}") { _ in }
                try await client.call("/metrics", .get, as: .reader) { response in
                    let text = ServiceFixture.text(response)
                    #expect(text.contains(#"redress_http_requests_total{route="/v1/councils/{council}/classify",status="200"} 1"#), "\(text)")
                    #expect(text.contains(#"redress_http_requests_total{route="/v1/councils/{council}/classify",status="404"} 1"#))
                    #expect(text.contains(#"redress_decisions_total{kind="classify"} 1"#))
                    #expect(text.contains("# HELP redress_decisions_total "))
                    #expect(text.contains("redress_http_request_duration_seconds_bucket"))
                }
                try await client.call("/metrics", .get, as: .nobody) { #expect($0.status == .unauthorized) }
            }
        }
    }
}
