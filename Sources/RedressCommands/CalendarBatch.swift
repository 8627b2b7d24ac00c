import ArgumentParser
import Foundation
import RedressCalendar
import RedressEngine
import RedressFormats

/// `redress calendar add --dates FILE`: many `DATE N` questions in one run, so each costs the
/// calendar's arithmetic rather than a process start.
struct CalendarBatch {
    let calendar: WorkingDayCalendar

    func run(path: String) throws(ExitCode) {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else { throw couldNotRun("cannot read \(path)") }
            handle = opened
        }
        var reader = LineReader(handle: handle)
        var output = BufferedOutput(write: Console.out)
        var errors = BufferedOutput(write: Console.error)
        var failed = 0
        while let line = reader.next() {
            let number = reader.lineNumber
            guard case .text(let bytes) = line else {
                errors.append(RecordFailureEncoder.encode(RecordFailure(line: number, id: nil, message: "line too long")))
                failed += 1
                continue
            }
            switch answer(bytes) {
            case .success(let text?): output.append(text)
            case .success(nil): continue
            case .failure(let error):
                errors.append(RecordFailureEncoder.encode(RecordFailure(line: number, id: nil, message: error.message)))
                failed += 1
            }
        }
        output.flush()
        errors.flush()
        if let problem = reader.readFailure { throw couldNotRun("cannot read \(path): \(problem)") }
        if failed > 0 {
            Console.error("redress: \(failed) line\(failed == 1 ? "" : "s") failed\n")
            throw ExitCode(ExitStatus.invalid)
        }
    }

    /// `DATE N RESULT[ projected]\n` for one line; nil for a blank line.
    func answer(_ bytes: ArraySlice<UInt8>) -> Result<String?, RecordError> {
        let parts = bytes.split { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ",") || $0 == 0x0D }
        if parts.isEmpty { return .success(nil) }
        guard parts.count == 2 else { return .failure(RecordError("expected `DATE N`, found \(parts.count) value\(parts.count == 1 ? "" : "s")")) }
        let dateText = String(decoding: parts[0], as: UTF8.self)
        let daysText = String(decoding: parts[1], as: UTF8.self)
        guard let days = Int(daysText), abs(days) <= 100_000 else { return .failure(RecordError("`\(daysText)` is not a whole number of days")) }
        do {
            let start = try LocalDate(iso: dateText)
            let result = try calendar.adding(workingDays: days, to: start)
            return .success("\(dateText) \(days) \(result)\(calendar.isProjected(max(start, result)) ? " projected" : "")\n")
        } catch let error as DateError {
            return .failure(RecordError("\(error)"))
        } catch {
            return .failure(RecordError("\(error)"))
        }
    }
}
