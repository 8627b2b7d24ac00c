import Foundation
import Glibc
import Logging
import RedressDiagnostics
import RedressRecords
import Synchronization

/// swift-log to standard error as one JSON object per line (`time`, `level`, `message`, `label`
/// and the metadata as strings), for journald, Loki or any log shipper. Complaint content is never
/// logged at info: handlers log ids, councils, routes, statuses and durations only.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private static let lock = Mutex(())

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [(String, String?)] = [
            ("time", JSONText.quoted(NewRecord.timestamp(Date()))), ("level", JSONText.quoted(event.level.rawValue)),
            ("message", JSONText.quoted(event.message.description)), ("label", JSONText.quoted(label)),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            fields.append((key == "hb.request.id" ? "request_id" : key, JSONText.quoted(value.description)))
        }
        let line = Array((JSONText.object(fields) + "\n").utf8)
        Self.lock.withLock { _ in
            var offset = 0
            while offset < line.count {
                let written = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress.map { $0 + offset }, line.count - offset) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
