import Foundation
import Hummingbird
import HummingbirdTesting
import RedressDiagnostics
import RedressServer
import RedressYAML
import RedressTestSupport
import Testing

/// The service in process (Hummingbird's test client): every endpoint and error, decisions equal to
/// the CLI's, and hot reload that never activates a broken policy.
@Suite("redress serve")
struct ServerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let library = root.appendingPathComponent("policies").path

    static func app(library: String = library, limits: RequestLimits = RequestLimits()) async -> some ApplicationProtocol {
        let registry = CouncilRegistry(library: library)
        await registry.reload()
        var api = RedressAPI(registry: registry)
        api.limits = limits
        return Application(router: api.router())
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text(response).utf8)) as? [String: Any])
    }

    @Test("healthz, and the councils with versions, the one in force, digests and the last reload")
    func councils() async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/councils", method: .get) { response in
                let councils = try #require(try Self.object(response)["councils"] as? [[String: Any]])
                #expect(
                    councils.map { $0["id"] as? String } == [
                        "ards-and-north-down", "dacorum", "derby", "fife", "north-somerset", "stockton-on-tees", "swansea", "warwickshire",
                    ])
                let derby = try #require(councils.first { $0["id"] as? String == "derby" })
                #expect((derby["versions"] as? [[String: Any]])?.map { $0["id"] as? String } == ["2014", "2019"])
                #expect(derby["in_force"] as? String == "2019")
                #expect((derby["digest"] as? String)?.hasPrefix("fnv1a64:") == true)
                #expect((derby["last_reload"] as? [String: Any])?["result"] as? String == "loaded")
            }
        }
    }

    @Test("the HTTP decision equals the CLI's for every example complaint")
    func equalsCLI() async throws {
        let examples = Self.root.appendingPathComponent("examples/complaints.jsonl")
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("redress").path
        let cli = try ChildProcess.run(
            binary, ["classify", "--policy", Self.library + "/councils/north-somerset", "--library", Self.library, examples.path, "--format", "jsonl"],
            capture: .output
        ).text.split(separator: "\n").map(String.init)
        let lines = try String(contentsOf: examples, encoding: .utf8).split(separator: "\n")
        #expect(cli.count == lines.count && cli.count >= 30)
        try await Self.app().test(.router) { client in
            for (line, expected) in zip(lines, cli) {
                try await client.execute(uri: "/v1/councils/north-somerset/classify", method: .post, body: ByteBuffer(string: String(line))) { response in
                    #expect(response.status == .ok)
                    #expect(Self.text(response) == expected + "\n")
                }
            }
            // The whole file as one array: the same objects, in order.
            let array = "[" + lines.joined(separator: ",") + "]"
            try await client.execute(uri: "/v1/councils/north-somerset/classify", method: .post, body: ByteBuffer(string: array)) { response in
                #expect(Self.text(response) == "[" + cli.joined(separator: ",") + "]\n")
            }
        }
    }

    @Test("errors are problem+json with the CLI's words: 404 with a suggestion, 400 with a position, 413, 422, error records in arrays")
    func errors() async throws {
        var limits = RequestLimits()
        limits.maxBodyBytes = 2_000
        limits.maxItems = 3
        try await Self.app(limits: limits).test(.router) { client in
            try await client.execute(uri: "/v1/councils/north-somersett/classify", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try Self.object(response)
                #expect(problem["help"] as? String == "did you mean `north-somerset`?")
            }
            try await client.execute(uri: "/v1/councils/derby/classify", method: .post, body: ByteBuffer(string: "{\"id\": }")) { response in
                #expect(response.status == .badRequest)
                let problem = try Self.object(response)
                #expect((problem["detail"] as? String)?.hasPrefix("the request body is not valid JSON") == true)
            }
            try await client.execute(uri: "/v1/councils/derby/classify", method: .post, body: ByteBuffer(string: "[{}, {}, {}, {}]")) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/v1/councils/derby/classify", method: .post, body: ByteBuffer(string: String(repeating: " ", count: 3_000) + "{}")) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/v1/councils/derby/classify", method: .post, body: ByteBuffer(string: "{\"id\":\"X\"}")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(Self.text(response) == "{\"line\":1,\"id\":\"X\",\"error\":\"missing `received`\"}\n")
            }
            try await client.execute(uri: "/v1/councils/derby/schedule", method: .post, body: ByteBuffer(string: "[]")) { response in
                #expect(response.status == .badRequest)
                let problem = try Self.object(response)
                #expect((problem["help"] as? String)?.contains("as_of=YYYY-MM-DD") == true)
            }
            try await client.execute(uri: "/v1/councils/derby/schedule?as_of=2025-01-31", method: .post, body: ByteBuffer(string: "[{\"id\":\"C\",\"received\":\"2025-01-06\",\"service\":\"waste\",\"events\":[]}, 7]")) { response in
                #expect(response.status == .ok)
                let items = try #require(try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [[String: Any]])
                #expect(items.first?["status"] as? String != nil)
                #expect(items.last?["error"] as? String == "item 2 of the array is not a JSON object")
            }
        }
    }

    @Test("behaviour: contacts grouped by complainant, the CLI's findings, unreadable contacts as error records")
    func behaviour() async throws {
        let contacts = try String(contentsOf: Self.root.appendingPathComponent("examples/contacts.jsonl"), encoding: .utf8)
            .split(separator: "\n").joined(separator: ",")
        try await Self.app().test(.router) { client in
            try await client.execute(
                uri: "/v1/councils/north-somerset/behaviour", method: .post, body: ByteBuffer(string: "[" + contacts + ",{\"on\":\"2024-03-01\"}]")
            ) { response in
                #expect(response.status == .ok)
                let items = try #require(try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [[String: Any]])
                #expect(items.first?["complainant"] as? String == "P-1")
                #expect(items.last?["error"] != nil)
            }
        }
    }

    @Test("check: policy text in, diagnostics with line, column and help out")
    func check() async throws {
        let text = try String(contentsOfFile: Self.library + "/councils/derby/2019.yaml", encoding: .utf8)
            .replacingOccurrences(of: "within: 10 working days", with: "within: 10 workin days")
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/v1/check?path=draft.yaml", method: .post, body: ByteBuffer(string: text)) { response in
                let result = try Self.object(response)
                #expect(result["valid"] as? Bool == false)
                let diagnostic = try #require((result["diagnostics"] as? [[String: Any]])?.first { $0["severity"] as? String == "error" })
                #expect(diagnostic["line"] as? Int == 33)
                #expect(diagnostic["file"] as? String == "draft.yaml")
                #expect((diagnostic["help"] as? String)?.contains("working days") == true)
            }
        }
    }

    @Test("hot reload: a broken policy never serves; the old one keeps deciding and the error is visible; a good change serves")
    func reload() async throws {
        let library = FileManager.default.temporaryDirectory.appendingPathComponent("redress-library-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.library, toPath: library)
        let registry = CouncilRegistry(library: library)
        await registry.reload()
        let app = Application(router: RedressAPI(registry: registry).router())
        let file = library + "/councils/north-somerset/2021-01.yaml"
        let good = try String(contentsOfFile: file, encoding: .utf8)
        let complaint = ByteBuffer(string: "{\"id\":\"R\",\"received\":\"2024-12-20\",\"service\":\"highways\"}")
        try await app.test(.router) { client in
            func respondBy() async throws -> String? {
                try await client.execute(uri: "/v1/councils/north-somerset/classify", method: .post, body: complaint) { response in
                    try Self.object(response)["respond_by"] as? String
                }
            }
            #expect(try await respondBy() == "2025-01-08")
            // An editor's half-written save: the file cut off mid-way.
            try String(good.prefix(good.count / 2)).write(toFile: file, atomically: false, encoding: .utf8)
            await registry.reload()
            #expect(try await respondBy() == "2025-01-08", "the old policy keeps serving")
            try await client.execute(uri: "/v1/councils", method: .get) { response in
                let councils = try #require(try Self.object(response)["councils"] as? [[String: Any]])
                let reload = try #require(councils.first { $0["id"] as? String == "north-somerset" }?["last_reload"] as? [String: Any])
                #expect(reload["result"] as? String == "rejected")
                #expect((reload["diagnostics"] as? [Any])?.isEmpty == false)
            }
            // A good change: Stage 1 in 15 working days.
            let changed = good.replacingOccurrences(of: "within: 10 working days", with: "within: 15 working days")
            #expect(changed != good)
            try changed.write(toFile: file, atomically: false, encoding: .utf8)
            await registry.reload()
            #expect(try await respondBy() == "2025-01-15")
            // The folder emptied: the last good policy keeps serving, with a warning.
            try FileManager.default.removeItem(atPath: file)
            await registry.reload()
            #expect(try await respondBy() == "2025-01-15")
        }
    }

    @Test("decision log: one line per decision with request id, council, digest, input and result; rotation; an unwritable log refuses to answer")
    func decisionLog() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redress-decisions-\(UUID().uuidString).jsonl").path
        let registry = CouncilRegistry(library: Self.library)
        await registry.reload()
        let log = try DecisionLog(path: path, maxBytes: 1_500, keep: 2)
        let app = Application(router: RedressAPI(registry: registry, decisionLog: log).router())
        let body = ByteBuffer(string: "[{\"id\":\"L1\",\"received\":\"2024-12-20\",\"service\":\"highways\"},{\"id\":\"L2\"}]")
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/councils/north-somerset/classify", method: .post, body: body) { #expect($0.status == .ok) }
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["council"] as? String == "north-somerset")
        #expect((first["digest"] as? String)?.hasPrefix("fnv1a64:") == true)
        #expect((first["request_id"] as? String)?.isEmpty == false)
        #expect((first["input"] as? [String: Any])?["service"] as? String == "highways")
        #expect((first["result"] as? [String: Any])?["respond_by"] as? String == "2025-01-08")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect((second["result"] as? [String: Any])?["error"] as? String == "missing `received`")
        // Past 1,500 bytes the log rotates to .1 and starts again; nothing is lost.
        try await app.test(.router) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/v1/councils/north-somerset/classify", method: .post, body: body) { #expect($0.status == .ok) }
            }
        }
        let current = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count
        let rotated = try String(contentsOfFile: path + ".1", encoding: .utf8).split(separator: "\n").count
        let older = (try? String(contentsOfFile: path + ".2", encoding: .utf8).split(separator: "\n").count) ?? 0
        #expect(current + rotated + older == 8)
        // A log that cannot be written: no decision is given without its record.
        let full = try DecisionLog(path: "/dev/full")
        try await Application(router: RedressAPI(registry: registry, decisionLog: full).router()).test(.router) { client in
            try await client.execute(uri: "/v1/councils/north-somerset/classify", method: .post, body: body) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }

    @Test("the real server starts, answers and stops cleanly on SIGTERM")
    func gracefulShutdown() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("redress-server").path
        let port = Int.random(in: 20_000..<30_000)
        let outcome = try ChildProcess.run(
            "/bin/sh",
            [
                "-c",
                """
                \(binary) --library \(Self.library) --port \(port) >/dev/null 2>&1 &
                server=$!
                for i in $(seq 100); do curl -sf http://127.0.0.1:\(port)/healthz >/dev/null && break; sleep 0.1; done
                curl -sf http://127.0.0.1:\(port)/healthz || exit 3
                kill -TERM $server
                wait $server
                """,
            ], capture: .output)
        #expect(outcome.text.contains("\"status\":\"ok\""), "\(outcome.text)")
        #expect(outcome.status == 0, "the server's exit status after SIGTERM")
    }

    @Test("metrics: requests by route and status, latency histogram, decisions, in Prometheus text")
    func metrics() async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/v1/councils/derby/classify", method: .post, body: ByteBuffer(string: "[{\"id\":\"M\",\"received\":\"2025-01-06\"},{}]")) { _ in }
            try await client.execute(uri: "/v1/councils/nowhere/classify", method: .post, body: ByteBuffer(string: "{}")) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = Self.text(response)
                #expect(text.contains(#"redress_http_requests_total{route="/v1/councils/{council}/classify",status="200"} 1"#), "\(text)")
                #expect(text.contains(#"redress_http_requests_total{route="/v1/councils/{council}/classify",status="404"} 1"#))
                #expect(text.contains(#"redress_decisions_total{kind="classify"} 1"#))
                #expect(text.contains("redress_http_request_duration_seconds_bucket"))
            }
        }
    }
}

/// The server checked against its OpenAPI document: every documented operation answers with one of
/// its documented statuses and content types, and nothing undocumented is served.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test("every documented operation answers with a documented status")
    func documented() async throws {
        let text = try String(contentsOf: ServerTests.root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(Self.jsonFromYAML(text).utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        #expect(
            Set(paths.keys) == [
                "/healthz", "/metrics", "/v1/councils", "/v1/councils/{council}/classify", "/v1/councils/{council}/schedule",
                "/v1/councils/{council}/behaviour", "/v1/check",
            ])
        let bodies = [
            "/v1/councils/{council}/classify": "{\"id\":\"O\",\"received\":\"2025-01-06\",\"service\":\"waste\"}",
            "/v1/councils/{council}/schedule": "{\"id\":\"O\",\"received\":\"2025-01-06\",\"service\":\"waste\",\"events\":[]}",
            "/v1/councils/{council}/behaviour": try String(contentsOf: ServerTests.root.appendingPathComponent("examples/contacts.jsonl"), encoding: .utf8)
                .split(separator: "\n").first.map(String.init) ?? "{}",
            "/v1/check": try String(contentsOfFile: ServerTests.library + "/councils/dacorum/2022-12.yaml", encoding: .utf8),
        ]
        let operations: [(path: String, method: String, statuses: Set<String>)] = paths.flatMap { path, methods in
            methods.map { method, operation in
                (path, method, Set(((operation as? [String: Any])?["responses"] as? [String: Any])?.keys.map { $0 } ?? []))
            }
        }
        try await ServerTests.app().test(.router) { client in
            for (path, method, statuses) in operations {
                do {
                    var uri = path.replacingOccurrences(of: "{council}", with: "north-somerset")
                    if path.hasSuffix("/schedule") { uri += "?as_of=2025-01-31" }
                    try await client.execute(
                        uri: uri, method: method == "post" ? .post : .get, body: bodies[path].map { ByteBuffer(string: $0) }
                    ) { response in
                        #expect(statuses.contains(String(response.status.code)), "\(method) \(path): \(response.status.code) is not documented")
                    }
                }
            }
            try await client.execute(uri: "/v1/undocumented", method: .get) { #expect($0.status == .notFound) }
        }
    }

    /// openapi.yaml read with the project's own YAML loader, as JSON for JSONSerialization.
    static func jsonFromYAML(_ text: String) throws -> String {
        let document = try YAMLLoader().load(text, path: "openapi.yaml")
        return try #require(document.root.map(Self.json))
    }

    static func json(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar): scalar.isNull ? "null" : JSONText.quoted(scalar.text)
        case .sequence(let sequence): "[" + sequence.items.map(json).joined(separator: ",") + "]"
        case .mapping(let mapping): "{" + mapping.entries.map { JSONText.quoted($0.key.scalar?.text ?? "") + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }
}

/// The workbench in a real browser (Debian's headless Chromium, Selenium, axe-core), against the
/// real server on a copy of the library: Browser/workbench_test.py says what it checks.
@Suite("Workbench in a browser")
struct WorkbenchBrowserTests {
    static let required = ProcessInfo.processInfo.environment["REDRESS_REQUIRE_ORACLES"] == "1"

    @Test("load, pick a council, a typo and its fix, a complaint's due date, compare, accessibility, hot reload")
    func browser() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") else {
            #expect(!Self.required, "CI must install chromium and chromium-driver")
            return
        }
        let library = FileManager.default.temporaryDirectory.appendingPathComponent("redress-workbench-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: ServerTests.library, toPath: library)
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("redress-server").path
        let script = ServerTests.root.appendingPathComponent("Tests/RedressServerTests/Browser/workbench_test.py").path
        let port = Int.random(in: 30_000..<40_000)
        let outcome = try ChildProcess.run(
            "/bin/sh",
            [
                "-c",
                """
                \(binary) --library \(library) --port \(port) --reload-interval 1 >/dev/null 2>&1 &
                server=$!
                for i in $(seq 100); do curl -sf http://127.0.0.1:\(port)/healthz >/dev/null && break; sleep 0.1; done
                python3 \(script) http://127.0.0.1:\(port)/ \(library) \(library)/screenshots
                status=$?
                kill -TERM $server
                exit $status
                """,
            ])
        let text = outcome.text
        if outcome.status == 3 {
            #expect(!Self.required, "CI must install selenium and axe-selenium-python: \(text)")
            return
        }
        #expect(outcome.status == 0, "\(text)")
        #expect(text.contains("axe: 0 violations"), "\(text)")
    }
}
