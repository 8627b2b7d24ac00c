import Foundation
import Testing

@Suite("redress classify")
struct ClassifyCommandTests {
    let policy = ["--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library]

    /// One folder per test process for the files tests write, removed when the process ends, so
    /// a run leaves nothing behind however a test ends.
    static let scratch: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redress-tests-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: ClassifyCommandTests.scratch) }
        return path
    }()

    /// A scratch file path with `suffix` (not created).
    static func scratchPath(_ suffix: String) -> String { scratch + "/\(UUID().uuidString)\(suffix)" }

    static func write(_ text: String, suffix: String) throws -> String {
        let path = scratchPath(".\(suffix)")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the bundled examples classify with no errors, one decision per line, in order")
    func examples() throws {
        let input = CommandRunner.repositoryRoot.appendingPathComponent("examples/complaints.jsonl").path
        let result = CommandRunner.run(["classify"] + policy + [input, "--format", "jsonl"])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.out.split(separator: "\n")
        let inputs = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == inputs.count)
        for (index, line) in lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["id"] as? String == String(format: "NS-%04d", index + 1))
            for key in ["policy", "type", "procedure", "stage", "excluded", "redirect", "deemed_received", "acknowledge_by", "respond_by", "in_time", "rule", "source", "flags"] {
                #expect(object.keys.contains(key), "decision lacks \(key)")
            }
        }
        #expect(lines[4].contains(#""crm_ref":"CRM-55102""#), "unknown fields pass through")
    }

    @Test("malformed lines among good ones: every good line decided, every bad line reported, exit 1")
    func malformed() throws {
        let text = """
            {"id":"A1","received":"2024-12-20","service":"highways"}
            {"id":"A2","received":"2024-12-20","service":"highways"
            not json at all
            {"id":"A4","received":"2023-02-29","service":"waste"}

            {"id":"A6","received":"2024-12-20","service":"highway"}
            {"id":"A7","received":"2024-12-23","service":"waste","text":"caf\\u00e9"}
            {"id":"A8","received":"2041-06-03","service":"waste"}
            {"received":"2024-12-20"}
            {"id":"A10","received":"2024-12-20","service":"waste"}
            """
        let input = try Self.write(text, suffix: "jsonl")
        let errorsFile = input + ".errors"
        let result = CommandRunner.run(["classify"] + policy + [input, "--format", "jsonl", "--errors", errorsFile])
        #expect(result.status == 1)
        let decided = result.out.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(decided == ["A1", "A7", "A10"])
        let errors = try String(contentsOfFile: errorsFile, encoding: .utf8).split(separator: "\n")
        let lines = errors.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["line"] as? Int }
        #expect(lines == [2, 3, 4, 6, 8, 9])
        #expect(errors[2].contains("February 2023 has 28 days"))
        #expect(errors[3].contains("did you mean `highways`?"))
        #expect(errors[4].contains("outside the england-and-wales bank holiday data"))
        #expect(errors[5].contains("missing `id`"))
        let nonBlankInputs = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
        #expect(decided.count + errors.count == nonBlankInputs)
        #expect(result.error.contains("3 decided, 6 failed"))
    }

    @Test("CSV in, CSV out: quoted fields, categories split on semicolons, a short row is an error")
    func csv() throws {
        let text = "id,received,service,categories,text\r\nB1,2024-12-20,parking,\"permits;fines\",\"a PCN, unfairly\"\r\nB2,2024-12-20,waste,,\"line one\nline two\"\r\nB3,2024-12-20\r\n"
        let input = try Self.write(text, suffix: "csv")
        let result = CommandRunner.run(["classify"] + policy + [input, "--format", "csv"])
        #expect(result.status == 1)
        let rows = result.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first?.hasPrefix("\u{FEFF}id,council,version,type,procedure,stage,handler,excluded") == true)
        #expect(rows.count == 3)
        #expect(rows[1].hasPrefix("B1,north-somerset,2021-01,complaint,,,,true,"))
        #expect(rows[2].hasPrefix("B2,north-somerset,2021-01,complaint,corporate,stage-1,relevant service team,false,"))
        #expect(result.error.contains(#""line":5"#) && result.error.contains("expected 5 CSV columns, found 2"))
    }

    @Test("a broken policy stops before any complaint is read")
    func brokenPolicy() throws {
        let bad = CommandRunner.repositoryRoot.appendingPathComponent("Tests/RedressPolicyTests/Fixtures/bad/unknown-key.yaml").path
        let result = CommandRunner.run(["classify", "--policy", bad, "--library", CommandRunner.library, "/dev/null"])
        #expect(result.status == 1)
        #expect(result.out.isEmpty)
        #expect(result.error.contains("unknown-key.yaml:13:9: error: unknown key `respnd`"))
    }

    @Test("--explain shows the rules tried")
    func explain() throws {
        let input = try Self.write(#"{"id":"E1","received":"2024-12-20","service":"highways"}"#, suffix: "jsonl")
        let result = CommandRunner.run(["classify"] + policy + [input, "--format", "table", "--explain"])
        #expect(result.out.contains("tried adult-social-care"))
        #expect(result.out.contains("service `highways` is not `adult-social-care`"))
    }
}
