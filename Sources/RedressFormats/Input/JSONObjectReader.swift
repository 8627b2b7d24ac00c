import RedressEngine

extension RecordField {
    /// Writes the source text (without making it a String when it is a plain string).
    func writeRaw(_ writer: inout ByteWriter) {
        if storedRaw == nil, case .string(let text) = value { return writer.quotedPlain(text) }
        writer.raw(rawJSON)
    }
}

/// Reads one JSON object (a JSON Lines record) from UTF-8 bytes. Strict: one object, no trailing
/// text, depth and size bounded, duplicate field names refused.
public struct JSONObjectReader {
    static let maxDepth = 32

    /// The record's bytes, read in place (no bounds or uniqueness checks through the array).
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    public static func read(_ bytes: [UInt8]) throws(RecordError) -> [RecordField] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(RecordError) in
            var reader = JSONObjectReader(bytes: buffer)
            reader.skipWhitespace()
            guard reader.peek == UInt8(ascii: "{") else { throw RecordError("expected a JSON object") }
            let fields = try reader.object()
            reader.skipWhitespace()
            guard reader.index == buffer.count else { throw RecordError("unexpected text after the JSON object at byte \(reader.index + 1)") }
            return fields
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The bytes in `range` as text (invalid UTF-8 repaired, as everywhere in the reader).
    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(RecordError) {
        guard peek == byte else {
            throw RecordError("expected `\(Character(Unicode.Scalar(byte)))` at byte \(index + 1)")
        }
        index += 1
    }

    private mutating func object() throws(RecordError) -> [RecordField] {
        try expect(UInt8(ascii: "{"))
        var fields: [RecordField] = []
        fields.reserveCapacity(12)
        // Duplicate names are found with a set once a record has more than a few fields, so a line
        // with many keys is read in linear time.
        var names: Set<String> = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") { index += 1; return fields }
        while true {
            skipWhitespace()
            let name = try string()
            let duplicate: Bool
            if fields.count < 16 {
                // Names of other lengths are told apart without comparing them.
                duplicate = fields.contains { $0.name.utf8.count == name.utf8.count && $0.name == name }
            } else {
                // Past sixteen, a set of every name so far, made once and then added to.
                if names.isEmpty { names = Set(fields.map(\.name)) }
                duplicate = !names.insert(name).inserted
            }
            if duplicate { throw RecordError("field `\(name)` appears twice") }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            if peek == UInt8(ascii: "\""), let plain = plainString() {
                fields.append(RecordField(name: name, plainString: plain))
            } else {
                let start = index
                let value = try value(depth: 1)
                fields.append(RecordField(name: name, value: value, rawJSON: text(start..<index)))
            }
            skipWhitespace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "}"))
            return fields
        }
    }

    private mutating func value(depth: Int) throws(RecordError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw RecordError("JSON nested deeper than \(Self.maxDepth) levels") }
        guard let byte = peek else { throw RecordError("unexpected end of the record") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"):
            let start = index
            try skipNested(depth: depth)
            return .object(raw: text(start..<index))
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if peek == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .array(items)
            }
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            let start = index
            guard number() else { throw RecordError("invalid JSON value at byte \(start + 1)") }
            return .number(text(start..<index))
        }
    }

    /// Reads a number exactly as RFC 8259 writes one — `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    /// — so `+1`, `.5`, `01` and `1.` are refused rather than copied into the output.
    private mutating func number() -> Bool {
        func digits() -> Int {
            let start = index
            while let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        // A digit straight after a leading zero (`01`) is not a number.
        if let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { return false }
        return true
    }

    private mutating func literal(_ word: StaticString) throws(RecordError) {
        let start = index
        for byte in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard peek == byte else { throw RecordError("invalid JSON value at byte \(start + 1)") }
            index += 1
        }
    }

    /// Skips an object or array, checking its structure.
    private mutating func skipNested(depth: Int) throws(RecordError) {
        if peek == UInt8(ascii: "{") {
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipWhitespace()
                try skipString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "}"))
                return
            }
        }
        try skipValue(depth: depth)
    }

    /// Checks one value exactly as `value(depth:)` reads it (the same errors at the same bytes),
    /// making nothing of it: the inside of a nested object is kept as its text.
    private mutating func skipValue(depth: Int) throws(RecordError) {
        guard depth <= Self.maxDepth else { throw RecordError("JSON nested deeper than \(Self.maxDepth) levels") }
        guard let byte = peek else { throw RecordError("unexpected end of the record") }
        switch byte {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"): try skipNested(depth: depth)
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") { index += 1; return }
            while true {
                skipWhitespace()
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            let start = index
            guard number() else { throw RecordError("invalid JSON value at byte \(start + 1)") }
        }
    }

    /// Passes over a string: a plain one (no escapes or control characters) in one scan; any
    /// other read by `string()`, which checks its escapes and gives its errors.
    private mutating func skipString() throws(RecordError) {
        if peek == UInt8(ascii: "\""), let end = plainStringEnd() {
            index = end + 1
        } else {
            _ = try string()
        }
    }

    /// A string with no escapes or control characters, read at once; nil (and nothing consumed)
    /// otherwise, for `string()` to read.
    private mutating func plainString() -> String? {
        guard let end = plainStringEnd() else { return nil }
        let plain = text((index + 1)..<end)
        index = end + 1
        return plain
    }

    /// Where the string opening at `index` closes, when no escape or control character comes
    /// before its closing quote; nil otherwise.
    @inline(__always)
    private func plainStringEnd() -> Int? {
        var end = index + 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { return end }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            end += 1
        }
        return nil
    }

    private mutating func string() throws(RecordError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        // Fast path: no escapes.
        while let byte = peek, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { index += 1 }
        if peek == UInt8(ascii: "\"") {
            let plain = text(start..<index)
            index += 1
            return plain
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text(start..<index).unicodeScalars)
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(scalars)
            case UInt8(ascii: "\\"):
                guard let escape = peek else { break }
                index += 1
                if let single = JSONStringDecoder.singleCharacterEscape(escape) {
                    scalars.append(Unicode.Scalar(single))
                } else if escape == UInt8(ascii: "u") {
                    scalars.append(try unicodeEscape())
                } else {
                    throw RecordError("invalid escape `\\\(Character(Unicode.Scalar(escape)))` at byte \(index)")
                }
            case 0..<0x20: throw RecordError("control character in a string at byte \(index)")
            default:
                // Copy a run of ordinary bytes at once.
                let runStart = index - 1
                while let b = peek, b != UInt8(ascii: "\""), b != UInt8(ascii: "\\"), b >= 0x20 { index += 1 }
                scalars.append(contentsOf: text(runStart..<index).unicodeScalars)
            }
        }
        throw RecordError("unterminated string")
    }

    /// The scalar of a `\u` escape whose `u` was just read: four hex digits, and for a surrogate
    /// both halves in order. Half a pair is refused, never dropped or replaced, so no text (an
    /// `id` above all) is read as other than it was written.
    private mutating func unicodeEscape() throws(RecordError) -> Unicode.Scalar {
        let at = index - 2
        func hex(_ offset: Int) -> UInt32? { JSONStringDecoder.hex(count: bytes.count - offset) { bytes[offset + $0] } }
        guard let code = hex(index) else { throw RecordError("invalid \\u escape at byte \(at): four hex digits must follow it") }
        index += 4
        var scalar = code
        if (0xD800..<0xDC00).contains(code) {
            guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"), let low = hex(index + 2),
                (0xDC00..<0xE000).contains(low)
            else { throw RecordError("\\u escape at byte \(at) is the first half of a surrogate pair with no second half after it") }
            index += 6
            scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(code) {
            throw RecordError("\\u escape at byte \(at) is the second half of a surrogate pair with no first half before it")
        }
        guard let found = Unicode.Scalar(scalar) else { throw RecordError("invalid \\u escape at byte \(at)") }
        return found
    }
}
