import Foundation

/// `--decision-log FILE`: one JSON line per decision — time, request id, council, policy version
/// and digest, the input and the decision — so a council can show later why a date was given.
/// Appended with write(2); when the file passes `maxBytes` it becomes `FILE.1` (older ones shift
/// up to `FILE.<keep>`, the oldest is dropped) and a new `FILE` is started.
public actor DecisionLog {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public nonisolated let path: String
    public nonisolated let maxBytes: Int
    public nonisolated let keep: Int
    private var descriptor: Int32
    private var size: Int

    public init(path: String, maxBytes: Int = 64 << 20, keep: Int = 5) throws(Failure) {
        self.path = path
        self.maxBytes = maxBytes
        self.keep = max(1, keep)
        (descriptor, size) = try Self.open(path)
    }

    deinit { close(descriptor) }

    static func open(_ path: String) throws(Failure) -> (Int32, Int) {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw Failure(description: "cannot open the decision log \(path): \(String(cString: strerror(errno)))") }
        var status = stat()
        fstat(descriptor, &status)
        return (descriptor, Int(status.st_size))
    }

    /// Appends whole lines; throws when they cannot be written (the caller must not answer as if
    /// the decision were recorded).
    public func append(_ lines: String) throws(Failure) {
        guard !lines.isEmpty else { return }
        if size >= maxBytes { try rotate() }
        var bytes = Array(lines.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot write the decision log \(path): \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
            size += written
        }
    }

    private func rotate() throws(Failure) {
        close(descriptor)
        unlink("\(path).\(keep)")
        for index in stride(from: keep - 1, through: 1, by: -1) { rename("\(path).\(index)", "\(path).\(index + 1)") }
        rename(path, "\(path).1")
        (descriptor, size) = try Self.open(path)
    }
}
