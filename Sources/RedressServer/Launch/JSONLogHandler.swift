import Foundation
import Glibc
import Logging
import RedressDiagnostics
import RedressRecords
import Synchronization

/// swift-log to standard error as one JSON object per line (`time`, `level`, `message`, `label`
/// and the metadata as strings), for journald, Loki or any log shipper. Complaint content is never
/// logged at any level: handlers log ids, councils, routes, statuses and durations only.
///
/// Lines go through `LogWriter`, so a slow reader of standard error never holds up a request.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    private var fields: Logger.Metadata = [:]
    /// Hummingbird gives every request's logger its id: kept apart from the other fields, so that
    /// setting it does not copy their dictionary on every request.
    private var requestID: Logger.Metadata.Value?
    static let requestIDKey = "hb.request.id"
    private let label: String
    private let writer: LogWriter

    public init(label: String, level: Logger.Level, writer: LogWriter = .standardError) {
        self.label = label
        self.logLevel = level
        self.writer = writer
    }

    public var metadata: Logger.Metadata {
        get {
            var all = fields
            if let requestID { all[Self.requestIDKey] = requestID }
            return all
        }
        set {
            fields = newValue
            requestID = fields.removeValue(forKey: Self.requestIDKey)
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { key == Self.requestIDKey ? requestID : fields[key] }
        set {
            if key == Self.requestIDKey { requestID = newValue } else { fields[key] = newValue }
        }
    }

    public func log(event: LogEvent) {
        var line: [(String, String?)] = [
            ("time", JSONText.quoted(NewRecord.timestamp(Date()))), ("level", JSONText.quoted(event.level.rawValue)),
            ("message", JSONText.quoted(event.message.description)), ("label", JSONText.quoted(label)),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line.append((key == Self.requestIDKey ? "request_id" : key, JSONText.quoted(value.description)))
        }
        writer.write(JSONText.object(line) + "\n")
    }
}

/// Writes log lines to a descriptor on a thread of its own, from a bounded queue: a request never
/// waits for a slow log reader. When the queue is full (the reader has stalled), lines are dropped
/// and a line saying how many is written once the reader catches up.
public final class LogWriter: Sendable {
    struct Queue {
        var lines: [String] = []
        var dropped = 0
    }

    public static let standardError = LogWriter(descriptor: STDERR_FILENO)

    private let descriptor: Int32
    private let queue = Mutex(Queue())
    private let ready = DispatchSemaphore(value: 0)
    private let limit = 10_000

    init(descriptor: Int32) {
        self.descriptor = descriptor
        let thread = Thread { [self] in drain() }
        thread.name = "redress-log-writer"
        thread.start()
    }

    func write(_ line: String) {
        let added = queue.withLock { queue in
            guard queue.lines.count < limit else {
                queue.dropped += 1
                return false
            }
            queue.lines.append(line)
            return true
        }
        if added { ready.signal() }
    }

    /// Waits (briefly) for the queue to empty, so the last lines are not lost at exit.
    public func flush(timeout: Double = 2) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, queue.withLock({ !$0.lines.isEmpty }) { usleep(5_000) }
    }

    private func drain() {
        while true {
            ready.wait()
            let (lines, dropped) = queue.withLock { queue in
                defer {
                    queue.lines = []
                    queue.dropped = 0
                }
                return (queue.lines, queue.dropped)
            }
            var text = lines.joined()
            if dropped > 0 {
                text += "{\"level\":\"warning\",\"message\":\"log lines dropped: the log reader was too slow\",\"dropped\":\"\(dropped)\"}\n"
            }
            writeAll(Array(text.utf8))
        }
    }

    private func writeAll(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
