import Foundation

/// An output file opened for writing in place — created or truncated, never replaced by a rename —
/// so a symbolic link is followed, a FIFO or device is written to, and the path's permissions and
/// owner stay as they were. Writes go through write(2) and throw on failure, naming the file.
final class OutputFile {
    /// Why a write or open failed: the errno and the file's name.
    struct Failure: Error, CustomStringConvertible {
        var code: Int32
        var path: String

        var description: String { "\(path): \(String(cString: strerror(code)))" }
    }

    let path: String
    private let descriptor: Int32

    /// Opens `path` for writing (create or truncate). Refuses a directory.
    init(path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(code: errno, path: path) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// True when both paths name the same existing file (after links), by device and inode.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    func write(_ text: String) throws(Failure) {
        try write(bytes: Array(text.utf8))
    }

    func write(bytes: [UInt8]) throws(Failure) {
        do {
            try Self.writeAll(bytes, to: descriptor)
        } catch {
            throw Failure(code: error.code, path: path)
        }
    }

    /// Writes all bytes, retrying short writes and interruptions.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(code: errno, path: "descriptor \(descriptor)")
            }
            offset += written
        }
    }
}
