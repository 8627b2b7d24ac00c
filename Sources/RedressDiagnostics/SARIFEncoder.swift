/// Diagnostics as SARIF 2.1.0, the format code hosts read to annotate the changed lines of a pull
/// request. One run, one result per diagnostic; the help line and related locations go with it;
/// columns count Unicode code points, as Redress's do.
public struct SARIFEncoder: Sendable {
    public var toolVersion: String

    public init(toolVersion: String) {
        self.toolVersion = toolVersion
    }

    public func encode(_ diagnostics: [Diagnostic]) -> String {
        var ruleIDs: [String] = []
        for diagnostic in diagnostics where !ruleIDs.contains(diagnostic.id.rawValue) { ruleIDs.append(diagnostic.id.rawValue) }
        let rules = ruleIDs.map { JSONText.object([("id", JSONText.quoted($0)), ("name", JSONText.quoted($0))]) }
        let driver = JSONText.object([
            ("name", JSONText.quoted("redress")), ("version", JSONText.quoted(toolVersion)),
            ("rules", JSONText.array(rules)),
        ])
        let run = JSONText.object([
            ("tool", JSONText.object([("driver", driver)])), ("columnKind", JSONText.quoted("unicodeCodePoints")),
            ("results", JSONText.array(diagnostics.map { result($0, ruleIndex: ruleIDs.firstIndex(of: $0.id.rawValue) ?? 0) })),
        ])
        return JSONText.object([
            ("$schema", JSONText.quoted("https://json.schemastore.org/sarif-2.1.0.json")), ("version", JSONText.quoted("2.1.0")),
            ("runs", JSONText.array([run])),
        ]) + "\n"
    }

    func result(_ diagnostic: Diagnostic, ruleIndex: Int) -> String {
        let level =
            switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "note"
            }
        let text = diagnostic.message + (diagnostic.help.map { "\nhelp: \($0)" } ?? "")
        let related = diagnostic.related.enumerated().map { index, location in
            JSONText.object([
                ("id", String(index)), ("physicalLocation", physical(location.range)),
                ("message", JSONText.object([("text", JSONText.quoted(location.message))])),
            ])
        }
        return JSONText.object([
            ("ruleId", JSONText.quoted(diagnostic.id.rawValue)), ("ruleIndex", String(ruleIndex)), ("level", JSONText.quoted(level)),
            ("message", JSONText.object([("text", JSONText.quoted(text))])),
            ("locations", diagnostic.range.map { JSONText.array([JSONText.object([("physicalLocation", physical($0))])]) }),
            ("relatedLocations", related.isEmpty ? nil : JSONText.array(related)),
        ])
    }

    func physical(_ range: SourceRange) -> String {
        let end = range.end > range.start ? range.end : SourceLocation(line: range.start.line, column: range.start.column + 1)
        return JSONText.object([
            ("artifactLocation", JSONText.object([("uri", JSONText.quoted(Self.uri(range.file)))])),
            (
                "region",
                JSONText.object([
                    ("startLine", String(range.start.line)), ("startColumn", String(range.start.column)), ("endLine", String(end.line)),
                    ("endColumn", String(end.column)),
                ])
            ),
        ])
    }

    /// A file path as a URI reference: relative paths stay relative (to the repository root, where
    /// CI runs), absolute ones become `file://` URIs; unsafe characters are percent-encoded.
    static func uri(_ path: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        var encoded = ""
        for byte in path.utf8 {
            if unreserved.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
