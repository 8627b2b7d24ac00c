import Foundation
import RedressDiagnostics

/// One input record (a JSON Lines object or a CSV row) with the line it started on.
public struct InputRecord: Sendable {
    public var line: Int
    public var fields: [RecordField]
    /// The input file it came from, when a run reads several (line numbers count per file).
    public var file: String?

    public init(line: Int, fields: [RecordField], file: String? = nil) {
        self.line = line
        self.fields = fields
        self.file = file
    }

    public func field(_ name: String) -> RecordField? { fields.first { $0.name == name } }

    /// A text field: nil when absent, null or empty; an error when it holds a list or an object.
    /// Numbers are read as their text when `numbers` is true.
    public func text(_ name: String, numbers: Bool = false) throws(RecordError) -> String? {
        switch field(name)?.value {
        case nil, .null?: return nil
        case .string(let value)?: return value.isEmpty ? nil : value
        case .number(let value)? where numbers: return value
        default: throw RecordError("`\(name)` must be text")
        }
    }

    /// The record's `id` if it can be read, for error reports.
    public var id: String? {
        switch field("id")?.value {
        case .string(let text): text
        case .number(let text): text
        default: nil
        }
    }
}

/// A record that could not be read or judged: reported, never dropped.
public struct RecordFailure: Error, Sendable, Hashable {
    public var line: Int
    public var id: String?
    public var message: String
    /// The input file, when a run reads several.
    public var file: String?

    public init(line: Int, id: String?, message: String, file: String? = nil) {
        self.line = line
        self.id = id
        self.message = message
        self.file = file
    }
}

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
            if String(validating: bytes, as: UTF8.self) != nil { return .success(bytes) }
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
