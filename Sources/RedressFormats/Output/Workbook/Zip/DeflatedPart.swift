import CZlib
import Glibc

/// One part of a zip archive being written: its bytes deflated (raw RFC 1951, as zip stores them)
/// as they arrive, into a temporary file that has no name (removed when the part is dropped, even
/// if the process dies), with the CRC-32 and length of what went in. Memory stays flat however
/// large the part grows.
final class DeflatedPart {
    let name: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let spill: SpillFile
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private(set) var crc: UInt32 = 0
    private(set) var uncompressedSize: UInt64 = 0
    private(set) var compressedSize: UInt64 = 0
    private var finished = false

    /// `level` is zlib's 1 (fastest) to 9 (smallest).
    init(name: String, level: Int32 = 1) throws(FileFailure) {
        self.name = name
        spill = try SpillFile()
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // windowBits -15: raw deflate, no zlib header or trailer (the zip entry holds the CRC).
        let status = deflateInit2_(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw FileFailure(path: "zlib", code: ENOMEM)
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    func append(_ bytes: [UInt8]) throws(FileFailure) {
        try bytes.withUnsafeBytes { buffer in Result { () throws(FileFailure) in try append(buffer) } }.get()
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws(FileFailure) {
        guard !bytes.isEmpty, let base = bytes.baseAddress else { return }
        crc = UInt32(crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
        uncompressedSize += UInt64(bytes.count)
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        try deflateAll(flush: Z_NO_FLUSH)
    }

    /// Ends the deflate stream; the part is then ready to be copied into the archive.
    func finish() throws(FileFailure) {
        guard !finished else { return }
        finished = true
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        try deflateAll(flush: Z_FINISH)
    }

    private func deflateAll(flush: Int32) throws(FileFailure) {
        while true {
            let produced = output.withUnsafeMutableBytes { buffer -> (Int32, Int) in
                stream.pointee.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(buffer.count)
                let status = deflate(stream, flush)
                return (status, buffer.count - Int(stream.pointee.avail_out))
            }
            if produced.1 > 0 {
                try output.withUnsafeBytes { buffer in
                    Result { () throws(FileFailure) in try spill.write(UnsafeRawBufferPointer(rebasing: buffer[..<produced.1])) }
                }.get()
                compressedSize += UInt64(produced.1)
            }
            if flush == Z_FINISH {
                if produced.0 == Z_STREAM_END { return }
            } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 {
                return
            }
            guard produced.0 == Z_OK || produced.0 == Z_BUF_ERROR else { throw FileFailure(path: "zlib", code: EIO) }
        }
    }

    /// Hands the compressed bytes to `body`, in pieces, from the start.
    func forEachCompressedPiece(_ body: (UnsafeRawBufferPointer) throws(FileFailure) -> Void) throws(FileFailure) {
        try spill.readAll(body)
    }
}

/// A temporary file with no name in the temporary folder (`TMPDIR`, else `/tmp`): written, then
/// read back from the start. Nothing is left behind when it closes or the process ends.
final class SpillFile {
    private let descriptor: Int32

    init() throws(FileFailure) {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var descriptor = open(folder, ReplacementFile.unnamedFile | O_RDWR | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            let named = try ReplacementFile.temporaryFile(prefix: folder + "/redress-spill-", reporting: folder)
            descriptor = named.descriptor
            unlink(named.name)
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    func write(_ bytes: UnsafeRawBufferPointer) throws(FileFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileFailure(path: "a temporary file", code: errno)
            }
            offset += written
        }
    }

    func readAll(_ body: (UnsafeRawBufferPointer) throws(FileFailure) -> Void) throws(FileFailure) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileFailure(path: "a temporary file", code: errno)
            }
            if count == 0 { return }
            offset += off_t(count)
            try buffer.withUnsafeBytes { all in Result { () throws(FileFailure) in try body(UnsafeRawBufferPointer(rebasing: all[..<count])) } }.get()
        }
    }
}
