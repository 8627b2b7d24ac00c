import Foundation
import RedressEngine
import RedressFormats
import RedressPolicy
import Testing

/// The parallel batch keeps the batch contract: on an input spanning several batches of chunks,
/// with bad records scattered across chunk boundaries, the output is byte for byte what deciding
/// the records one at a time, in order, gives, and every bad line is one error record, in order.
@Suite("Ordered parallel batch")
struct OrderedBatchTests {
    /// 20,000 lines (about three batches of 8 chunks of 1,024 on two cores); every 97th and the
    /// last of every chunk is broken in one of three ways.
    static func input() -> (text: String, broken: [Int]) {
        var lines: [String] = []
        var broken: [Int] = []
        let services = ["waste", "highways", "adult-social-care", "parking", "schools"]
        for i in 0..<20_000 {
            let line = i + 1
            if i % 97 == 0 || line % 1024 == 0 {
                broken.append(line)
                switch i % 3 {
                case 0: lines.append(#"{"id":"B\#(i)","received":"2025-02-30","service":"waste"}"#)
                case 1: lines.append(#"{"id":"B\#(i)","received":"2025-01-02""#)
                default: lines.append(#"{"id":"B\#(i)","received":"2025-01-02","service":"highway"}"#)
                }
            } else {
                lines.append(#"{"id":"C\#(i)","received":"2024-\#(String(format: "%02d", 1 + i % 12))-\#(String(format: "%02d", 1 + i % 28))","service":"\#(services[i % 5])","text":"note \#(i) pcn","crm":\#(i)}"#)
            }
        }
        return (lines.joined(separator: "\n") + "\n", broken)
    }

    @Test("output and error records equal a one-at-a-time run, in input order")
    func sameAsSequential() throws {
        let (text, broken) = Self.input()
        let file = try ClassifyCommandTests.write(text, suffix: "jsonl")
        let result = CommandRunner.run(
            ["classify", file, "--format", "jsonl", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library])
        #expect(result.status == 1)

        let library = PolicyLibrary(root: CommandRunner.library)
        let engine = try Engine.load(path: CommandRunner.library + "/councils/north-somerset", library: library)
        let encoder = DecisionEncoder(format: .jsonl)
        var expected = ""
        var expectedErrors = ""
        for (index, line) in text.split(separator: "\n").enumerated() {
            switch PendingRecord.json(Array(line.utf8)[...], line: index + 1, file: nil, map: nil, validate: true).parsed() {
            case .failure(let failure): expectedErrors += RecordFailureEncoder.encode(failure)
            case .success(let record):
                do {
                    expected += encoder.encode(try engine.classify(Complaint(record: record)))
                } catch {
                    expectedErrors += RecordFailureEncoder.encode(RecordFailure(line: record.line, id: record.id, message: error.message))
                }
            }
        }
        #expect(result.out == expected, "decisions differ from a sequential run")
        #expect(result.error == expectedErrors + "redress: \(20_000 - broken.count) decided, \(broken.count) failed\n")
        let errorLines = result.error.split(separator: "\n").dropLast().compactMap { line -> Int? in
            guard let data = String(line).data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return object["line"] as? Int
        }
        #expect(errorLines == broken, "one error record per broken line, in order")
    }
}
