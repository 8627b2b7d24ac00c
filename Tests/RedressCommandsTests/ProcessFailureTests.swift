import Foundation
import RedressTestSupport
import Testing

/// Failures only a real process shows: closed or full standard output, a folder as input, an output
/// path that is the input, a symbolic link or FIFO as an output. Each ends with one clear message
/// and the documented exit status, never a backtrace; nothing the user owns is replaced.
@Suite("Process failures")
struct ProcessFailureTests {
    /// The built `redress` beside the test bundle (`swift test` builds every product).
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("redress").path
    static let policy = "--policy " + CommandRunner.library + "/councils/north-somerset"
    static let complaints = CommandRunner.repositoryRoot.appendingPathComponent("examples/complaints.jsonl").path

    struct Outcome {
        var status: Int32
        var error: String
    }

    static func shell(_ script: String) throws -> Outcome {
        let outcome = try ChildProcess.run("/bin/sh", ["-c", script], capture: .errors)
        return Outcome(status: outcome.status, error: outcome.text)
    }

    static func temporary(_ name: String) -> String {
        ClassifyCommandTests.scratchPath("-\(name)")
    }

    static let cases: [(String, String, Int32, String)] = [
        ("closed standard output", "\(binary) classify \(policy) \(complaints) >&-", 2, "cannot write to standard output: Bad file descriptor"),
        ("a full disk", "\(binary) classify \(policy) \(complaints) > /dev/full", 2, "cannot write to standard output: No space left on device"),
        ("a folder as input", "\(binary) classify \(policy) \(CommandRunner.library)", 2, "is a folder, not an input file"),
        ("--errors naming the input", "\(binary) classify \(policy) \(complaints) --errors \(complaints)", 2, "is the input file; it would be overwritten"),
        ("a usage error", "\(binary) classify \(policy) --no-such-flag", 2, "Unknown option '--no-such-flag'"),
        ("an invalid policy", "\(binary) classify --policy \(CommandRunner.repositoryRoot.path)/Tests/RedressPolicyTests/Fixtures/bad/unknown-key.yaml --library \(CommandRunner.library) \(complaints)", 1, "nothing was processed"),
        ("a missing policy", "\(binary) classify --policy /no/such/policy.yaml --library \(CommandRunner.library) \(complaints)", 2, "no policy file or folder"),
        (
            "a closed pipe with SIGPIPE ignored",
            "f=$(mktemp); trap 'rm -f \"$f\"' EXIT; yes '{\"id\":\"x\",\"received\":\"2024-12-20\"}' | head -n 100000 > $f; trap '' PIPE; \(binary) classify \(policy) $f | head -c 1",
            0, ""
        ),
    ]

    @Test("each failure: one message, the documented status, no backtrace", arguments: cases.map { ($0.0, $0.1, $0.2, $0.3) })
    func failure(_ name: String, _ script: String, _ status: Int32, _ message: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build redress first: \(Self.binary)")
        let outcome = try Self.shell(script)
        if name.hasPrefix("a closed pipe") {
            // The pipeline's status is head's; what matters is that redress printed nothing.
            #expect(outcome.error.isEmpty, "\(name): \(outcome.error)")
            return
        }
        #expect(outcome.status == status, "\(name): exit \(outcome.status), \(outcome.error)")
        #expect(outcome.error.contains(message), "\(name): \(outcome.error)")
        #expect(!outcome.error.contains("Fatal error") && !outcome.error.contains("backtrace"), "\(name): \(outcome.error)")
    }

    @Test("output paths are opened in place: a symbolic link is followed, a FIFO is written to")
    func openedInPlace() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let bad = Self.temporary("bad.jsonl")
        try "{\"id\":\"A1\"}\n".write(toFile: bad, atomically: false, encoding: .utf8)
        let target = Self.temporary("target")
        let link = Self.temporary("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let viaLink = try Self.shell("\(Self.binary) classify \(Self.policy) \(bad) --errors \(link)")
        #expect(viaLink.status == 1)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "the link was replaced")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("missing `received`"))
        let fifo = Self.temporary("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let viaFIFO = try Self.shell("cat \(fifo) > \(fifo).out & \(Self.binary) classify \(Self.policy) \(bad) --errors \(fifo); s=$?; wait; exit $s")
        #expect(viaFIFO.status == 1)
        var isFIFO = stat()
        #expect(lstat(fifo, &isFIFO) == 0 && (isFIFO.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
        #expect(try String(contentsOfFile: fifo + ".out", encoding: .utf8).contains("missing `received`"))
    }

    @Test("redress test resolves `policy:` relative to the test file from any working directory", arguments: [
        ("policies", "tests/derby.yaml"), ("policies/tests", "derby.yaml"), ("policies/tests", "./derby.yaml"), ("Tests", "../policies/tests/derby.yaml"),
    ])
    func relativeTestFile(_ directory: String, _ file: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let folder = CommandRunner.repositoryRoot.appendingPathComponent(directory).path
        let outcome = try Self.shell("cd \(folder) && \(Self.binary) test \(file) --library \(CommandRunner.library) | tail -n 1 >&2")
        #expect(outcome.error.hasSuffix(" passed, 0 failed\n"), "\(directory) \(file): \(outcome.error)")
        #expect(!outcome.error.hasPrefix("0 passed"), "\(outcome.error)")
    }
}
