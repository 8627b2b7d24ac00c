import Foundation
import RedressCalendar
import RedressEngine
import RedressFormats
import RedressPolicy

/// libFuzzer entry point for the whole batch path, as `classify` and `schedule` run it: the bytes
/// are read as JSON Lines and as CSV, each record decided (or scheduled) by North Somerset's bundled
/// policy and encoded as JSON Lines. Fails when an output line is not valid JSON, when results
/// and error records do not add up to the records read, or when `LineClassifier` (the `classify`
/// fast path for JSON Lines) takes a line the full path rejects or writes other bytes for it.
let library = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("policies").path
let engine: Engine = {
    do {
        return try Engine.load(path: library + "/councils/north-somerset", library: PolicyLibrary(root: library))
    } catch {
        fatalError("the bundled policy must load: \(error)")
    }
}()
let asOf: LocalDate = {
    guard let date = try? LocalDate(iso: "2025-03-31") else { fatalError("a fixed date") }
    return date
}()

/// Every output line must parse as one JSON object.
func requireJSONLines(_ text: String, count: Int, _ what: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    precondition(lines.count == count, "\(what): \(lines.count) output lines for \(count) results")
    for line in lines {
        guard (try? JSONObjectReader.read(Array(line.utf8))) != nil else { fatalError("\(what): not JSON: \(line)") }
    }
}

/// `LineClassifier` takes a line only when the full path decides it, and writes the same bytes;
/// a line it leaves gets no output from it.
func requireSameAsFullPath(_ line: ArraySlice<UInt8>, _ parsed: Result<InputRecord, RecordFailure>, _ lines: inout LineClassifier) {
    var direct: [UInt8] = []
    let took = lines.classify(line, into: &direct)
    guard took else {
        precondition(direct.isEmpty, "the line classifier wrote output for a line it left")
        return
    }
    guard case .success(let record) = parsed, let decision = try? engine.classify(Complaint(record: record)) else {
        fatalError("the line classifier decided a line the full path rejects: \(String(decoding: line, as: UTF8.self))")
    }
    var full: [UInt8] = []
    DecisionEncoder(format: .jsonl).encode(decision, into: &full)
    precondition(direct == full, "line classifier and full path differ:\n\(String(decoding: direct, as: UTF8.self))\(String(decoding: full, as: UTF8.self))")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatchPath(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let path = NSTemporaryDirectory() + "redress-fuzz-batch-\(getpid()).input"
    FileManager.default.createFile(atPath: path, contents: bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    for format in InputFormat.allCases {
        for encoding in InputEncoding.allCases {
            guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
            defer { try? handle.close() }
            var stream = RecordStream(reader: LineReader(handle: handle, maxLineBytes: 4096), format: format)
            stream.encoding = encoding
            let decisions = DecisionEncoder(format: .jsonl)
            let schedules = ScheduleEncoder(format: .jsonl)
            var decided = ""
            var scheduled = ""
            var (records, decisionCount, scheduleCount, failures) = (0, 0, 0, 0)
            var errorLines = ""
            var lines = LineClassifier(engine)
            while let pending = stream.nextPending() {
                records += 1
                let next = pending.parsed()
                if let line = pending.unmappedJSONLine {
                    requireSameAsFullPath(line, next, &lines)
                }
                switch next {
                case .success(let record):
                    do {
                        decided += decisions.encode(try engine.classify(Complaint(record: record), explain: true))
                        decisionCount += 1
                    } catch {
                        errorLines += RecordFailureEncoder.encode(RecordFailure(line: record.line, id: record.id, message: error.message))
                        failures += 1
                    }
                    if let schedule = try? engine.schedule(CaseHistory(record: record), asOf: asOf, dueSoonWithin: 5) {
                        scheduled += schedules.encode(schedule)
                        scheduleCount += 1
                    }
                case .failure(let failure):
                    precondition(failure.line >= 1 && !failure.message.isEmpty, "a failure without a line or message")
                    errorLines += RecordFailureEncoder.encode(failure)
                    failures += 1
                }
            }
            precondition(decisionCount + failures == records, "records lost: \(records) read, \(decisionCount) decided, \(failures) failed")
            requireJSONLines(decided, count: decisionCount, "decisions")
            requireJSONLines(scheduled, count: scheduleCount, "schedules")
            requireJSONLines(errorLines, count: failures, "error records")
        }
    }
    return 0
}
