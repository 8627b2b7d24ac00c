import RedressCalendar
import RedressDiagnostics
import RedressEngine

/// Appends UTF-8 output to a byte buffer: the fast path for writing millions of records.
struct ByteWriter: ByteOutput {
    var bytes: [UInt8]

    @inline(__always) mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    @inline(__always) mutating func bytes(_ values: [UInt8]) {
        bytes.append(contentsOf: values)
    }

    @inline(__always) mutating func bytes(_ values: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: values)
    }

    @inline(__always) mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A JSON string literal (`JSONText.appendQuoted`, the one escaper).
    @inline(__always) mutating func quoted(_ text: String) {
        JSONText.appendQuoted(text, to: &bytes)
    }

    /// A string known to need no escapes, in quotes.
    mutating func quotedPlain(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        raw(text)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A constant known to need no escapes, in quotes.
    mutating func quotedPlain(_ text: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(text)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func quoted(_ text: String?) {
        if let text { quoted(text) } else { raw("null") }
    }

    /// `"2024-12-20"` or `null`.
    mutating func date(_ date: LocalDate?) {
        guard let date else { return raw("null") }
        bytes.append(UInt8(ascii: "\""))
        plainDate(date)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `2024-12-20`, or nothing (a CSV cell): written by `LocalDate.writeISO`, appended in one piece.
    mutating func plainDate(_ date: LocalDate?) {
        guard let date else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { memory in
            guard let base = memory.baseAddress else { return }
            date.writeISO(to: base)
            bytes.append(contentsOf: UnsafeBufferPointer(memory))
        }
    }

    /// A CSV cell as `CSVRecordParser.quote` writes it.
    mutating func csvCell(_ text: String) {
        CSVRecordParser.appendQuoted(text, to: &bytes)
    }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    /// A JSON array of strings.
    mutating func strings(_ values: [String]) {
        raw("[")
        items(values)
        raw("]")
    }

    /// Strings, quoted and joined by commas (an array's inside).
    mutating func items(_ values: [String]) {
        for (index, value) in values.enumerated() {
            if index > 0 { raw(",") }
            quoted(value)
        }
    }
}
