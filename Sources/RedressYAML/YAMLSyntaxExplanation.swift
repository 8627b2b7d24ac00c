import RedressDiagnostics

/// libyaml's syntax errors ("mapping values are not allowed in this context") in plain words with a
/// help line, placed on the token at fault: a tab, the quote or bracket that was never closed, the
/// line whose indentation matches nothing above it.
struct YAMLSyntaxExplanation {
    var file: String
    var lines: [Substring]

    init(file: String, text: String) {
        self.file = file
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
    }

    func line(_ number: Int) -> Substring { number >= 1 && number <= lines.count ? lines[number - 1] : "" }

    func at(_ location: SourceLocation) -> SourceRange { SourceRange(file: file, at: location) }

    static func indentation(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }

    /// The nearest line above `number` that holds YAML (not blank, not only a comment).
    func contentLine(above number: Int) -> Int? {
        var index = number - 1
        while index >= 1 {
            let text = line(index).drop { $0 == " " }
            if !text.isEmpty, !text.hasPrefix("#") { return index }
            index -= 1
        }
        return nil
    }

    /// The key a line starts with (`b` for `  b: 1`, `x` for `- x: 1`), for messages.
    static func key(_ line: Substring) -> String? {
        var text = line.drop { $0 == " " }
        if text.hasPrefix("- ") { text = text.dropFirst(2).drop { $0 == " " } }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon]
        return key.isEmpty || key.contains(" ") ? nil : String(key)
    }

    func explain(problem: String, context: String?, at mark: SourceLocation, contextAt contextMark: SourceLocation?, id: DiagnosticID) -> Diagnostic {
        let text = line(mark.line)
        // A tab in the indentation, on the line at fault or the one libyaml was reading.
        for number in [mark.line, contextMark?.line].compactMap({ $0 }) {
            let candidate = line(number)
            if let tab = candidate.prefix(while: { $0 == " " || $0 == "\t" }).firstIndex(of: "\t") {
                let column = candidate.distance(from: candidate.startIndex, to: tab) + 1
                return .error(
                    .yamlTab, "YAML does not allow tabs for indentation", at: at(SourceLocation(line: number, column: column)),
                    help: "use spaces; replace the tab at column \(column) with spaces")
            }
        }
        if let context, let opened = contextMark, context.contains("quoted scalar") {
            let quote = line(opened.line).dropFirst(opened.column - 1).first.map { String($0) } ?? "\""
            return .error(
                .yamlUnclosedQuote, "the quoted value opened here is never closed", at: at(opened),
                help: "add the closing \(quote == "'" ? "`'`" : "`\"`") at the end of the value on line \(opened.line)",
                related: [RelatedLocation("YAML was still reading it here", at: at(mark))])
        }
        if let context, let opened = contextMark, context.contains("flow sequence") || context.contains("flow mapping") {
            let (open, close) = context.contains("sequence") ? ("[", "]") : ("{", "}")
            return .error(
                .yamlUnclosedBracket, "the `\(open)` opened here is not closed", at: at(opened),
                help: "close it with `\(close)` on line \(opened.line), or separate its items with commas",
                related: [RelatedLocation("YAML expected `,` or `\(close)` before this", at: at(mark))])
        }
        if problem.contains("mapping values are not allowed") {
            return indentationOrColon(text, mark)
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            return misaligned(text, mark, block: contextMark)
        }
        if problem.contains("could not find expected ':'"), let start = contextMark {
            return .error(
                .yamlMissingColon, "this line has a key without `:`", at: at(start),
                help: "write `key: value`; if the text is a value, join it to the line above or quote it")
        }
        if problem.contains("cannot start any token") {
            let character = text.dropFirst(mark.column - 1).first.map { String($0) } ?? "?"
            return .error(
                .yamlReservedCharacter, "`\(character)` cannot start a value in YAML", at: at(mark),
                help: "put the value in quotes: \"\(text.dropFirst(mark.column - 1).trimmingSpaces)\"")
        }
        return .error(
            id, "YAML could not read this: \(problem)", at: at(mark),
            help: "look for an unclosed quote or bracket, or a line indented differently from the lines around it",
            related: contextMark.map { [RelatedLocation(context ?? "while reading this", at: at($0))] } ?? [])
    }

    /// `b: 1` followed by `   c: 2`: either indented too far, or a value holding `: ` unquoted.
    func indentationOrColon(_ text: Substring, _ mark: SourceLocation) -> Diagnostic {
        let indent = Self.indentation(text)
        if let previous = contentLine(above: mark.line), Self.indentation(line(previous)) < indent,
            let siblingKey = Self.key(line(previous)), !line(previous).hasSuffix(":")
        {
            let column = Self.indentation(line(previous)) + 1
            let name = Self.key(text).map { "`\($0):`" } ?? "this line"
            return .error(
                .yamlIndentation, "\(name) is indented more than `\(siblingKey):` on line \(previous), which already has a value",
                at: at(SourceLocation(line: mark.line, column: indent + 1)),
                help: "indent it to column \(column), like `\(siblingKey):` on line \(previous)")
        }
        return .error(
            .yamlUnquotedColon, "a value that contains `: ` must be quoted", at: at(mark),
            help: "put the whole value in quotes, e.g. `key: \"text: more text\"`")
    }

    /// A line whose indentation matches no open block: suggest the nearest column used above.
    func misaligned(_ text: Substring, _ mark: SourceLocation, block: SourceLocation?) -> Diagnostic {
        let indent = Self.indentation(text)
        var candidates: [(column: Int, line: Int)] = []
        var number = mark.line - 1
        while number >= 1 {
            let candidate = line(number)
            let trimmed = candidate.drop { $0 == " " }
            if !trimmed.isEmpty, !trimmed.hasPrefix("#"), !candidates.contains(where: { $0.column == Self.indentation(candidate) + 1 }) {
                candidates.append((Self.indentation(candidate) + 1, number))
            }
            if Self.indentation(candidate) == 0, !trimmed.isEmpty { break }
            number -= 1
        }
        let nearest = candidates.sorted { abs($0.column - (indent + 1)) < abs($1.column - (indent + 1)) }.prefix(2)
        let help =
            nearest.isEmpty
            ? "check the indentation against the lines above"
            : "indent it to " + nearest.map { "column \($0.column) (like line \($0.line))" }.joined(separator: " or ")
        return .error(
            .yamlIndentation, "this line starts at column \(indent + 1), which lines up with nothing above it",
            at: at(SourceLocation(line: mark.line, column: indent + 1)), help: help,
            related: block.map { [RelatedLocation("in the block that starts here", at: at($0))] } ?? [])
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        var text = drop { $0 == " " }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }

    fileprivate func hasSuffix(_ suffix: String) -> Bool { String(self).hasSuffix(suffix) }
}
