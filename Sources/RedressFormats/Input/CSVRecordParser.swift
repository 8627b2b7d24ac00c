import RedressEngine

/// Splits CSV (RFC 4180: comma-separated, `"` quoting with `""` for a quote, quoted fields may
/// hold commas and line breaks) into records, fed one physical line at a time.
public struct CSVRecordParser: Sendable {
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var inQuotes = false
    private var fieldWasQuoted = false
    /// Bytes held for the record being read; a quote left open cannot grow it past `maxRecordBytes`.
    private var pending = 0
    public let maxRecordBytes: Int

    public init(maxRecordBytes: Int = LineReader.defaultMaxLineBytes) {
        self.maxRecordBytes = maxRecordBytes
    }

    /// True while a quoted field continues onto the next line.
    public var isInsideQuotes: Bool { inQuotes }

    /// Feeds one physical line (without its line break). Returns the fields when the line completes
    /// a record; nil when a quoted field continues on the next line.
    public mutating func feed(_ line: ArraySlice<UInt8>) throws(RecordError) -> [String]? {
        var index = line.startIndex
        pending += line.count + 1
        guard pending <= maxRecordBytes else {
            let limit = maxRecordBytes
            self = CSVRecordParser(maxRecordBytes: limit)
            throw RecordError("a quoted CSV field is not closed within \(limit) bytes (an unclosed quote?)")
        }
        if inQuotes { field.append(UInt8(ascii: "\n")) }
        while index < line.endIndex {
            let byte = line[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\"") {
                guard field.isEmpty, !fieldWasQuoted else {
                    throw RecordError("a quote inside an unquoted CSV field (column \(fields.count + 1))")
                }
                inQuotes = true
                fieldWasQuoted = true
            } else {
                guard !fieldWasQuoted else { throw RecordError("text after a closing quote (column \(fields.count + 1))") }
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { return nil }
        endField()
        pending = 0
        defer { fields.removeAll(keepingCapacity: true) }
        return fields
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
    }

    /// Quotes a value for CSV output when it needs it. Values starting with `=`, `+`, `-` or `@`
    /// are prefixed with `'` so a spreadsheet does not run them as formulas.
    public static func quote(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `quote(_:)`, appended to a line being built, byte by byte.
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        let formula: Bool
        switch value.utf8.first {
        case UInt8(ascii: "=")?, UInt8(ascii: "+")?, UInt8(ascii: "-")?, UInt8(ascii: "@")?: formula = Double(value) == nil
        default: formula = false
        }
        value.withUTF8 { utf8 in
            let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
            if formula { bytes.append(UInt8(ascii: "'")) }
            guard needsQuotes else { return bytes.append(contentsOf: utf8) }
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}

import Foundation
