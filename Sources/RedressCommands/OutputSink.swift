import ArgumentParser
import Foundation
import RedressFormats

/// Where a batch's text goes when it is not standard output: a file that changes only when the
/// run succeeds (`ReplacementFile`: written beside itself and renamed into place, so a run that
/// stops — a bad header, a full disk, Ctrl-C — leaves an existing file byte for byte as it was;
/// links stay links, FIFOs and devices are written directly). A write that fails is remembered;
/// later writes are skipped and `finish` ends the run with exit 2.
final class OutputSink {
    let path: String
    private let file: ReplacementFile
    private(set) var failure: FileFailure?

    init(path: String) throws(FileFailure) {
        self.path = path
        file = try ReplacementFile(path: path)
    }

    func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        do {
            try file.write(bytes)
        } catch {
            failure = error
        }
    }

    /// Puts the file in place, or ends the run (exit 2) leaving the old one untouched.
    func commit() throws(ExitCode) {
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
