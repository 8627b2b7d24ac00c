import Foundation
import Testing

/// Replays the fuzz seed corpora and every saved regression input through the commands that read
/// them: each must give a result or positioned diagnostics / error records, never a crash.
@Suite("Fuzz corpus replay")
struct FuzzReplayTests {
    static let fuzz = CommandRunner.repositoryRoot.appendingPathComponent("Fuzz")

    static func files(_ area: String) -> [String] {
        var files: [String] = []
        for folder in ["corpus/\(area)", "regressions/\(area)"] {
            let base = fuzz.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
            files += names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { base.appendingPathComponent($0).path }
        }
        return files
    }

    @Test("YAML and policy inputs: checked, with every diagnostic positioned")
    func policies() {
        let inputs = Self.files("yaml") + Self.files("policy")
        #expect(inputs.count > 100)
        for path in inputs {
            let result = CommandRunner.run(["check", path, "--library", CommandRunner.library, "--format", "json"])
            #expect([0, 1].contains(result.status), "\(path): exit \(result.status)")
            for line in result.out.split(separator: "\n") {
                #expect(line.contains("\"line\":"), "\(path): unpositioned diagnostic \(line)")
            }
        }
    }

    @Test("record inputs: every line decided or reported, or the input refused before any row with help")
    func records() {
        for path in Self.files("complaints") + Self.files("batch") {
            let result = CommandRunner.run(
                ["classify", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, path, "--format", "jsonl"])
            if result.status == 2 {
                // A header in a CRM's own words (no --map) stops the run before any row, with help.
                #expect(result.out.isEmpty && result.error.contains("error: ") && result.error.contains("help: "), "\(path): \(result.error)")
            } else {
                #expect([0, 1].contains(result.status), "\(path): exit \(result.status)")
            }
        }
    }
}
