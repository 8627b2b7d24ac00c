import Foundation
import RedressEngine
import RedressFormats

/// libFuzzer entry point for the record readers: the bytes are read as a JSON Lines file and as a
/// CSV file; every record must become a complaint, case or contact, or a failure with its line —
/// never a crash, and never a lost record.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzComplaintReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let path = NSTemporaryDirectory() + "redress-fuzz-\(getpid()).input"
    FileManager.default.createFile(atPath: path, contents: bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    for format in InputFormat.allCases {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        var stream = RecordStream(reader: LineReader(handle: handle, maxLineBytes: 4096), format: format)
        var lastLine = 0
        while let next = stream.next() {
            switch next {
            case .success(let record):
                precondition(record.line > lastLine || format == .csv, "records out of order")
                lastLine = record.line
                _ = try? Complaint(record: record)
                _ = try? CaseHistory(record: record)
                _ = try? ContactRecord(record: record)
            case .failure(let failure):
                precondition(failure.line >= 1 && !failure.message.isEmpty, "a failure without a line or message")
            }
        }
        try? handle.close()
    }
    return 0
}
