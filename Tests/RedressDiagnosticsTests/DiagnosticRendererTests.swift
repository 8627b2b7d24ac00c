import Testing

@testable import RedressDiagnostics

@Suite("Diagnostic rendering")
struct DiagnosticRendererTests {
    @Test("compiler form: location, severity, message, id, the line, a caret and help")
    func compilerForm() {
        let source = SourceFile(path: "p.yaml", text: "stages:\n  - respnd: 10 working days\n")
        let diagnostic = Diagnostic.error(
            "policy.unknown-key", "unknown key `respnd` in a stage",
            at: SourceRange(
                file: "p.yaml", start: SourceLocation(line: 2, column: 5), end: SourceLocation(line: 2, column: 11)),
            help: "did you mean `respond`?")
        let rendered = DiagnosticRenderer(sources: SourceFiles([source])).render(diagnostic)
        #expect(
            rendered == """
                p.yaml:2:5: error: unknown key `respnd` in a stage [policy.unknown-key]
                  - respnd: 10 working days
                    ^~~~~~
                help: did you mean `respond`?

                """)
    }

    @Test("tabs before the caret are kept so the caret lines up")
    func tabs() {
        let source = SourceFile(path: "t", text: "\tkey: x\n")
        let diagnostic = Diagnostic.error(
            "x", "m", at: SourceRange(file: "t", at: SourceLocation(line: 1, column: 2)))
        let rendered = DiagnosticRenderer(sources: SourceFiles([source])).render(diagnostic)
        #expect(rendered.contains("\tkey: x\n\t^\n"))
    }

    @Test("JSON form escapes text")
    func json() {
        let diagnostic = Diagnostic.warning(
            "w", "a \"quoted\"\nline", at: SourceRange(file: "f", at: SourceLocation(line: 3, column: 4)))
        #expect(
            DiagnosticRenderer().renderJSON(diagnostic)
                == #"{"severity":"warning","id":"w","file":"f","line":3,"column":4,"message":"a \"quoted\"\nline"}"#)
    }

    @Test(
        "spelling suggestions",
        arguments: [
            ("respnd", ["respond", "handler", "within"], "respond"),
            ("hadler", ["respond", "handler"], "handler"),
            ("stgaes", ["stages", "services"], "stages"),
            ("zzzzzz", ["respond", "handler"], nil),
            ("id", ["ids", "source"], "ids"),
        ] as [(String, [String], String?)])
    func suggestions(word: String, candidates: [String], expected: String?) {
        #expect(SpellingSuggestion.closest(to: word, in: candidates) == expected)
    }
}
