import Foundation
import RedressTestSupport
import Testing

/// A named input for a parameterised test: the test report shows the name, never the bytes.
struct NamedInput: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var testDescription: String { name }
}

/// Messy and hostile input: each case gets its exact error and a non-zero exit, and batches never
/// lose a record (every input line yields one decision or one error).
@Suite("Bad input")
struct BadInputTests {
    static let good = try? String(
        contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("Tests/RedressPolicyTests/Fixtures/good.yaml"), encoding: .utf8)

    static func file(_ bytes: [UInt8], suffix: String, in folder: TemporaryFolder) throws -> String {
        let path = folder.file("input.\(suffix)")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func policy(_ transform: (String) -> String) -> [UInt8] { Array(transform(good ?? "").utf8) }

    static let policyCases: [(String, [UInt8], String)] = [
        ("truncated file", Array((good ?? "").utf8.prefix(260)), "error:"),
        ("invalid UTF-8", Array("redress: 1\ncouncil: \u{7F}".utf8) + [0xC3, 0x28], ".yaml:2:11: error: invalid UTF-8 byte 0xC3"),
        ("tab indentation", policy { $0.replacingOccurrences(of: "\n    then: lgsco", with: "\n\tthen: lgsco") }, "YAML does not allow tabs for indentation"),
        ("10 MB policy", policy { $0 + "# " + String(repeating: "x", count: 10 << 20) + "\n" }, "more than the limit of 4194304"),
        ("deeply nested YAML", Array(("x: " + String(repeating: "[", count: 10_000)).utf8), "nesting deeper than 64 levels"),
        ("alias bomb", Array(((0..<10).map { i in "l\(i): &l\(i) [" + (i == 0 ? Array(repeating: "lol", count: 10) : Array(repeating: "*l\(i - 1)", count: 10)).joined(separator: ",") + "]" }.joined(separator: "\n") + "\n").utf8), "error: the document expands to more than"),
        ("29 February 2023", policy { $0.replacingOccurrences(of: "effective_from: 2024-01-01", with: "effective_from: 2023-02-29") }, "`2023-02-29` is not a real date: February 2023 has 28 days, not 29"),
        ("negative duration", policy { $0.replacingOccurrences(of: "within: 10 working days", with: "within: -10 working days") }, "duration `-10 working days` is negative"),
        ("absurd duration", policy { $0.replacingOccurrences(of: "keep: 2 years", with: "keep: 500 years") }, "duration `500 years` is longer than 100 years"),
        ("two documents", policy { $0 + "---\nredress: 1\n" }, "a file may hold only one YAML document"),
    ]

    @Test("bad policies: the exact error, exit 1", arguments: policyCases.map { (NamedInput(name: $0.0, bytes: $0.1), $0.2) })
    func policies(_ input: NamedInput, _ message: String) throws {
        try TemporaryFolder.with { folder in
            let path = try Self.file(input.bytes, suffix: "yaml", in: folder)
            let result = CommandRunner.run(["check", path, "--library", CommandRunner.library])
            #expect(result.status == 1, "\(input.name): exit \(result.status)")
            #expect(result.error.contains(message), "\(input.name): \(result.error.prefix(600))")
        }
    }

    @Test("a byte-order mark and CRLF line ends are fine")
    func bomAndCRLF() throws {
        let text = "\u{FEFF}" + (Self.good ?? "").replacingOccurrences(of: "\n", with: "\r\n")
        try TemporaryFolder.with { folder in
            let result = CommandRunner.run(["check", try Self.file(Array(text.utf8), suffix: "yaml", in: folder), "--library", CommandRunner.library])
            #expect(result.status == 0, "\(result.error)")
        }
    }

    static let good1 = #"{"id":"G1","received":"2024-12-20","service":"waste"}"#
    static let good2 = #"{"id":"G2","received":"2024-12-20","service":"highways"}"#

    static let recordCases: [(String, [UInt8], String, [String], [String])] = [
        ("unknown service", Array("\(good1)\n{\"id\":\"B\",\"received\":\"2024-12-20\",\"service\":\"bins\"}\n".utf8), "jsonl", ["G1"], [#""line":2,"id":"B","error":"unknown service `bins` for the north-somerset policy"#]),
        ("29 February 2023", Array("{\"id\":\"B\",\"received\":\"2023-02-29\"}\n\(good1)\n".utf8), "jsonl", ["G1"], ["`2023-02-29` is not a real date: February 2023 has 28 days, not 29"]),
        ("truncated last line", Array("\(good1)\n{\"id\":\"B\",\"rec".utf8), "jsonl", ["G1"], [#""line":2,"id":null,"error":"invalid JSON: "#]),
        ("invalid UTF-8 in a line", Array("\(good1)\n".utf8) + [0x7B, 0xFF, 0x7D, 0x0A] + Array("\(good2)\n".utf8), "jsonl", ["G1", "G2"], [#""line":2,"id":null,"error":"the line is not valid UTF-8 (byte 0xFF at column 2)"#]),
        ("a huge line", Array("\(good1)\n{\"id\":\"B\",\"text\":\"\(String(repeating: "a", count: 1_200_000))\"}\n\(good2)\n".utf8), "jsonl", ["G1", "G2"], [#""line":2,"id":null,"error":"line is 1200020 bytes, more than the limit of 1048576""#]),
        ("byte-order mark and CRLF", Array("\u{FEFF}\(good1)\r\n\(good2)\r\n".utf8), "jsonl", ["G1", "G2"], []),
        ("CSV quoted newline and a missing column", Array("id,received,service,text\r\nC1,2024-12-20,waste,\"two\nlines\"\r\nC2,2024-12-20\r\nC3,2024-12-20,highways,ok\r\n".utf8), "csv", ["C1", "C3"], [#""line":4,"id":"C2","error":"expected 4 CSV columns, found 2""#]),
        ("CSV ending inside quotes", Array("id,received,service,text\nC1,2024-12-20,waste,fine\nC2,2024-12-20,waste,\"never closed\n".utf8), "csv", ["C1"], ["the file ends inside a quoted CSV field"]),
        ("tabs inside JSON strings", Array("{\"id\":\"T\",\"received\":\"2024-12-20\",\"text\":\"a\tb\"}\n\(good1)\n".utf8), "jsonl", ["G1"], ["control character in a string"]),
    ]

    @Test("bad records: the exact error, exit 1, and no record lost", arguments: recordCases.map { (NamedInput(name: $0.0, bytes: $0.1), $0.2, $0.3, $0.4) })
    func records(_ input: NamedInput, _ format: String, _ decided: [String], _ messages: [String]) throws {
        try TemporaryFolder.with { folder in try Self.record(input.name, input.bytes, format, decided, messages, folder) }
    }

    static func record(_ name: String, _ bytes: [UInt8], _ format: String, _ decided: [String], _ messages: [String], _ folder: TemporaryFolder) throws {
        let path = try Self.file(bytes, suffix: format, in: folder)
        let result = CommandRunner.run(
            ["classify", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, path, "--format", "jsonl"])
        let ids = result.out.split(separator: "\n").compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(ids == decided, "\(name)")
        for message in messages { #expect(result.error.contains(message), "\(name): \(result.error.prefix(400))") }
        let errors = result.error.split(separator: "\n").filter { $0.hasPrefix("{\"line\":") }.count
        #expect(errors == messages.count, "\(name): \(result.error.prefix(400))")
        #expect(result.status == (messages.isEmpty ? 0 : 1))
    }
}
