/// Decodes the inside of a JSON string, escapes and all, into UTF-8 — the bytes of the `String`
/// `JSONObjectReader` makes of it — for `LineClassifier`, which matches phrases in a complaint's
/// `text` as bytes. It declines (false) whatever the reader rejects: an unknown escape, a `\u`
/// without four hex digits, a surrogate that is not a high one followed at once by a low one. The
/// record then takes the full path, which says what is wrong, so declining is never an answer.
enum JSONStringDecoder {
    /// The byte a one-letter escape (`\n`, `\t`, `\r`, `\b`, `\f`, `\"`, `\\`, `\/`) stands for, given
    /// the letter; nil for `u` and anything JSON does not allow. Shared with `JSONObjectReader`.
    static func singleCharacterEscape(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): letter
        default: nil
        }
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into output: inout [UInt8]) -> Bool {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < end else { return false }
            let escape = bytes[index + 1]
            index += 2
            if let single = singleCharacterEscape(escape) {
                output.append(single)
                continue
            }
            switch escape {
            case UInt8(ascii: "u"):
                guard var code = hex(bytes, at: index, end: end) else { return false }
                index += 4
                if (0xD800..<0xDC00).contains(code) {
                    guard index + 6 <= end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                        let low = hex(bytes, at: index + 2, end: end), (0xDC00..<0xE000).contains(low)
                    else { return false }
                    index += 6
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(code) {
                    return false
                }
                // A scalar now (surrogates are paired or declined): its UTF-8.
                switch code {
                case ..<0x80:
                    output.append(UInt8(code))
                case ..<0x800:
                    output.append(0xC0 | UInt8(code >> 6))
                    output.append(0x80 | UInt8(code & 0x3F))
                case ..<0x10000:
                    output.append(0xE0 | UInt8(code >> 12))
                    output.append(0x80 | UInt8(code >> 6 & 0x3F))
                    output.append(0x80 | UInt8(code & 0x3F))
                default:
                    output.append(0xF0 | UInt8(code >> 18))
                    output.append(0x80 | UInt8(code >> 12 & 0x3F))
                    output.append(0x80 | UInt8(code >> 6 & 0x3F))
                    output.append(0x80 | UInt8(code & 0x3F))
                }
            default: return false
            }
        }
        return true
    }

    /// Four hex digits at `index`, as a number; nil for anything else.
    private static func hex(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> UInt32? {
        hex(count: end - index) { bytes[index + $0] }
    }

    /// Four hex digits, the `offset`th given by `byte(offset)`, as a number; nil for anything else
    /// (no sign, no fewer digits: `count` is how many bytes there are). Shared with the reader.
    static func hex(count: Int, _ byte: (Int) -> UInt8) -> UInt32? {
        guard count >= 4 else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = byte(offset)
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
