import Foundation
import Synchronization
import RedressCommands
import RedressEngine
import RedressFormats

/// End-to-end `redress classify` over generated files (JSON Lines and CSV, one line in a thousand
/// malformed), against just reading and parsing the same records. Checks that every input line
/// gives exactly one decision or one error, and reports peak memory at two sizes.
enum StreamBenchmark {
    static func run(root: String, count: Int) throws {
        for (command, format) in [("classify", "jsonl"), ("classify", "csv"), ("schedule", "jsonl")] {
            let small = try measure(root: root, command: command, format: format, count: max(1, count / 10))
            let large = try measure(root: root, command: command, format: format, count: count)
            print("## Stream: redress \(command), \(format), \(large.inputs) records")
            print(String(format: "  redress \(command) (end to end)%@ %10.0f records/s", String(repeating: " ", count: 12 - command.count), large.classifyRate))
            print(String(format: "  read + parse records only (baseline)     %10.0f records/s", large.readRate))
            print(String(format: "  ratio \(command)/read time: %.2f", large.readRate / large.classifyRate))
            print("  decisions \(large.decisions) + errors \(large.errors) = \(large.decisions + large.errors) of \(large.inputs) inputs: \(large.decisions + large.errors == large.inputs ? "ok" : "MISMATCH")")
            print(String(format: "  peak RSS after %d records: %.1f MB; after %d: %.1f MB (flat memory: growth %.1f MB)\n",
                         small.inputs, small.peakMB, large.inputs, large.peakMB, large.peakMB - small.peakMB))
            guard large.decisions + large.errors == large.inputs else { throw StreamError.lostRecords }
        }
    }

    enum StreamError: Error { case lostRecords }

    struct Result {
        var inputs: Int, decisions: Int, errors: Int, classifyRate: Double, readRate: Double, peakMB: Double
    }

    static func peakMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func generate(command: String, format: String, count: Int) throws -> String {
        let path = NSTemporaryDirectory() + "redress-stream-\(command)-\(count).\(format)"
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? handle.close() }
        let services = ["highways", "waste", "parking", "housing", "adult-social-care", "libraries", "council-tax", "schools"]
        var chunk = format == "csv" ? "id,received,service,categories,channel,text\n" : ""
        for i in 0..<count {
            let day = 1 + i % 28
            let month = 1 + (i / 28) % 12
            let date = "2024-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let service = services[i % services.count]
            if i % 1000 == 999 {
                chunk += format == "csv" ? "X\(i),\(date)\n" : "{\"id\":\"X\(i)\",\"received\":\"\(date)\"\n"
            } else if format == "csv" {
                chunk += "C\(i),\(date),\(service),repairs;delay,web,\"The service was late again, third time\"\n"
            } else if command == "schedule" {
                let responded = "2024-\(month < 10 ? "0" : "")\(month)-28"
                chunk += "{\"id\":\"C\(i)\",\"received\":\"\(date)\",\"service\":\"\(service)\",\"events\":[{\"on\":\"\(date)\",\"event\":\"acknowledged\"},{\"on\":\"\(responded)\",\"event\":\"responded\"},{\"on\":\"\(responded)\",\"event\":\"closed\"}]}\n"
            } else {
                chunk += "{\"id\":\"C\(i)\",\"received\":\"\(date)\",\"service\":\"\(service)\",\"categories\":[\"repairs\"],\"channel\":\"web\",\"text\":\"The service was late again, third time (penalty charge notice? no)\"}\n"
            }
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
        return path
    }

    static func measure(root: String, command: String, format: String, count: Int) throws -> Result {
        let path = try generate(command: command, format: format, count: count)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let counter = LineCounter()
        let console = Console(isTerminal: false, writeOut: { counter.add(out: $0) }, writeError: { counter.add(error: $0) })
        let start = DispatchTime.now().uptimeNanoseconds
        Console.$current.withValue(console) {
            do {
                var parsed = try RedressCommand.parseAsRoot(
                    [command, "--policy", root + "/policies/councils/north-somerset", "--library", root + "/policies", path, "--format", "jsonl"]
                        + (command == "schedule" ? ["--as-of", "2025-01-01"] : []))
                try parsed.run()
            } catch {}
        }
        let classifySeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let readStart = DispatchTime.now().uptimeNanoseconds
        var stream = RecordStream(reader: LineReader(handle: try FileHandle(forReadingFrom: URL(fileURLWithPath: path))), format: format == "csv" ? .csv : .jsonl)
        var read = 0
        while stream.next() != nil { read += 1 }
        let readSeconds = Double(DispatchTime.now().uptimeNanoseconds - readStart) / 1e9
        let (decisions, errors) = counter.counts
        return Result(
            inputs: count, decisions: decisions, errors: errors - (errors > 0 ? 1 : 0) /* the closing summary line */,
            classifyRate: Double(count) / classifySeconds, readRate: Double(read) / readSeconds, peakMB: peakMB())
    }
}

/// Counts output lines without keeping them.
final class LineCounter: Sendable {
    private let state = Mutex<(out: Int, error: Int)>((0, 0))

    static func newlines(_ text: String) -> Int { text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }

    func add(out text: String) { state.withLock { $0.out += Self.newlines(text) } }
    func add(error text: String) { state.withLock { $0.error += Self.newlines(text) } }
    var counts: (Int, Int) { state.withLock { ($0.out, $0.error) } }
}
