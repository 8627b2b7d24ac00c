import Foundation
import Glibc
import RedressEngine

/// Reads a file or standard input one line at a time in constant memory (a fixed read buffer),
/// counting lines. Handles LF and CRLF; a line longer than `maxLineBytes` is reported, not held.
public struct LineReader {
    public static let defaultMaxLineBytes = 1 << 20

    private let handle: FileHandle
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEOF = false
    public private(set) var lineNumber = 0
    /// Why reading stopped early (a directory, an I/O error), if it did; the lines before it were
    /// returned, and the caller must report it.
    public private(set) var readFailure: String?

    public init(handle: FileHandle, maxLineBytes: Int = defaultMaxLineBytes) {
        self.handle = handle
        self.maxLineBytes = maxLineBytes
    }

    public enum Line {
        case text(ArraySlice<UInt8>)
        /// The line was longer than the limit; its bytes were skipped.
        case tooLong(Int)
    }

    /// The index of the first line feed at or after `start` (`memchr`: the reader's inner loop).
    private static func newline(in buffer: [UInt8], from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, start < bytes.count,
                let found = memchr(base + start, 0x0A, bytes.count - start)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Reads more bytes straight from the descriptor into a new buffer that starts with the part
    /// of a line not yet returned. A new buffer each time: the lines already returned may still be
    /// held (as slices of the old one), and the kernel writes into the new one directly, with no
    /// `Data` or copy between. At least `readSize` bytes are asked for, and as many as are kept (up
    /// to the line limit), so a long line is copied a few times, not once per read, and a line over
    /// the limit is still found before the reader holds much more than the limit.
    private mutating func refill() {
        enum Outcome {
            case read
            case end
            case failed(Int32)
        }
        let kept = buffer[start...]
        let wanted = max(Self.readSize, min(kept.count, maxLineBytes - kept.count))
        var outcome = Outcome.read
        let descriptor = handle.fileDescriptor
        buffer = [UInt8](unsafeUninitializedCapacity: kept.count + wanted) { memory, count in
            count = 0
            guard let base = memory.baseAddress else { return }
            kept.withUnsafeBufferPointer { if let from = $0.baseAddress { base.initialize(from: from, count: kept.count) } }
            count = kept.count
            while true {
                let read = Glibc.read(descriptor, base + kept.count, wanted)
                if read > 0 {
                    count += read
                    return
                }
                if read == 0 {
                    outcome = .end
                    return
                }
                // A signal interrupting the read is not a failure: read again.
                if errno != EINTR {
                    outcome = .failed(errno)
                    return
                }
            }
        }
        start = 0
        switch outcome {
        case .read: break
        case .end: atEOF = true
        case .failed(let code):
            readFailure = String(cString: strerror(code))
            atEOF = true
        }
    }

    static let readSize = 1 << 16

    /// The next line without its line break, or nil at the end of input.
    /// Lines are slices of the reader's buffer; a caller may keep them (the buffer is copied, not
    /// overwritten, while a line still refers to it).
    public mutating func next() -> Line? {
        var skipped = 0
        while true {
            if let newline = Self.newline(in: buffer, from: start) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = buffer[start..<end]
                start = newline + 1
                lineNumber += 1
                if skipped > 0 { return .tooLong(skipped + line.count) }
                return .text(line)
            }
            if atEOF {
                guard start < buffer.count else {
                    if skipped > 0 { lineNumber += 1; return .tooLong(skipped) }
                    return nil
                }
                var line = buffer[start...]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                start = buffer.count
                lineNumber += 1
                if skipped > 0 { return .tooLong(skipped + line.count) }
                return .text(line)
            }
            if buffer.count - start > maxLineBytes {
                skipped += buffer.count - start
                start = buffer.count
            }
            refill()
        }
    }
}
