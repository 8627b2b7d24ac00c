import Foundation
import Logging
import RedressRecords

/// The records store alone: `writers` tasks each appending batches of `batch` records of the size
/// the service writes, for `seconds`; prints records/s. Separates the store's own cost from the
/// service's when the service benchmark shows a store falling short.
///
///     RedressBenchmarks records --store sqlite:PATH|postgres://… [--writers 8] [--batch 100] [--seconds 5]
enum StoreBenchmark {
    static func run(_ arguments: [String]) async throws {
        var store = "", writers = 8, batchSize = 100, seconds = 5.0
        var remaining = arguments[...]
        while let name = remaining.popFirst(), let value = remaining.popFirst() {
            switch name {
            case "--store": store = value
            case "--writers": writers = Int(value) ?? writers
            case "--batch": batchSize = Int(value) ?? batchSize
            case "--seconds": seconds = Double(value) ?? seconds
            default: FileHandle.standardError.write(Data("unknown option \(name)\n".utf8))
            }
        }
        var logger = Logger(label: "redress-benchmark")
        logger.logLevel = .warning
        let opened = try await RecordStores.open(store.hasPrefix("sqlite:") ? String(store.dropFirst("sqlite:".count)) : store, logger: logger)
        let input = #"{"id":"LOAD-1","received":"2024-12-20T10:15:00","service":"highways","channel":"web","text":"Pothole on Elm Road not repaired"}"#
        let result = String(repeating: "r", count: 700)
        let batch = batchSize
        let deadline = Date().addingTimeInterval(seconds)
        let start = Date()
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var written = 0
                    while Date() < deadline {
                        let records = (0..<batch).map { index in
                            NewRecord(
                                time: NewRecord.timestamp(Date()), requestID: "w\(writer)-\(written + index)", caller: "key:benchmark", council: "north-somerset",
                                kind: .classify, subject: "LOAD-\(index)", policyVersion: "2024-01", policyDigest: "sha256:" + String(repeating: "0", count: 64),
                                input: input, result: "{\"x\":\"\(result)\"}")
                        }
                        try await opened.append(records)
                        written += batch
                    }
                    return written
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = Date().timeIntervalSince(start)
        await opened.close()
        print(String(format: "%.0f records/s (%d writers × batches of %d, %.1f s)", Double(total) / elapsed, writers, batch, elapsed))
    }
}
