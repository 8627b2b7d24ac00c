import ArgumentParser
import Dispatch
import Foundation
import RedressFormats
import Synchronization

/// Where a batch's text goes when it is not standard output: a file that changes only when the
/// run succeeds (`ReplacementFile`: written beside itself and renamed into place, so a run that
/// stops — a bad header, a full disk, Ctrl-C — leaves an existing file byte for byte as it was;
/// links stay links, FIFOs and devices are written directly). A write that fails is remembered;
/// later writes are skipped and `finish` ends the run with exit 2.
///
/// The bytes are written on a thread of their own (`FileWriterThread`), in the order given, so the
/// thread that reads and encodes never waits for the kernel or the disk.
final class OutputSink {
    let path: String
    private let writer: FileWriterThread

    init(path: String) throws(FileFailure) {
        self.path = path
        writer = FileWriterThread(try ReplacementFile(path: path))
    }

    deinit {
        // A run that ends without `commit()` (an error) leaves the old file as it was; what is
        // still queued is not written.
        writer.finish(discarding: true)?.file.abandon()
    }

    func write(_ bytes: [UInt8]) {
        writer.write(bytes)
    }

    /// Puts the file in place, or ends the run (exit 2) leaving the old one untouched.
    func commit() throws(ExitCode) {
        guard let (file, failure) = writer.finish() else { return }
        if let failure {
            file.abandon()
            throw couldNotRun("cannot write \(failure)")
        }
        do {
            try file.commit()
        } catch {
            throw couldNotRun("cannot write \(error)")
        }
    }

    /// True when both paths name the same existing file (after links), by device and inode.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// Writes all bytes to a descriptor, retrying short writes and interruptions.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(FileFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileFailure(path: "descriptor \(descriptor)", code: errno)
            }
            offset += written
        }
    }
}

/// Writes pieces of bytes to a file on a thread of its own, strictly in the order they were
/// given. At most `limit` pieces wait (a caller that gets ahead waits for room), so memory stays
/// bounded whatever the output's size. The first failure is kept and later pieces are dropped.
///
/// The file is used only by the writing thread from `init` until `finish()` returns it, which is
/// after that thread has ended: one thread at a time, handed over through the semaphores.
private final class FileWriterThread: @unchecked Sendable {
    private struct Queue {
        var pieces: [[UInt8]] = []
        var closed = false
        var discarding = false
        var failure: FileFailure?
    }

    private let file: ReplacementFile
    private let queue = Mutex(Queue())
    private let waiting = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore
    private let ended = DispatchSemaphore(value: 0)
    private var finished = false

    init(_ file: ReplacementFile, limit: Int = 16) {
        self.file = file
        room = DispatchSemaphore(value: limit)
        let thread = Thread { [self] in run() }
        thread.name = "redress-output-writer"
        thread.start()
    }

    /// Queues `bytes`; waits while `limit` pieces are already waiting.
    func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        room.wait()
        queue.withLock { $0.pieces.append(bytes) }
        waiting.signal()
    }

    /// Waits until every queued piece is written (or dropped after a failure, or when
    /// `discarding`), ends the thread and hands back the file with the first failure. Nil when
    /// already finished.
    func finish(discarding: Bool = false) -> (file: ReplacementFile, failure: FileFailure?)? {
        guard !finished else { return nil }
        finished = true
        queue.withLock { queue in
            queue.closed = true
            queue.discarding = discarding
        }
        waiting.signal()
        ended.wait()
        return (file, queue.withLock { $0.failure })
    }

    private enum Next {
        case write([UInt8])
        case drop
        case end
        case nothing
    }

    /// One signal of `waiting` per piece, then one for the close: the pieces come out first.
    private func run() {
        while true {
            waiting.wait()
            let next = queue.withLock { queue -> Next in
                guard !queue.pieces.isEmpty else { return queue.closed ? .end : .nothing }
                let piece = queue.pieces.removeFirst()
                return queue.failure == nil && !queue.discarding ? .write(piece) : .drop
            }
            switch next {
            case .end:
                ended.signal()
                return
            case .nothing: break
            case .drop:
                room.signal()
            case .write(let piece):
                room.signal()
                do {
                    try file.write(piece)
                } catch {
                    queue.withLock { $0.failure = error }
                }
            }
        }
    }
}
