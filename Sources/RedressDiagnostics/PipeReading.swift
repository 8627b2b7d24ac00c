import Foundation

/// Reads a pipe to its end with read(2), retrying when a signal interrupts it. Foundation's
/// `readDataToEndOfFile()` traps on EINTR, which a child process' SIGCHLD can cause.
public enum PipeReading {
    public static func readAll(_ handle: FileHandle) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                return data
            }
        }
    }
}
