import Foundation
import RedressTestSupport
import Synchronization
import Testing

@testable import RedressServer

/// The real `redress-server` binary, started on port 0 for one test and always stopped: its port
/// is read from its "listening" log line; `stop()` sends SIGTERM and waits, killing it if it
/// does not stop within a bound, so a test never leaves a server behind.
final class RunningServer: @unchecked Sendable {
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("redress-server").path

    let process = Process()
    private(set) var port = 0
    private let log = LockedText()

    /// The admin key every running test server accepts.
    static let adminKey = "rdk_test_running_admin"
    /// Policy officers (the draft role for every council): one and a colleague.
    static let officerKey = "rdk_test_running_officer"
    static let colleagueKey = "rdk_test_running_colleague"

    /// Starts the server over `library` with its keys file and records in `folder`; `arguments` are
    /// added (e.g. `--reload-interval 3600`). Throws when it does not start listening within 30 s.
    convenience init(
        library: String, folder: TemporaryFolder, records: String? = nil, arguments: [String] = [], environment: [String: String] = [:],
        binary: String = RunningServer.binary
    ) throws {
        let keys = """
            redress-keys: 1
            keys:
              - { name: admin, sha256: \(KeysFile.hash(ofKey: Self.adminKey)), roles: [admin], councils: all }
              - { name: officer, sha256: \(KeysFile.hash(ofKey: Self.officerKey)), roles: [draft], councils: all }
              - { name: colleague, sha256: \(KeysFile.hash(ofKey: Self.colleagueKey)), roles: [draft], councils: all }
            """
        try folder.write(keys, to: "keys.yaml")
        try self.init(
            executable: binary,
            arguments: ["--library", library, "--port", "0", "--keys-file", folder.file("keys.yaml"), "--records", records ?? folder.file("records.sqlite")] + arguments,
            environment: environment)
    }

    /// A server started by a shell command (to set limits before it runs).
    convenience init(command: String, folder: TemporaryFolder) throws {
        try self.init(executable: "/bin/bash", arguments: ["-c", command], environment: [:])
    }

    init(executable: String, arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["REDRESS_LOG_LEVEL": "notice"].merging(environment) { $1 }) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let ready = DispatchSemaphore(value: 0)
        let log = log
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else {
                handle.readabilityHandler = nil
                ready.signal()
                return
            }
            let chunk = String(decoding: data, as: UTF8.self)
            let listening = log.text.withLock { text in
                let seen = text.contains("\"message\":\"listening\"")
                text += chunk
                return !seen && (text.suffix(chunk.count + 40).contains("\"message\":\"listening\""))
            }
            if listening { ready.signal() }
        }
        try process.run()
        _ = ready.wait(timeout: .now() + 30)
        let text = log.text.withLock { $0 }
        guard let range = text.range(of: #"\"url\":\"https?://[^\"]+:\d+\""#, options: .regularExpression),
            let port = Int(text[range].dropLast().split(separator: ":").last ?? "")
        else {
            stop()
            throw ServerDidNotStart(log: text)
        }
        self.port = port
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        var log: String
        var description: String { "the server did not start:\n\(log)" }
    }

    var scheme = "http"
    var url: String { "\(scheme)://127.0.0.1:\(port)" }
    var logText: String { log.text.withLock { $0 } }

    /// SIGTERM, then SIGKILL if it has not stopped after `within` seconds; returns its exit status
    /// and how long the stop took.
    @discardableResult
    func stop(within seconds: Double = 15) -> (status: Int32, seconds: Double) {
        guard process.isRunning else { return (process.terminationStatus, 0) }
        let start = Date()
        kill(process.processIdentifier, SIGTERM)
        while process.isRunning, Date().timeIntervalSince(start) < seconds { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return (process.terminationStatus, Date().timeIntervalSince(start))
    }

    deinit { stop() }

    /// curl with the admin key; returns the HTTP status and body.
    func curl(_ path: String, _ arguments: [String] = [], key: String? = RunningServer.adminKey) throws -> (status: Int, body: String) {
        var all = ["-s", "-o", "-", "-w", "\n%{http_code}", "--max-time", "20"] + arguments
        if let key { all += ["-H", "Authorization: Bearer \(key)"] }
        let outcome = try ChildProcess.run("/usr/bin/curl", all + [url + path], capture: .output)
        let lines = outcome.text.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }
}

/// Text several threads append to.
final class LockedText: Sendable {
    let text = Mutex("")
}
