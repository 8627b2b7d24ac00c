import Foundation
import RedressTestSupport
import Testing

@testable import RedressServer

/// The real binary: start-up checks, a prompt and clean stop, and the workbench in a browser.
@Suite("The real server", .serialized)
struct RealServerTests {
    @Test("starts, answers, and stops within the drain time on SIGTERM even with an hour's reload interval")
    func promptShutdown() throws {
        try TemporaryFolder.with { folder in
            let server = try RunningServer(library: ServiceFixture.library, folder: folder, arguments: ["--reload-interval", "3600"])
            #expect(try server.curl("/healthz", key: nil).status == 200)
            #expect(try server.curl("/readyz", key: nil).status == 200)
            #expect(try server.curl("/v1/councils", key: nil).status == 401)
            let (status, seconds) = server.stop()
            #expect(status == 0, "the exit status after SIGTERM")
            // Reported, not asserted as a time: a stop that waited for the reload tick would take an hour.
            #expect(seconds < 15, "stopped after \(seconds) s")
        }
    }

    @Test("a library that does not exist, or a malformed keys file, stops the start with exit 2")
    func startUpChecks() throws {
        try TemporaryFolder.with { folder in
            let missing = try ChildProcess.run(RunningServer.binary, ["--library", folder.file("nowhere"), "--port", "0"], capture: .errors)
            #expect(missing.status == 2)
            #expect(missing.text.contains("no policy library"), "\(missing.text)")
            try folder.write("redress-keys: 1\nkeys:\n  - name: x\n    sha256: nothex\n    roles: [admin]\n    councils: all\n", to: "bad-keys.yaml")
            let bad = try ChildProcess.run(
                RunningServer.binary, ["--library", ServiceFixture.library, "--port", "0", "--keys-file", folder.file("bad-keys.yaml")], capture: .errors)
            #expect(bad.status == 2)
            #expect(bad.text.contains("bad-keys.yaml:4:13: error: `sha256` must be 64 lowercase hex digits"), "\(bad.text)")
        }
    }
}

/// The workbench in a real browser (Debian's headless Chromium, Selenium, axe-core), against the
/// real server on a copy of the library: Browser/workbench_test.py says what it checks.
@Suite("Workbench in a browser")
struct WorkbenchBrowserTests {
    @Test("the code editor, problems with an error summary, W1-W9, autosave, drafts shared and commented, adoption, accessibility in every state")
    func browser() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") else {
            #expect(!Oracle.required, "CI must install chromium and chromium-driver")
            return
        }
        // The page's code editor comes from Debian's libjs-codemirror (the page falls back to a text box without it).
        guard FileManager.default.fileExists(atPath: "/usr/share/javascript/codemirror/lib/codemirror.js") else {
            #expect(!Oracle.required, "CI must install libjs-codemirror")
            return
        }
        try TemporaryFolder.with { folder in
            let library = folder.file("policies")
            try FileManager.default.copyItem(atPath: ServiceFixture.library, toPath: library)
            let server = try RunningServer(library: library, folder: folder, arguments: ["--reload-interval", "0.5"])
            defer { server.stop() }
            let script = ServiceFixture.root.appendingPathComponent("Tests/RedressServerTests/Browser/workbench_test.py").path
            // REDRESS_SCREENSHOTS=docs/screenshots refreshes the pictures in docs/workbench.md.
            let screenshots = ProcessInfo.processInfo.environment["REDRESS_SCREENSHOTS"] ?? folder.file("screenshots")
            let outcome = try ChildProcess.run("/usr/bin/env", [
                    try folder.childTemporaryDirectory(), "python3", script, server.url + "/", library, screenshots, RunningServer.adminKey, RunningServer.officerKey,
                    RunningServer.colleagueKey,
                ])
            if outcome.status == 3 {
                #expect(!Oracle.required, "CI must install selenium and axe-selenium-python: \(outcome.text)")
                return
            }
            // REDRESS_WORKBENCH_LOG=FILE keeps what the browser run printed (the timings BENCHMARKS.md reports).
            if let log = ProcessInfo.processInfo.environment["REDRESS_WORKBENCH_LOG"] { try outcome.text.write(toFile: log, atomically: true, encoding: .utf8) }
            #expect(outcome.status == 0, "\(outcome.text)")
            #expect(outcome.text.contains("axe: 0 violations in"), "\(outcome.text)")
        }
    }
}

/// openapi.yaml as a CRM's developers would use it: a Python client generated from it by
/// openapi-python-client (PyPI), calling the real server with a key (OpenAPI/client_test.py).
@Suite("A client generated from openapi.yaml")
struct GeneratedClientTests {
    @Test("the generated client names operations by their ids, and its models parse the real server's answers")
    func generated() throws {
        guard let generator = Self.generator else {
            #expect(!Oracle.required, "CI must install openapi-python-client")
            return
        }
        try TemporaryFolder.with { folder in
            let generated = try ChildProcess.run(
                generator, ["generate", "--path", ServiceFixture.root.appendingPathComponent("openapi.yaml").path, "--meta", "none", "--output-path", folder.file("client")])
            #expect(generated.status == 0, "\(generated.text)")
            // Every operation is in the client under its tag, named by its id.
            for endpoint in Endpoint.allCases {
                let module = folder.file("client/api/\(endpoint.tag)/\(Self.snake(endpoint.operationID)).py")
                #expect(FileManager.default.fileExists(atPath: module), "no generated function for \(endpoint.operationID)")
            }
            let server = try RunningServer(library: ServiceFixture.library, folder: folder)
            defer { server.stop() }
            let script = ServiceFixture.root.appendingPathComponent("Tests/RedressServerTests/OpenAPI/client_test.py").path
            let outcome = try ChildProcess.run("/usr/bin/env", ["python3", script, folder.path, server.url, RunningServer.adminKey])
            #expect(outcome.status == 0, "\(outcome.text)")
        }
    }

    /// `saveDraft` → `save_draft`, as the generator names modules.
    static func snake(_ name: String) -> String {
        name.reduce(into: "") { out, character in
            if character.isUppercase { out += "_" + character.lowercased() } else { out.append(character) }
        }
    }

    static let generator = executable("openapi-python-client")

    /// A program on the PATH.
    static func executable(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// schemathesis (PyPI) against openapi.yaml and the real server, with an admin key: every phase
/// (examples, coverage, fuzzing, stateful), no 5xx and no answer outside the document.
@Suite("schemathesis")
struct SchemathesisTests {
    @Test("every operation, with a credential: no server error, every status, type, header and body as documented")
    func conformance() throws {
        guard let schemathesis = GeneratedClientTests.executable("schemathesis") else {
            #expect(!Oracle.required, "CI must install schemathesis")
            return
        }
        try TemporaryFolder.with { folder in
            let library = folder.file("policies")
            try FileManager.default.copyItem(atPath: ServiceFixture.library, toPath: library)
            let server = try RunningServer(library: library, folder: folder)
            defer { server.stop() }
            let outcome = try ChildProcess.run(
                schemathesis,
                [
                    "run", ServiceFixture.root.appendingPathComponent("openapi.yaml").path, "--url", server.url, "--seed", "1", "--max-examples", "15",
                    "-H", "Authorization: Bearer \(RunningServer.adminKey)", "--checks",
                    "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance",
                ], in: folder.path)  // schemathesis keeps a cache (.schemathesis/) where it runs
            #expect(outcome.status == 0, "\(outcome.text.suffix(3000))")
        }
    }
}
