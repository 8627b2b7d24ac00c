import Foundation
import RedressDiagnostics
import RedressRecords
import RedressTestSupport
import Testing

@testable import RedressServer

/// The real binary under hostile or failing conditions, loopback only and bounded: a huge array,
/// floods of idle and slow connections, a full disk, kill -9 under load, two instances on one
/// PostgreSQL. Loads come from Load/service_load.py.
@Suite("Resources and failures with the real server", .serialized)
struct ResourceTests {
    static let load = ServiceFixture.root.appendingPathComponent("Tests/RedressServerTests/Load/service_load.py").path

    static func python(_ arguments: [String]) throws -> String {
        try ChildProcess.run("/usr/bin/env", ["python3", load] + arguments, capture: .output).text
    }

    /// The server's peak resident memory in MiB (`VmHWM`).
    static func peakMemory(_ server: RunningServer) -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(server.process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }

    /// The release build of the server when CI names it (`REDRESS_RELEASE_SERVER`): the floods run
    /// at full size against it. A debug build is about ten times slower per connection, so without
    /// it the floods are a fifth of the size, opened at a fifth of the rate.
    static let release = ProcessInfo.processInfo.environment["REDRESS_RELEASE_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
    static let scale = release == nil ? 5 : 1

    static func server(_ folder: TemporaryFolder, _ arguments: [String]) throws -> RunningServer {
        try RunningServer(library: ServiceFixture.library, folder: folder, arguments: arguments, binary: release ?? RunningServer.binary)
    }

    static func configuration(_ folder: TemporaryFolder, _ lines: String) throws -> [String] {
        try folder.write("redress-server: 1\n" + lines, to: "service.yaml")
        return ["--config", folder.file("service.yaml")]
    }

    @Test("a 4 MiB array of 1.4 million empty objects is refused with 413 and the peak memory stays under 100 MB")
    func hugeArray() throws {
        try TemporaryFolder.with { folder in
            let server = try Self.server(folder, [])
            defer { server.stop() }
            let status = try Self.python(["big", String(server.port), RunningServer.adminKey]).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(status == "413")
            let peak = Self.peakMemory(server)
            #expect(peak > 0 && peak < 100, "peak resident memory \(peak) MiB")
        }
    }

    @Test("20,000 idle connections opened at 2,500 a second and held: /healthz answers within 1 s throughout")
    func idleFlood() throws {
        try TemporaryFolder.with { folder in
            let server = try Self.server(folder, try Self.configuration(folder, "limits: { header_timeout_seconds: 3 }"))
            defer { server.stop() }
            // Two clients of 10,000 each (a process may hold 20,000 descriptors here), and a prober of its own.
            let port = String(server.port)
            let (count, rate) = (String(10_000 / Self.scale), String(1_250 / Self.scale))
            let outcomes = try Self.parallel([["flood", port, "idle", count, "10", rate], ["flood", port, "idle", count, "10", rate], ["probe", port, "11"]])
            let probe = outcomes[2]
            #expect((probe["health_failures"] as? Int) == 0, "\(outcomes)")
            #expect(((probe["max_health_seconds"] as? Double) ?? 9) < 1.0, "\(outcomes)")
            #expect(try server.curl("/healthz", key: nil).status == 200)
        }
    }

    @Test("2,000 slow bodies are closed after the body timeout, and /healthz answers within 1 s throughout")
    func slowBodies() throws {
        try TemporaryFolder.with { folder in
            let server = try Self.server(folder, try Self.configuration(folder, "limits: { body_timeout_seconds: 3 }"))
            defer { server.stop() }
            let count = 2_000 / Self.scale
            let outcomes = try Self.parallel([["flood", String(server.port), "slow", String(count), "9", "1000"], ["probe", String(server.port), "9"]])
            #expect((outcomes[1]["health_failures"] as? Int) == 0, "\(outcomes)")
            #expect(((outcomes[1]["max_health_seconds"] as? Double) ?? 9) < 1.0, "\(outcomes)")
            #expect((outcomes[0]["closed_by_server"] as? Int) == count, "\(outcomes)")
        }
    }

    /// Runs several load processes at once; returns each one's JSON summary.
    static func parallel(_ runs: [[String]]) throws -> [[String: Any]] {
        let processes = runs.map { arguments -> (Process, Pipe) in
            let process = Process()
            // The flooding clients run at the lowest priority: on a real network the attacker's
            // CPU is not the server's, and here they share two cores with it and with the prober.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = (arguments.first == "flood" ? ["nice", "-n", "19"] : []) + ["python3", load] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            return (process, pipe)
        }
        for (process, _) in processes { try process.run() }
        return processes.map { process, pipe in
            let data = PipeReading.readAll(pipe.fileHandleForReading)
            process.waitUntilExit()
            return (try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any]) ?? ["output": String(decoding: data, as: UTF8.self)]
        }
    }

    /// What the load client was answered 200 for: request id → complaint ids.
    static func answered(_ output: String) -> [String: [String]] {
        var answers: [String: [String]] = [:]
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            if let id = words.first { answers[id] = Array(words.dropFirst()) }
        }
        return answers
    }

    /// Every record of a council in the store, by request id.
    static func recorded(_ store: any RecordStore, council: String = "north-somerset") async throws -> [String: [String]] {
        var recorded: [String: [String]] = [:]
        var next: Int64 = 1
        while true {
            let batch = try await store.records(council: council, from: next, limit: 1_000)
            for record in batch { recorded[record.record.requestID, default: []].append(record.record.subject ?? "") }
            guard let last = batch.last, batch.count == 1_000 else { return recorded }
            next = last.sequence + 1
        }
    }

    @Test("kill -9 under load, three times: every answered decision is in the store exactly once, and the chain verifies")
    func killNine() async throws {
        try await TemporaryFolder.with { folder in
            var answers: [String: [String]] = [:]
            for _ in 0..<3 {
                let server = try RunningServer(library: ServiceFixture.library, folder: folder)
                let client = Process()
                client.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                client.arguments = ["python3", Self.load, "decide", String(server.port), RunningServer.adminKey, "3"]
                let pipe = Pipe()
                client.standardOutput = pipe
                try client.run()
                usleep(1_500_000)
                kill(server.process.processIdentifier, SIGKILL)
                server.process.waitUntilExit()
                let output = String(decoding: PipeReading.readAll(pipe.fileHandleForReading), as: UTF8.self)
                client.waitUntilExit()
                answers.merge(Self.answered(output)) { first, _ in first }
            }
            #expect(answers.count > 10, "the load made \(answers.count) requests")
            let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
            let recorded = try await Self.recorded(store)
            for (request, ids) in answers {
                #expect(recorded[request]?.sorted() == ids.sorted(), "request \(request): answered \(ids), recorded \(recorded[request] ?? [])")
            }
            #expect(try await RecordAudit.verify(store, signer: nil).isIntact)
            await store.close()
        }
    }

    @Test("a full disk: 503s, every 200 recorded, no torn or phantom record, the chain verifies")
    func diskFull() async throws {
        try await TemporaryFolder.with { folder in
            // The service's file-size limit stands for a full disk: writes past 300 KiB fail with EFBIG.
            let keys = "redress-keys: 1\nkeys:\n  - { name: admin, sha256: \(KeysFile.hash(ofKey: RunningServer.adminKey)), roles: [admin], councils: all }\n"
            try folder.write(keys, to: "keys.yaml")
            let command = "ulimit -f 300; exec \(RunningServer.binary) --library \(ServiceFixture.library) --port 0 --keys-file \(folder.file("keys.yaml")) --records \(folder.file("records.sqlite"))"
            let server = try RunningServer(command: command, folder: folder)
            defer { server.stop() }
            let output = try Self.python(["decide", String(server.port), RunningServer.adminKey, "6"])
            let answers = Self.answered(output)
            let refused = try server.curl("/v1/councils/north-somerset/classify", ["-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"id\":\"Z\",\"received\":\"2024-12-20\"}"])
            #expect(refused.status == 503, "the disk is full by now: \(refused)")
            server.stop()
            let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
            let recorded = try await Self.recorded(store)
            #expect(Set(recorded.keys) == Set(answers.keys), "recorded requests differ from answered ones")
            for (request, ids) in answers { #expect(recorded[request]?.sorted() == ids.sorted()) }
            #expect(recorded["Z"] == nil)
            #expect(try await RecordAudit.verify(store, signer: nil).isIntact)
            await store.close()
        }
    }

    @Test("two instances on one PostgreSQL under load: every answered decision recorded once, every chain verifies")
    func twoInstances() async throws {
        guard case .success = PostgresServer.url() else {
            if Oracle.required { Issue.record("PostgreSQL is required here") }
            return
        }
        try await PostgresServer.withDatabase { url in
            try await TemporaryFolder.with { folder in
                let first = try RunningServer(library: ServiceFixture.library, folder: folder, records: url)
                defer { first.stop() }
                let second = try RunningServer(library: ServiceFixture.library, folder: folder, records: url)
                defer { second.stop() }
                let outputs = try [first, second].map { server in
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                    process.arguments = ["python3", Self.load, "decide", String(server.port), RunningServer.adminKey, "4"]
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    try process.run()
                    return (process, pipe)
                }.map { process, pipe in
                    let text = String(decoding: PipeReading.readAll(pipe.fileHandleForReading), as: UTF8.self)
                    process.waitUntilExit()
                    return text
                }
                let answers = outputs.map(Self.answered).reduce(into: [:]) { all, next in all.merge(next) { a, _ in a } }
                let store = try await PostgresRecordStore(url: url)
                let recorded = try await Self.recorded(store)
                #expect(answers.count > 20)
                #expect(Set(recorded.keys) == Set(answers.keys))
                for (request, ids) in answers { #expect(recorded[request]?.sorted() == ids.sorted()) }
                let report = try await RecordAudit.verify(store, signer: nil)
                #expect(report.isIntact, "\(report.problems)")
                await store.close()
            }
        }
    }
}
