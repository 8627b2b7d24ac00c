import CYAML
import RedressDiagnostics

/// A loaded YAML file: its single document's root (nil when the file holds no document) and its
/// text, kept for quoting in later diagnostics.
public struct YAMLDocument: Sendable {
    public var root: YAMLNode?
    public var source: SourceFile
}

/// Reads YAML through libyaml's event API into an immutable tree of `YAMLNode`s.
///
/// Refuses, with positioned diagnostics: invalid UTF-8, libyaml's scanner and parser errors,
/// duplicate keys, unknown tags, and anything past `limits` (size, depth, aliases, expanded size,
/// documents). Never guesses types: every scalar stays text.
public struct YAMLLoader: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Loads a file that must hold at most one document. Any problem is thrown.
    public func load(_ bytes: [UInt8], path: String) throws(DiagnosticList) -> YAMLDocument {
        let (documents, source, problems) = try parse(bytes, path: path)
        if !problems.isEmpty { throw DiagnosticList(problems, sources: SourceFiles([source])) }
        return YAMLDocument(root: documents.first, source: source)
    }

    /// Loads a string (tests and tools).
    public func load(_ text: String, path: String) throws(DiagnosticList) -> YAMLDocument {
        try load(Array(text.utf8), path: path)
    }

    /// Loads a file, returning the problems after which the tree is still usable (duplicate keys,
    /// unsupported tags) beside it, so a decoder can go on and report its own in the same run.
    /// Problems that leave no usable tree (syntax, limits, encoding) are thrown.
    public func loadRecovering(_ bytes: [UInt8], path: String) throws(DiagnosticList) -> (YAMLDocument, [Diagnostic]) {
        let (documents, source, problems) = try parse(bytes, path: path)
        return (YAMLDocument(root: documents.first, source: source), problems)
    }

    /// Loads every document of a stream (up to `limits.maxDocuments`). Any problem is thrown.
    public func loadStream(_ bytes: [UInt8], path: String) throws(DiagnosticList) -> ([YAMLNode], SourceFile) {
        let (documents, source, problems) = try parse(bytes, path: path)
        if !problems.isEmpty { throw DiagnosticList(problems, sources: SourceFiles([source])) }
        return (documents, source)
    }

    private func parse(_ bytes: [UInt8], path: String) throws(DiagnosticList) -> ([YAMLNode], SourceFile, [Diagnostic]) {
        // The size limit comes first: nothing is scanned or copied for an input over it.
        if bytes.count > limits.maxBytes {
            throw DiagnosticList(
                .error(
                    .yamlTooLarge, "file is \(bytes.count) bytes, more than the limit of \(limits.maxBytes)",
                    at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1))))
        }
        let input = InputText(bytes: bytes)
        let source = SourceFile(path: path, text: input.text)
        func fail(_ diagnostics: [Diagnostic]) -> DiagnosticList {
            DiagnosticList(diagnostics, sources: SourceFiles([source]))
        }
        if let offset = input.firstInvalidUTF8Offset() {
            let location = input.location(ofByte: offset)
            throw fail([
                .error(
                    .yamlInvalidUtf8, "invalid UTF-8 byte 0x\(String(bytes[offset], radix: 16, uppercase: true))",
                    at: SourceRange(file: path, at: location), help: "save the file as UTF-8")
            ])
        }
        var builder = TreeBuilder(file: path, limits: limits)
        do {
            try parse(input, into: &builder)
        } catch {
            throw fail(builder.diagnostics + [error] + laterSyntaxErrors(after: error, in: bytes, path: path))
        }
        return (builder.documents, source, builder.diagnostics)
    }

    static let syntaxErrorIDs: Set<DiagnosticID> = [
        .yamlScanner, .yamlParser, .yamlTab, .yamlUnclosedQuote, .yamlUnclosedBracket, .yamlIndentation,
        .yamlUnquotedColon, .yamlMissingColon, .yamlReservedCharacter,
    ]

    /// libyaml stops at the first syntax error. To report the others in the same run, the line at
    /// fault is blanked (its bytes replaced by spaces, so every position stays the same) and the
    /// file read again, up to ten times; only errors further down the file are kept, so a blanked
    /// line cannot make Redress report the same place twice.
    private func laterSyntaxErrors(after first: Diagnostic, in bytes: [UInt8], path: String) -> [Diagnostic] {
        guard Self.syntaxErrorIDs.contains(first.id), var line = first.range?.start.line else { return [] }
        var text = bytes
        var found: [Diagnostic] = []
        for _ in 0..<10 {
            Self.blank(line: line, in: &text)
            var builder = TreeBuilder(file: path, limits: limits)
            do {
                try parse(InputText(bytes: text), into: &builder)
                return found
            } catch {
                guard Self.syntaxErrorIDs.contains(error.id), let next = error.range?.start.line, next > line else { return found }
                found.append(error)
                line = next
            }
        }
        return found
    }

    private static func blank(line number: Int, in bytes: inout [UInt8]) {
        var current = 1
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "\n") {
                current += 1
                if current > number { return }
            } else if current == number, bytes[index] != UInt8(ascii: "\r") {
                bytes[index] = UInt8(ascii: " ")
            }
        }
    }

    /// Runs libyaml's event loop over the input, feeding the builder.
    private func parse(_ input: InputText, into builder: inout TreeBuilder) throws(Diagnostic) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw .error(.yamlInternal, "libyaml could not allocate a parser", at: nil)
        }
        defer { yaml_parser_delete(&parser) }
        // libyaml asserts a non-null input pointer, so an empty input still gets a one-byte buffer.
        let storage = input.bytes.isEmpty ? [UInt8(0)] : input.bytes
        let result = storage.withUnsafeBufferPointer { (buffer) -> Diagnostic? in
            guard let base = buffer.baseAddress else { return nil }
            yaml_parser_set_input_string(&parser, base, input.bytes.count)
            // The encoding is left to libyaml's detection, which also skips a UTF-8 byte-order mark;
            // input that is not UTF-8 was refused above.
            do throws(Diagnostic) {
                try runEvents(&parser, input: input, builder: &builder)
                return nil
            } catch {
                return error
            }
        }
        if let result { throw result }
    }

    private func runEvents(_ parser: inout yaml_parser_t, input: InputText, builder: inout TreeBuilder)
        throws(Diagnostic)
    {
        let file = builder.file
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw Self.parserError(parser, input: input, file: file)
            }
            defer { yaml_event_delete(&event) }
            let start = Self.location(event.start_mark)
            let end = Self.location(event.end_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_DOCUMENT_START_EVENT:
                try builder.startDocument(at: start)
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let scalar = YAMLScalar(
                    text: Self.string(data.value, count: data.length),
                    style: Self.style(data.style),
                    tag: Self.optionalString(data.tag),
                    range: SourceRange(file: file, start: start, end: end))
                try builder.scalar(scalar, anchor: Self.optionalString(data.anchor))
            case YAML_ALIAS_EVENT:
                try builder.alias(
                    Self.optionalString(event.data.alias.anchor) ?? "",
                    at: SourceRange(file: file, start: start, end: end))
            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                try builder.startCollection(
                    isMapping: false, tag: Self.optionalString(data.tag), anchor: Self.optionalString(data.anchor),
                    at: start)
            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                try builder.startCollection(
                    isMapping: true, tag: Self.optionalString(data.tag), anchor: Self.optionalString(data.anchor),
                    at: start)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try builder.endCollection(at: end)
            default:
                break
            }
        }
    }

    private static func parserError(_ parser: yaml_parser_t, input: InputText, file: String) -> Diagnostic {
        let problem = optionalString(parser.problem) ?? "unknown libyaml error"
        if parser.error == YAML_READER_ERROR {
            let location = input.location(ofByte: parser.problem_offset)
            return .error(.yamlReader, problem, at: SourceRange(file: file, at: location))
        }
        let context = optionalString(parser.context)
        let id: DiagnosticID = parser.error == YAML_SCANNER_ERROR ? .yamlScanner : .yamlParser
        return YAMLSyntaxExplanation(file: file, text: input.text).explain(
            problem: problem, context: context, at: location(parser.problem_mark),
            contextAt: context == nil ? nil : location(parser.context_mark), id: id)
    }

    private static func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func optionalString(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
