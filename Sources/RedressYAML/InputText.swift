import RedressDiagnostics

/// The raw bytes of an input, checked as UTF-8 and mapped between byte offsets and positions.
struct InputText {
    let bytes: [UInt8]
    /// The text when the bytes are valid UTF-8 (validated once, by the standard library).
    let validText: String?

    init(bytes: [UInt8]) {
        self.bytes = bytes
        validText = String(validating: bytes, as: UTF8.self)
    }

    /// Byte offset of each line's first byte: only needed to place an error, so built on demand.
    private var lineStarts: [Int] {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        return starts
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence, if any.
    func firstInvalidUTF8Offset() -> Int? {
        if validText != nil { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    func location(ofByte offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let lineStarts = self.lineStarts
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        let lineStart = lineStarts[low]
        // Count scalars, not bytes: continuation bytes (10xxxxxx) do not start a column.
        var column = 1
        var index = lineStart
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    /// The text, with any invalid bytes replaced, for quoting in diagnostics.
    var text: String { validText ?? String(decoding: bytes, as: UTF8.self) }
}
