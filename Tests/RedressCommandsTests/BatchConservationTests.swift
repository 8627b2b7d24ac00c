import Foundation
import RedressTestSupport
import Testing

/// The batch CLI never damages what it was given: over mutated CSV inputs (stray quotes, bad
/// bytes, lost commas, repeated or unknown header columns, quoted line breaks), a run that stops
/// (exit 2) leaves the existing output and errors files byte for byte as they were, and a run that
/// goes through gives exactly one decision or one error record per physical record — counted by an
/// independent reader, Python's csv module.
@Suite("Batch conservation")
struct BatchConservationTests {
    static let header = "id,received,service,text"

    static func base(_ rows: Int) -> [String] {
        (1...rows).map { "C\($0),2024-12-\(String(format: "%02d", 1 + $0 % 27)),\(["waste", "highways", "parking"][$0 % 3]),\"note \($0), with a comma\"" }
    }

    enum Mutation: CaseIterable {
        case strayQuote, badByte, lostComma, repeatedColumn, unknownColumn, blankLine, quotedBreak, unclosedQuote
    }

    /// The input bytes after `mutation` at a place chosen by `random`.
    static func mutate(_ mutation: Mutation, rows: [String], _ random: inout SeededRandom) -> [UInt8] {
        var lines = [header] + rows
        let row = 1 + Int(random.next() % UInt64(rows.count))
        switch mutation {
        case .strayQuote:
            var text = Array(lines[row])
            text.insert("\"", at: Int(random.next() % UInt64(text.count)))
            lines[row] = String(text)
        case .badByte:
            var bytes: [UInt8] = []
            for (index, line) in lines.enumerated() {
                let utf8 = Array(line.utf8)
                bytes += index == row ? Array(utf8.prefix(3)) + [0xFF] + Array(utf8.dropFirst(3)) : utf8
                bytes.append(0x0A)
            }
            return bytes
        case .lostComma:
            if let comma = lines[row].firstIndex(of: ",") { lines[row].remove(at: comma) }
        case .repeatedColumn: lines[0] = "id,received,service,id"
        case .unknownColumn: lines[0] = "id,received,servce,text"
        case .blankLine: lines.insert("", at: row)
        case .quotedBreak: lines[row] = lines[row].replacingOccurrences(of: "with a comma", with: "with\na break")
        case .unclosedQuote: lines[row] = lines[row].replacingOccurrences(of: "with a comma\"", with: "with a comma")
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Records in the file as Python's csv module reads it (blank rows and the header left out).
    static func oracleCount(_ path: String) throws -> Int? {
        let script = """
            import csv, io, sys
            text = open(sys.argv[1], "rb").read().decode("utf-8", errors="replace")
            rows = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
            print(len(rows) - 1)
            """
        guard let (status, output) = try Oracle.python(script, [path]).result() else { return nil }
        #expect(status == 0, "\(output)")
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("mutated CSV: exit 2 leaves the outputs untouched; otherwise one result per record")
    func conservation() throws {
        var random = SeededRandom(seed: 34)
        var checked = 0
        try TemporaryFolder.with { folder in
            for round in 0..<64 {
                let mutation = Mutation.allCases[round % Mutation.allCases.count]
                let input = folder.file("input-\(round).csv")
                _ = FileManager.default.createFile(atPath: input, contents: Data(Self.mutate(mutation, rows: Self.base(12), &random)))
                let output = try folder.write("previous output\n", to: "out.jsonl")
                let errors = try folder.write("previous errors\n", to: "errors.jsonl")
                let result = CommandRunner.run([
                    "classify", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, input,
                    "--format", "jsonl", "--output", output, "--errors", errors,
                ])
                if [.repeatedColumn, .unknownColumn].contains(mutation) {
                    #expect(result.status == 2, "\(mutation): a bad header stops the run before any row")
                }
                if result.status == 2 {
                    #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous output\n", "\(mutation): the output file changed")
                    #expect(try String(contentsOfFile: errors, encoding: .utf8) == "previous errors\n", "\(mutation): the errors file changed")
                    continue
                }
                let decided = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").count
                let failed = try String(contentsOfFile: errors, encoding: .utf8).split(separator: "\n").count
                guard let expected = try Self.oracleCount(input) else { return }
                #expect(decided + failed == expected, "\(mutation): \(decided) decided + \(failed) failed, Python reads \(expected) records")
                checked += 1
            }
        }
        #expect(checked > 30)
    }

    @Test("a quoted record over two lines with a bad byte on each is one record and one error record")
    func oneRecordOneError() throws {
        try TemporaryFolder.with { folder in
            let bytes = Array("id,received,service,text\nA,2024-12-20,waste,\"first".utf8) + [0xFF] + Array("\nsecond".utf8) + [0xFE]
                + Array("\"\nB,2024-12-20,waste,fine\n".utf8)
            let input = folder.file("two-lines.csv")
            _ = FileManager.default.createFile(atPath: input, contents: Data(bytes))
            let result = CommandRunner.run(["classify", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, input, "--format", "jsonl"])
            let failures = result.error.split(separator: "\n").filter { $0.hasPrefix("{\"line\":") }
            #expect(failures.count == 1, "\(result.error)")
            #expect(failures.first?.contains("\"line\":2") == true)
            #expect(result.out.split(separator: "\n").count == 1)
        }
    }

    @Test("rows inside an unclosed quote are named by their line span")
    func unclosedQuoteSpan() throws {
        try TemporaryFolder.with { folder in
            let rows = (1...40).map { "R\($0),2024-12-20,waste,ok" }
            let input = try folder.write("id,received,service,text\nA,2024-12-20,waste,\"never closed\n" + rows.joined(separator: "\n") + "\n", to: "open.csv")
            let result = CommandRunner.run(["classify", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, input, "--format", "jsonl"])
            #expect(result.error.contains("lines 2–42 (41 lines) were read as this one record"), "\(result.error)")
        }
    }
}
