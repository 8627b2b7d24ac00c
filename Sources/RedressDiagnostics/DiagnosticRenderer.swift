/// Renders diagnostics for people (compiler form, with the source line and a caret) and for
/// machines (one JSON object per diagnostic).
public struct DiagnosticRenderer: Sendable {
    public var sources: SourceFiles

    public init(sources: SourceFiles = SourceFiles()) {
        self.sources = sources
    }

    /// The compiler form:
    ///
    ///     policy.yaml:12:7: error: unknown key `respnd` in a stage [policy.unknown-key]
    ///        respnd: 10 working days
    ///        ^~~~~~
    ///     help: did you mean `respond`?
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = "\(diagnostic.description) [\(diagnostic.id)]\n"
        if let range = diagnostic.range { out += quote(range) }
        for related in diagnostic.related {
            out += "\(related.range): note: \(related.message)\n"
            out += quote(related.range)
        }
        if let help = diagnostic.help { out += "help: \(help)\n" }
        return out
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    /// The quoted source line with a caret under the start of the range, and tildes under the rest
    /// of it when the range stays on one line.
    func quote(_ range: SourceRange) -> String {
        guard let line = sources[range.file]?.line(range.start.line) else { return "" }
        let scalars = Array(line.unicodeScalars)
        let caretColumn = max(1, min(range.start.column, scalars.count + 1))
        var marker = ""
        for scalar in scalars.prefix(caretColumn - 1) {
            marker.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        marker += "^"
        if range.end.line == range.start.line, range.end.column > range.start.column + 1 {
            let last = min(range.end.column, scalars.count + 1)
            if last > caretColumn + 1 {
                marker += String(repeating: "~", count: last - caretColumn - 1)
            }
        }
        return "\(line)\n\(marker)\n"
    }

    /// One JSON object per line: `{"severity":…,"id":…,"file":…,"line":…,"column":…,"message":…}`.
    public func renderJSON(_ diagnostic: Diagnostic) -> String {
        var fields: [(String, String)] = [
            ("severity", JSONText.quoted(diagnostic.severity.rawValue)),
            ("id", JSONText.quoted(diagnostic.id.rawValue)),
        ]
        if let range = diagnostic.range {
            fields.append(("file", JSONText.quoted(range.file)))
            fields.append(("line", String(range.start.line)))
            fields.append(("column", String(range.start.column)))
        }
        fields.append(("message", JSONText.quoted(diagnostic.message)))
        if let help = diagnostic.help { fields.append(("help", JSONText.quoted(help))) }
        return "{" + fields.map { "\(JSONText.quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}

/// Minimal JSON string quoting, shared by every stage that writes JSON by hand.
public enum JSONText {
    /// An object from already-encoded values, in order; nil values are left out.
    public static func object(_ fields: [(String, String?)]) -> String {
        "{" + fields.compactMap { key, value in value.map { quoted(key) + ":" + $0 } }.joined(separator: ",") + "}"
    }

    /// An array of already-encoded values.
    public static func array(_ values: [String]) -> String { "[" + values.joined(separator: ",") + "]" }

    /// A JSON string literal: `"`, `\\` and control characters escaped, everything else as it is.
    public static func quoted(_ string: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count + 2)
        appendQuoted(string, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `string` as a JSON string literal. This is Redress's one JSON escaper: runs of bytes
    /// that need no escape are copied at once.
    @inlinable
    public static func appendQuoted(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
                default:
                    let digits: (UInt8) -> UInt8 = { $0 < 10 ? UInt8(ascii: "0") + $0 : UInt8(ascii: "a") + $0 - 10 }
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), digits(byte >> 4), digits(byte & 15)])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
