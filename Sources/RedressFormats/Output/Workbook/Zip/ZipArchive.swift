import Glibc

/// Writes finished parts as a zip archive (PKWARE APPNOTE 6.3: local headers, deflated data, the
/// central directory and its end record), UTF-8 names, a fixed timestamp so the same content gives
/// the same bytes. An archive or part of 4 GiB or more is refused (no ZIP64): a worksheet is
/// limited to 1,048,576 rows long before that.
enum ZipArchive {
    static func write(_ parts: [DeflatedPart], to file: ReplacementFile) throws(FileFailure) {
        var offset: UInt64 = 0
        var directory: [UInt8] = []
        for part in parts {
            try part.finish()
            guard part.compressedSize < UInt64(UInt32.max), part.uncompressedSize < UInt64(UInt32.max), offset < UInt64(UInt32.max) else {
                throw FileFailure(path: file.path, code: EFBIG)
            }
            let name = Array(part.name.utf8)
            var local: [UInt8] = []
            local.little(UInt32(0x0403_4b50))
            local.entryFields(part, nameLength: name.count)
            local.append(contentsOf: name)
            try file.write(local)

            directory.little(UInt32(0x0201_4b50))
            directory.little(UInt16(20))  // version made by: 2.0
            directory.entryFields(part, nameLength: name.count)
            directory.little(UInt16(0))  // comment length
            directory.little(UInt16(0))  // disk number
            directory.little(UInt16(0))  // internal attributes
            directory.little(UInt32(0))  // external attributes
            directory.little(UInt32(offset))
            directory.append(contentsOf: name)

            try part.forEachCompressedPiece { (piece) throws(FileFailure) in try file.write(piece) }
            offset += UInt64(local.count) + part.compressedSize
        }
        guard offset + UInt64(directory.count) < UInt64(UInt32.max), parts.count < Int(UInt16.max) else {
            throw FileFailure(path: file.path, code: EFBIG)
        }
        var end: [UInt8] = []
        end.little(UInt32(0x0605_4b50))
        end.little(UInt16(0))
        end.little(UInt16(0))
        end.little(UInt16(parts.count))
        end.little(UInt16(parts.count))
        end.little(UInt32(directory.count))
        end.little(UInt32(offset))
        end.little(UInt16(0))
        try file.write(directory + end)
    }
}

extension [UInt8] {
    mutating func little(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func little(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// The fields a local header and a central directory entry share, from "version needed" to
    /// "extra field length".
    mutating func entryFields(_ part: DeflatedPart, nameLength: Int) {
        little(UInt16(20))  // version needed: 2.0 (deflate)
        little(UInt16(0x0800))  // flags: names are UTF-8
        little(UInt16(8))  // method: deflate
        little(UInt16(0))  // time 00:00
        little(UInt16(0x0021))  // date 1980-01-01
        little(part.crc)
        little(UInt32(part.compressedSize))
        little(UInt32(part.uncompressedSize))
        little(UInt16(nameLength))
        little(UInt16(0))  // extra field length
    }
}
