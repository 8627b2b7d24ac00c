import Foundation
import RedressDiagnostics
import RedressEngine

/// The input formats `classify` and `schedule` read.
public enum InputFormat: String, Sendable, CaseIterable {
    case jsonl, csv

    /// Guesses from a file name: `.csv` is CSV, anything else JSON Lines.
    public static func guess(path: String?) -> InputFormat {
        path?.lowercased().hasSuffix(".csv") == true ? .csv : .jsonl
    }
}

/// The character encoding of an input file. Excel saves CSV as Windows-1252 unless told otherwise.
public enum InputEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// Windows-1252's 0x80–0x9F (the rest of its upper half is Latin-1); nil where it defines nothing.
    static let upper: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}", "\u{02C6}", "\u{2030}", "\u{0160}",
        "\u{2039}", "\u{0152}", nil, "\u{017D}", nil, nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}",
        "\u{2014}", "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    /// The line as UTF-8, or the first byte that has no character in this encoding.
    func utf8(_ bytes: ArraySlice<UInt8>) -> Result<ArraySlice<UInt8>, EncodingFailure> {
        switch self {
        case .utf8:
            if Self.isValidUTF8(bytes) { return .success(bytes) }
            let offset = Self.firstInvalidUTF8(bytes)
            return .failure(EncodingFailure(column: offset + 1, byte: bytes[bytes.startIndex + offset]))
        case .windows1252:
            guard bytes.contains(where: { $0 >= 0x80 }) else { return .success(bytes) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 8)
            for (offset, byte) in bytes.enumerated() {
                let scalar: Unicode.Scalar?
                switch byte {
                case 0..<0x80: scalar = Unicode.Scalar(byte)
                case 0x80..<0xA0: scalar = Self.upper[Int(byte - 0x80)]
                default: scalar = Unicode.Scalar(UInt32(byte))
                }
                guard let scalar else { return .failure(EncodingFailure(column: offset + 1, byte: byte)) }
                out.append(contentsOf: String(Character(scalar)).utf8)
            }
            return .success(out[...])
        }
    }

    /// RFC 3629 UTF-8 (no overlong forms, surrogates or values past U+10FFFF), checked without
    /// making a String; ASCII, the usual case, eight bytes at a time.
    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer(isValidUTF8)
    }

    static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let count = buffer.count
        var index = 0
        while index < count {
            // Thirty-two ASCII bytes at a time while they last, then eight.
            if index + 32 <= count {
                let raw = UnsafeRawPointer(base + index)
                let words =
                    raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                if words & 0x8080_8080_8080_8080 == 0 {
                    index += 32
                    continue
                }
            }
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
            }
            let lead = buffer[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard index + length <= count, (low...high).contains(buffer[index + 1]) else { return false }
            for offset in 2..<max(2, length) where !(0x80...0xBF).contains(buffer[index + offset]) { return false }
            index += length
        }
        return true
    }

    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}

/// A byte an input encoding cannot read, with its 1-based byte column.
struct EncodingFailure: Error {
    var column: Int
    var byte: UInt8
}
