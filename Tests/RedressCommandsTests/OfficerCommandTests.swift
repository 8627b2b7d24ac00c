import Foundation
import RedressTestSupport
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

    @Test("diagram writes Mermaid by default, DOT and numbered text steps on request")
    func diagram() {
        let policy = CommandRunner.library + "/councils/north-somerset/2021-01.yaml"
        let mermaid = CommandRunner.run(["diagram", policy] + library).out
        #expect(mermaid.hasPrefix("---\ntitle: North Somerset Council"))
        #expect(mermaid.contains("flowchart TD"))
        let text = CommandRunner.run(["diagram", policy, "--format", "text"] + library).out
        #expect(text.contains("   6. Does it mention ‘penalty charge notice’, ‘parking ticket’ or ‘pcn’? If yes: not handled under this policy"))
        #expect(text.contains("   11. Otherwise: Corporate customer feedback procedure, Stage 1 (step 6)."))
        #expect(CommandRunner.run(["diagram", policy, "--format", "dot"] + library).out.hasPrefix("digraph policy"))
    }

    @Test("check --code lists each point with both lines; an unknown code suggests the right one")
    func conformance() {
        let policy = CommandRunner.library + "/councils/north-somerset/2021-01.yaml"
        let result = CommandRunner.run(["check", policy, "--code", "lgsco-2024"] + library)
        #expect(result.status == 0)
        #expect(result.out.contains("stricter: corporate stage-1-respond"))
        #expect(result.out.contains("[code "))
        let looser = CommandRunner.run(["check", CommandRunner.library + "/councils/dacorum", "--code", "lgsco-2024"] + library)
        #expect(looser.status == 1, "a point looser than the code fails the check: \(looser.out)")
        #expect(looser.out.contains("looser"))
        let wrong = CommandRunner.run(["check", policy, "--code", "lgsco-2042"] + library)
        #expect(wrong.status == 2)
        #expect(wrong.error.contains("did you mean `lgsco-2024`?"))
    }

    @Test("a council's local holiday by rule moves its deadlines; a rule that is not one is refused at its line")
    func localHolidays() throws {
        try TemporaryFolder.with { folder in
            let fife = try String(contentsOfFile: CommandRunner.library + "/councils/fife/2021-04.yaml", encoding: .utf8)
            func policy(_ rule: String) throws -> String {
                try FileManager.default.createDirectory(atPath: folder.file("fife"), withIntermediateDirectories: true)
                let text = fife.replacingOccurrences(
                    of: "calendar:\n  region: scotland\n",
                    with: "calendar:\n  region: scotland\n  local_holidays:\n    - { name: Spring holiday, rule: \(rule), substitute: true, assumed: \"a test\" }\n")
                _ = try folder.write(text, to: "fife/2021-04.yaml")
                return folder.file("fife")
            }
            let complaint = try folder.write("{\"id\":\"F\",\"received\":\"2025-03-31\",\"service\":\"highways\"}\n", to: "c.jsonl")
            // Frontline: 5 working days from Monday 31 March 2025 is Monday 7 April, the first Monday of April.
            let plain = CommandRunner.run(["classify", "--policy", CommandRunner.library + "/councils/fife", complaint] + library)
            #expect(plain.out.contains("\"respond_by\":\"2025-04-07\""), "\(plain.out)")
            let local = CommandRunner.run(["classify", "--policy", try policy("first monday of april"), complaint] + library)
            #expect(local.out.contains("\"respond_by\":\"2025-04-08\""), "\(local.out) \(local.error)")
            let bad = CommandRunner.run(["check", try policy("first moonday of april")] + library)
            #expect(bad.status == 1)
            #expect(bad.error.contains("2021-04.yaml:16:"), "\(bad.error)")
            #expect(bad.error.contains("`first moonday of april` is not a rule for a day each year"))
        }
    }

    @Test("a code is compared only with policies of its nations; another nation's is refused, naming the codes that apply", arguments: [
        ("fife", "lgsco-2024", "scotland", "spso-mchp"), ("swansea", "spso-mchp", "wales", "psow-model"),
        ("ards-and-north-down", "psow-model", "northern-ireland", "nipso-mchp"), ("north-somerset", "nipso-mchp", "england", "lgsco-2024"),
    ])
    func codeNations(_ council: String, _ code: String, _ nation: String, _ right: String) {
        let refused = CommandRunner.run(["check", CommandRunner.library + "/councils/\(council)", "--code", code] + library)
        #expect(refused.status == 2)
        #expect(refused.error.contains(" is in \(nation)") && refused.error.contains("help: the codes for \(nation): ") && refused.error.contains(right), "\(refused.error)")
        let compared = CommandRunner.run(["check", CommandRunner.library + "/councils/\(council)", "--code", right] + library)
        #expect(compared.status != 2, "\(compared.error)")
        #expect(compared.out.contains("for \(council) "))
    }

    @Test("check takes a council folder: Derby's two versions pass together; overlapping versions fail at `effective_from`")
    func councilFolder() throws {
        let derby = CommandRunner.run(["check", CommandRunner.library + "/councils/derby"] + library)
        #expect(derby.status == 0, "\(derby.error)")
        #expect(derby.out.contains("2 versions (2014, 2019) checked together: 0 errors"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-overlap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["2014.yaml", "2019.yaml"] {
            var text = try String(contentsOfFile: CommandRunner.library + "/councils/derby/" + name, encoding: .utf8)
            text = text.replacingOccurrences(of: "effective_to: 2019-03-31", with: "effective_to: 2019-06-30")
            try text.write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        let overlap = CommandRunner.run(["check", folder.path] + library)
        #expect(overlap.status == 1)
        #expect(overlap.error.contains("2019.yaml:9:19: error: version `2019` starts 2019-04-01, but `2014` is in force until 2019-06-30"))
        #expect(overlap.error.contains("2014.yaml:10:17: note: `2014` ends here"))
        let diagram = CommandRunner.run(["diagram", CommandRunner.library + "/councils/derby"] + library)
        #expect(diagram.status == 0)
        #expect(diagram.out.contains("send"))
    }

    @Test("check reports every file of a folder, even after one it cannot read")
    func everyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-broken-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "redress: 1\ncouncil: [".write(to: folder.appendingPathComponent("a.yaml"), atomically: false, encoding: .utf8)
        let good = try String(contentsOfFile: CommandRunner.library + "/councils/derby/2019.yaml", encoding: .utf8)
        try good.replacingOccurrences(of: "within: 20 working days", with: "within: 20 workdays")
            .write(to: folder.appendingPathComponent("b.yaml"), atomically: false, encoding: .utf8)
        let result = CommandRunner.run(["check", folder.path] + library)
        #expect(result.status == 1)
        #expect(result.error.contains("a.yaml:"))
        #expect(result.error.contains("b.yaml:"))
        #expect(result.error.contains("did you mean `20 working days`?"))
    }
}

/// Every UK nation: each nation's code checks its council; a council adds words without Swift.
@Suite("Nations")
struct NationsTests {
    @Test(
        "check --code works for each nation's code: nothing looser",
        arguments: [("fife", "spso-mchp"), ("swansea", "psow-model"), ("ards-and-north-down", "nipso-mchp"), ("dacorum", "housing-ombudsman-2024")])
    func codes(_ council: String, _ code: String) {
        let result = CommandRunner.run(["check", CommandRunner.library + "/councils/\(council)", "--code", code, "--library", CommandRunner.library])
        #expect(result.status == 0, "\(result.out)\(result.error)")
        #expect(result.out.contains("meets"))
        #expect(!result.out.contains("looser:"))
    }

    @Test("a Welsh policy with then: psow and its own webchat channel passes check and decides a webchat complaint")
    func welshWebchat() throws {
        var text = try String(contentsOfFile: CommandRunner.library + "/councils/swansea/2020-04.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "imports:\n", with: "vocabulary:\n  channels: [webchat]\nimports:\n")
        text = text.replacingOccurrences(
            of: "  - id: everything-else\n",
            with: "  - { id: webchat, when: { channel: webchat }, procedure: corporate, flags: [via-webchat] }\n  - id: everything-else\n")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-wales-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let policy = folder.appendingPathComponent("2020-04.yaml").path
        try text.write(toFile: policy, atomically: false, encoding: .utf8)
        let check = CommandRunner.run(["check", policy, "--library", CommandRunner.library])
        #expect(check.status == 0, "\(check.error)")
        #expect(check.out.contains("0 errors, 0 warnings"))
        let input = try ClassifyCommandTests.write(#"{"id":"W1","received":"2025-01-06","service":"waste","channel":"webchat"}"# + "\n", suffix: "jsonl")
        let decided = CommandRunner.run(["classify", "--policy", policy, input, "--format", "jsonl", "--library", CommandRunner.library])
        #expect(decided.out.contains(#""rule":"webchat""#) && decided.out.contains(#""via-webchat""#), "\(decided.out)\(decided.error)")
        // Without the council's addition, the same channel is an error with the nearest word.
        let plain = CommandRunner.run(["classify", "--policy", CommandRunner.library + "/councils/swansea", input, "--format", "jsonl", "--library", CommandRunner.library])
        #expect(plain.error.contains("unknown channel `webchat` for the swansea policy"), "\(plain.error)")
    }
}
