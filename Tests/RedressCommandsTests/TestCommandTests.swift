import Foundation
import Testing

@Suite("redress test")
struct TestCommandTests {
    @Test("the bundled council tests all pass, closing with `N passed, 0 failed`")
    func bundled() {
        let result = CommandRunner.run(["test", "--library", CommandRunner.library])
        #expect(result.status == 0, "\(result.out)\(result.error)")
        let last = result.out.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix(" passed, 0 failed"))
        #expect((Int(last.split(separator: " ").first ?? "") ?? 0) >= 50)
    }

    @Test("a deliberately wrong expectation fails with expected, actual and the deciding rule")
    func wrongExpectation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("wrong.yaml")
        try """
            redress-tests: 1
            policy: \(CommandRunner.library)/councils/north-somerset
            cases:
              - name: Stage 2 is not 20 working days
                complaint: { received: 2024-12-20, service: highways }
                expect: { respond_by: 2025-01-09, procedure: corporate }
            """.write(to: file, atomically: true, encoding: .utf8)
        let result = CommandRunner.run(["test", file.path, "--library", CommandRunner.library])
        #expect(result.status == 1)
        #expect(result.out.contains("✗ Stage 2 is not 20 working days"))
        #expect(result.out.contains("respond_by: expected 2025-01-09"))
        #expect(result.out.contains("actual   2025-01-08"))
        #expect(result.out.contains("decided by rule `everything-else` at "))
        #expect(result.out.hasSuffix("0 passed, 1 failed\n"))
    }

    @Test("--coverage lists what no case exercises")
    func coverage() {
        let result = CommandRunner.run(["test", CommandRunner.library + "/tests/dacorum.yaml", "--coverage", "--library", CommandRunner.library])
        #expect(result.out.contains("coverage") || result.out.contains("not exercised"))
    }
}
