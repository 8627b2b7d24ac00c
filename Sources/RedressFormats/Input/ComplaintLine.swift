import RedressEngine

/// The contract's fields of one JSON Lines record as byte ranges of the line, found in one pass
/// without making a `String`: what `LineClassifier` decides from.
///
/// Only the plain form is taken: field names in ASCII with no escapes; contract fields as strings
/// with no escapes (or null), `categories` as one such string or a list of them; other fields as
/// such strings, numbers, `true`, `false` or `null`, at most `maxExtras` of them; no field twice.
/// `scan` returns nil for anything else — an escape, a nested object, a duplicate, a syntax error —
/// and the record is then read by the full reader (`JSONObjectReader`, `Complaint`), which decides it or says
/// precisely what is wrong. A nil is never an answer about the record, only "not this way".
struct ComplaintLine {
    /// A field the contract does not name: its name (without quotes) and its value's exact text.
    struct Extra: Sendable {
        var name: Range<Int>
        var value: Range<Int>
    }

    /// String values, without their quotes; nil when absent, null or empty (as the full reader).
    var id, received, type, service, channel, madeBy, awareOn, text: Range<Int>?
    /// The inside of the `categories` list (between `[` and `]`), or one category's text.
    var categories: Range<Int>?
    var categoriesIsList = false
    /// `text` holds escapes (`\n`, `\u00e9`, …): its range is the string's inside as written, to
    /// be decoded (`JSONStringDecoder`) before it is matched. Only `text` may: it is read, never
    /// written back.
    var textEscaped = false

    /// The most fields beyond the contract's a line may have and be scanned.
    static let maxExtras = 64

    /// Scans `bytes` (one line, valid UTF-8). `extras` is cleared and filled with the other
    /// fields, in input order (a buffer the caller reuses from record to record).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, extras: inout [Extra]) -> ComplaintLine? {
        extras.removeAll(keepingCapacity: true)
        var scanner = LineScanner(bytes: bytes)
        var line = ComplaintLine()
        var seen: UInt16 = 0
        scanner.skipWhitespace()
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        scanner.skipWhitespace()
        if scanner.take(UInt8(ascii: "}")) { return nil }
        while true {
            scanner.skipWhitespace()
            guard let name = scanner.name(), scanner.takeAfterWhitespace(UInt8(ascii: ":")) else { return nil }
            scanner.skipWhitespace()
            let field = Field(bytes, name)
            if let field {
                guard seen & field.bit == 0 else { return nil }
                seen |= field.bit
            }
            switch field {
            case .categories?:
                if scanner.peek == UInt8(ascii: "[") {
                    guard let inside = scanner.stringList() else { return nil }
                    line.categories = inside
                    line.categoriesIsList = true
                } else {
                    guard let value = scanner.textOrNull() else { return nil }
                    // A single category, even an empty one, is a one-item list.
                    if case .string(let range) = value {
                        line.categories = range
                        line.categoriesIsList = false
                    }
                }
            case .events?:
                guard scanner.scalarValue() != nil else { return nil }
            case .text?:
                let start = scanner.index
                if let value = scanner.textOrNull() {
                    if case .string(let range) = value, !range.isEmpty { line.text = range }
                } else {
                    scanner.index = start
                    guard let range = scanner.escapedString() else { return nil }
                    line.text = range
                    line.textEscaped = true
                }
            case let field?:
                guard let value = scanner.textOrNull() else { return nil }
                if case .string(let range) = value, !range.isEmpty { line.set(field, range) }
            case nil:
                // Duplicates are sought pairwise, so only a few dozen other fields are taken (the
                // full reader handles any number in linear time).
                guard extras.count < Self.maxExtras, let value = scanner.scalarValue() else { return nil }
                for extra in extras where LineScanner.equal(bytes, extra.name, name) { return nil }
                extras.append(Extra(name: name, value: value))
            }
            if scanner.takeAfterWhitespace(UInt8(ascii: ",")) { continue }
            guard scanner.take(UInt8(ascii: "}")) else { return nil }
            scanner.skipWhitespace()
            return scanner.atEnd ? line : nil
        }
    }

    /// The contract's fields, found by name length and first eight bytes.
    enum Field: UInt16 {
        case id, received, type, service, channel, madeBy, awareOn, text, categories, events

        var bit: UInt16 { 1 << rawValue }

        init?(_ bytes: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) {
            // The name's first eight bytes as one little-endian integer, compared with each
            // contract name's (`LineClassifierTests` checks the constants against the names).
            guard name.count <= 10, name.count >= 2 else { return nil }
            var key: UInt64 = 0
            if let base = bytes.baseAddress, name.lowerBound + 8 <= bytes.count {
                // One load (the line goes on past any name: its value and the closing brace).
                key = UInt64(littleEndian: UnsafeRawPointer(base + name.lowerBound).loadUnaligned(as: UInt64.self))
                if name.count < 8 { key &= (1 << (8 * UInt64(name.count))) - 1 }
            } else {
                for offset in 0..<min(8, name.count) { key |= UInt64(bytes[name.lowerBound + offset]) << (8 * UInt64(offset)) }
            }
            switch (name.count, key) {
            case (2, 0x6469): self = .id
            case (4, 0x6570_7974): self = .type
            case (4, 0x7478_6574): self = .text
            case (6, 0x7374_6e65_7665): self = .events
            case (7, 0x65_6369_7672_6573): self = .service
            case (7, 0x6c_656e_6e61_6863): self = .channel
            case (7, 0x79_625f_6564_616d): self = .madeBy
            case (8, 0x6465_7669_6563_6572): self = .received
            case (8, 0x6e6f_5f65_7261_7761): self = .awareOn
            case (10, 0x6972_6f67_6574_6163) where bytes[name.lowerBound + 8] == UInt8(ascii: "e") && bytes[name.lowerBound + 9] == UInt8(ascii: "s"):
                self = .categories
            default: return nil
            }
        }
    }

    private mutating func set(_ field: Field, _ range: Range<Int>) {
        switch field {
        case .id: id = range
        case .received: received = range
        case .type: type = range
        case .service: service = range
        case .channel: channel = range
        case .madeBy: madeBy = range
        case .awareOn: awareOn = range
        case .text: text = range
        case .categories, .events: break
        }
    }

    /// Calls `body` with each category's byte range (items of a list, or the single category).
    func forEachCategory(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) -> Bool {
        guard let categories else { return true }
        guard categoriesIsList else { return body(categories) }
        // The list was checked by the scan: plain strings separated by commas and whitespace.
        var index = categories.lowerBound
        while index < categories.upperBound {
            guard bytes[index] == UInt8(ascii: "\"") else { index += 1; continue }
            var end = index + 1
            while bytes[end] != UInt8(ascii: "\"") { end += 1 }
            guard body(index + 1..<end) else { return false }
            index = end + 1
        }
        return true
    }
}

/// A forward scan over one line's bytes for `ComplaintLine`: every method returns nil (or false)
/// rather than reading anything outside the plain form.
private struct LineScanner {
    enum Text {
        case string(Range<Int>)
        case null
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    var atEnd: Bool { index == bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
            index += 1
        }
    }

    /// `skipWhitespace()` then `take(byte)`, trying the byte first: JSON writers put no space
    /// before a `:` or a `,`.
    mutating func takeAfterWhitespace(_ byte: UInt8) -> Bool {
        if index < bytes.count, bytes[index] == byte {
            index += 1
            return true
        }
        skipWhitespace()
        return take(byte)
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let start = word.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != start[offset] { return false }
        return true
    }

    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for offset in 0..<a.count where bytes[a.lowerBound + offset] != bytes[b.lowerBound + offset] { return false }
        return true
    }

    /// A string's inside, with no escapes or control characters (`ascii`: and no byte past 0x7F).
    mutating func plainString(ascii: Bool = false) -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        // Eight bytes at a time while none of them is a quote, a backslash or a control byte (nor,
        // for `ascii`, past 0x7F); then byte by byte from the first that may be one. (The lowest
        // byte these tests flag is always one; only bytes above it can be flagged falsely.)
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                var special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                if ascii { special |= word }
                special &= highs
                if special != 0 {
                    index += special.trailingZeroBitCount / 8
                    break
                }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<index - 1
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || (ascii && byte >= 0x80) { return nil }
            index += 1
        }
        return nil
    }

    /// A string's inside that may hold escapes: only where it ends is found here (a backslash
    /// and the byte after it are passed over); the escapes are checked when decoded.
    mutating func escapedString() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return start..<index - 1
            case UInt8(ascii: "\\"): index += 2
            case 0..<0x20: return nil
            default: index += 1
            }
        }
        return nil
    }

    /// A field name: ASCII, so it equals a contract name exactly when its bytes do.
    mutating func name() -> Range<Int>? { plainString(ascii: true) }

    mutating func textOrNull() -> Text? {
        if peek == UInt8(ascii: "n") { return literal("null") ? .null : nil }
        return plainString().map(Text.string)
    }

    /// `[` plain strings `]`: the range between the brackets.
    mutating func stringList() -> Range<Int>? {
        guard take(UInt8(ascii: "[")) else { return nil }
        let start = index
        skipWhitespace()
        if take(UInt8(ascii: "]")) { return start..<index - 1 }
        while true {
            skipWhitespace()
            guard plainString() != nil else { return nil }
            if takeAfterWhitespace(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "]")) else { return nil }
            return start..<index - 1
        }
    }

    /// A plain string (with its quotes), a number, `true`, `false` or `null`: its exact text.
    mutating func scalarValue() -> Range<Int>? {
        let start = index
        switch peek {
        case UInt8(ascii: "\"")?: guard plainString() != nil else { return nil }
        case UInt8(ascii: "t")?: guard literal("true") else { return nil }
        case UInt8(ascii: "f")?: guard literal("false") else { return nil }
        case UInt8(ascii: "n")?: guard literal("null") else { return nil }
        default: guard number() else { return nil }
        }
        return start..<index
    }

    mutating func literal(_ word: StaticString) -> Bool {
        guard index + word.utf8CodeUnitCount <= bytes.count, Self.equal(bytes, index..<index + word.utf8CodeUnitCount, word) else {
            return false
        }
        index += word.utf8CodeUnitCount
        return true
    }

    /// RFC 8259's number grammar, as `JSONObjectReader` reads it.
    mutating func number() -> Bool {
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false }
        func digits() -> Int {
            let start = index
            while isDigit(peek) { index += 1 }
            return index - start
        }
        _ = take(UInt8(ascii: "-"))
        if !take(UInt8(ascii: "0")), digits() == 0 { return false }
        if take(UInt8(ascii: ".")), digits() == 0 { return false }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            if digits() == 0 { return false }
        }
        return !isDigit(peek)
    }
}
