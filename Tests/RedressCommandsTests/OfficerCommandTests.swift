import Testing

@Suite("redress diff, diagram, check --code")
struct OfficerCommandTests {
    let library = ["--library", CommandRunner.library]

    @Test("diff Derby 2014 → 2019 with impact on the example complaints")
    func diff() {
        let result = CommandRunner.run(
            ["diff", CommandRunner.library + "/councils/derby/2014.yaml", CommandRunner.library + "/councils/derby/2019.yaml",
             "--complaints", CommandRunner.repositoryRoot.appendingPathComponent("examples/complaints.jsonl").path] + library)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.out.contains("renamed `appeal` (Appeal) → `stage-2`"))
        #expect(result.out.contains("was  "))
        #expect(result.out.contains("Impact on"))
        #expect(result.out.contains("NS-0025: respond by 2025-02-03 → 2025-02-17 (+10 working days)"))
    }

    @Test("diagram writes Mermaid by default and DOT on request")
    func diagram() {
        let policy = CommandRunner.library + "/councils/north-somerset/2021-01.yaml"
        #expect(CommandRunner.run(["diagram", policy] + library).out.hasPrefix("flowchart TD"))
        #expect(CommandRunner.run(["diagram", policy, "--format", "dot"] + library).out.hasPrefix("digraph policy"))
    }

    @Test("check --code lists each point with both lines; an unknown code suggests the right one")
    func conformance() {
        let policy = CommandRunner.library + "/councils/north-somerset/2021-01.yaml"
        let result = CommandRunner.run(["check", policy, "--code", "lgsco-2024"] + library)
        #expect(result.status == 0)
        #expect(result.out.contains("stricter: corporate stage-1-respond"))
        #expect(result.out.contains("[code "))
        let wrong = CommandRunner.run(["check", policy, "--code", "lgsco-2042"] + library)
        #expect(wrong.status == 2)
        #expect(wrong.error.contains("did you mean `lgsco-2024`?"))
    }
}
