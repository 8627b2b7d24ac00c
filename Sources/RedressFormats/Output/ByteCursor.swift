import RedressCalendar

/// What the pieces of a JSON Lines decision are written through: a growing array (`ByteWriter`,
/// the full path) or memory sized beforehand (`ByteCursor`, the byte path), so that the layouts
/// both share (`DecisionEncoder.dates`, `EncodedOutcome.writeFlags`) are written once.
protocol ByteOutput {
    mutating func raw(_ text: StaticString)
    mutating func byte(_ value: UInt8)
    mutating func bytes(_ values: [UInt8])
    mutating func bytes(_ values: UnsafeBufferPointer<UInt8>)
    /// `"2024-12-20"` or `null`.
    mutating func date(_ date: LocalDate?)
    mutating func bool(_ value: Bool)
    /// A string known to need no escapes, in quotes.
    mutating func quotedPlain(_ text: String)
}

/// Writes bytes into memory sized beforehand, moving a position: how `LineClassifier` puts a JSON
/// Lines decision together before copying it into the output in one piece, instead of growing the
/// output array piece by piece (each growth checks the array's uniqueness and capacity, about a
/// hundred instructions, against about a dozen here). The memory must hold the most the writes can
/// need; every write checks that it does, and stops the program rather than write past it.
struct ByteCursor: ByteOutput {
    private let memory: UnsafeMutableBufferPointer<UInt8>
    private var position = 0

    init(_ memory: UnsafeMutableBufferPointer<UInt8>) {
        self.memory = memory
    }

    /// What was written so far.
    var written: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: memory[..<position])
    }

    /// Where the next `count` bytes go; the position moves past them.
    @inline(__always) private mutating func take(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        guard let base = memory.baseAddress, count <= memory.count - position else {
            preconditionFailure("ByteCursor: \(count) more bytes than the memory sized for this record holds")
        }
        defer { position += count }
        return base + position
    }

    @inline(__always) mutating func raw(_ text: StaticString) {
        let count = text.utf8CodeUnitCount
        take(count).update(from: text.utf8Start, count: count)
    }

    @inline(__always) mutating func byte(_ value: UInt8) {
        take(1).pointee = value
    }

    @inline(__always) mutating func bytes(_ values: UnsafeBufferPointer<UInt8>) {
        guard let source = values.baseAddress, !values.isEmpty else { return }
        take(values.count).update(from: source, count: values.count)
    }

    /// `count` spaces (none when `count` is not positive).
    mutating func spaces(_ count: Int) {
        guard count > 0 else { return }
        take(count).initialize(repeating: UInt8(ascii: " "), count: count)
    }

    @inline(__always) mutating func bytes(_ values: [UInt8]) {
        values.withUnsafeBufferPointer { bytes($0) }
    }

    mutating func date(_ date: LocalDate?) {
        guard let date else { return raw("null") }
        let out = take(12)
        out[0] = UInt8(ascii: "\"")
        date.writeISO(to: out + 1)
        out[11] = UInt8(ascii: "\"")
    }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    mutating func quotedPlain(_ text: String) {
        var text = text
        byte(UInt8(ascii: "\""))
        text.withUTF8 { bytes($0) }
        byte(UInt8(ascii: "\""))
    }
}
