import RedressDiagnostics
import RedressTestSupport
import Testing

@testable import RedressYAML

@Suite("YAML loader")
struct YAMLLoaderTests {
    let loader = YAMLLoader()

    func diagnostics(_ text: String, limits: YAMLLimits = .default) -> [Diagnostic] {
        do {
            _ = try YAMLLoader(limits: limits).load(text, path: "t.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("scalars stay text: no YAML 1.1 booleans, octals or sexagesimals")
    func noImplicitTyping() throws {
        let document = try loader.load("a: no\nb: on\nc: 010\nd: 1:30\ne: ~\nf: '10'\n", path: "t.yaml")
        let mapping = try #require(document.root?.mapping)
        #expect(mapping["a"]?.scalar?.text == "no")
        #expect(mapping["b"]?.scalar?.text == "on")
        #expect(mapping["c"]?.scalar?.text == "010")
        #expect(mapping["d"]?.scalar?.text == "1:30")
        #expect(mapping["e"]?.scalar?.isNull == true)
        #expect(mapping["f"]?.scalar?.style == .singleQuoted)
        #expect(mapping.entries.map { $0.key.scalar?.text } == ["a", "b", "c", "d", "e", "f"])
    }

    @Test("every node carries its 1-based source range")
    func positions() throws {
        let marked = MarkedText("root:\n  1️⃣list:\n    - 2️⃣one\n    - 3️⃣\"two\"\n")
        let document = try loader.load(marked.text, path: "p.yaml")
        let root = try #require(document.root?.mapping)
        let inner = try #require(root["root"]?.mapping)
        let key = try #require(inner.entries.first?.key)
        #expect(key.range.start == marked["1️⃣"])
        #expect(key.range.file == "p.yaml")
        let items = try #require(inner["list"]?.sequence?.items)
        #expect(items[0].range.start == marked["2️⃣"])
        #expect(items[0].range.end == SourceLocation(line: 3, column: 10))
        #expect(items[1].range.start == marked["3️⃣"])
    }

    @Test("a duplicate key is refused at the second key, pointing back at the first")
    func duplicateKey() {
        let marked = MarkedText("1️⃣name: a\nother: b\n2️⃣name: c\n")
        let found = diagnostics(marked.text)
        #expect(found.count == 1)
        #expect(found.first?.id == "yaml.duplicate-key")
        #expect(found.first?.range?.start == marked["2️⃣"])
        #expect(found.first?.related.first?.range.start == marked["1️⃣"])
    }

    @Test("every duplicate key in a file is reported, not just the first")
    func allDuplicatesCollected() {
        let found = diagnostics("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
        #expect(found.map(\.id) == ["yaml.duplicate-key", "yaml.duplicate-key"])
        #expect(found.map { $0.range?.start.line } == [2, 5])
    }

    @Test("quoting does not make a key different")
    func quotedDuplicate() {
        #expect(diagnostics("a: 1\n\"a\": 2\n").map(\.id) == ["yaml.duplicate-key"])
    }

    @Test("a 1 KB alias bomb fails fast, with a position")
    func aliasBomb() {
        let bomb = BillionLaughs.text(levels: 10, width: 10)
        #expect(bomb.utf8.count < 1024)
        let found = diagnostics(bomb)
        #expect(found.count == 1)
        #expect(["yaml.too-many-nodes", "yaml.alias-limit"].contains(found.first?.id))
        #expect(found.first?.range != nil)
    }

    @Test("more aliases than the budget are refused at the first alias past it")
    func aliasBudget() {
        let text = "a: &a x\nlist:\n" + String(repeating: "  - *a\n", count: 101)
        let found = diagnostics(text)
        #expect(found.map(\.id) == ["yaml.alias-limit"])
        #expect(found.first?.range?.start == SourceLocation(line: 103, column: 5))
    }

    @Test("within the alias budget, expansion is still bounded by the node limit")
    func expansionLimit() {
        let found = diagnostics(
            BillionLaughs.text(levels: 9, width: 9), limits: YAMLLimits(maxAliases: 10_000, maxNodes: 100_000))
        #expect(found.map(\.id) == ["yaml.too-many-nodes"])
    }

    @Test("deep nesting is refused at the limit, with the position where it went too deep")
    func deepNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let found = diagnostics(deep)
        #expect(found.map(\.id) == ["yaml.too-deep"])
        #expect(found.first?.range?.start == SourceLocation(line: 1, column: 65))
        let block = (0..<100).map { String(repeating: "  ", count: $0) + "k:" }.joined(separator: "\n")
        #expect(diagnostics(block).map(\.id) == ["yaml.too-deep"])
    }

    @Test("input over the size limit is refused before parsing")
    func tooLarge() {
        let found = diagnostics("a: " + String(repeating: "x", count: 200), limits: YAMLLimits(maxBytes: 100))
        #expect(found.map(\.id) == ["yaml.too-large"])
    }

    @Test("a second document is refused where it starts")
    func twoDocuments() {
        let marked = MarkedText("a: 1\n1️⃣---\nb: 2\n")
        let found = diagnostics(marked.text)
        #expect(found.map(\.id) == ["yaml.too-many-documents"])
        #expect(found.first?.range?.start == marked["1️⃣"])
    }

    @Test("invalid UTF-8 is refused at the offending byte")
    func invalidUTF8() throws {
        var bytes = Array("a: 1\nb: é".utf8)
        bytes.append(0xFF)
        do {
            _ = try loader.load(bytes, path: "t.yaml")
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.diagnostics.map(\.id) == ["yaml.invalid-utf8"])
            #expect(error.diagnostics.first?.range?.start == SourceLocation(line: 2, column: 5))
        }
    }

    @Test("control characters are refused by libyaml's reader, with a position")
    func controlCharacter() {
        let found = diagnostics("a: 1\nb: x\u{1}y\n")
        #expect(found.map(\.id) == ["yaml.reader"])
        #expect(found.first?.range?.start == SourceLocation(line: 2, column: 5))
    }

    @Test("unknown tags are refused; !!str is accepted")
    func tags() {
        #expect(diagnostics("a: !!str 10\n").isEmpty)
        #expect(diagnostics("a: !!python/object x\n").map(\.id) == ["yaml.unsupported-tag"])
        #expect(diagnostics("a: !custom x\n").map(\.id) == ["yaml.unsupported-tag"])
    }

    @Test("undefined aliases are refused")
    func undefinedAlias() {
        #expect(diagnostics("a: *nowhere\n").map(\.id) == ["yaml.undefined-alias"])
    }

    @Test("libyaml syntax errors carry libyaml's mark and context")
    func syntaxError() {
        let found = diagnostics("a: [1, 2\nb: 3\n")
        #expect(found.count == 1)
        #expect(found.first?.range != nil)
        #expect(found.first?.related.isEmpty == false)
    }

    @Test("empty input and comment-only input hold no document")
    func empty() throws {
        #expect(try loader.load("", path: "t.yaml").root == nil)
        #expect(try loader.load("# nothing\n", path: "t.yaml").root == nil)
    }

    @Test("a byte-order mark and CRLF line ends are read")
    func bomAndCRLF() throws {
        let document = try loader.load(Array("\u{FEFF}a: 1\r\nb: 2\r\n".utf8), path: "t.yaml")
        #expect(document.root?.mapping?["b"]?.scalar?.text == "2")
        #expect(document.root?.mapping?.entries[1].key.range.start == SourceLocation(line: 2, column: 1))
    }
}

/// The classic exponential alias document: each level repeats the previous one `width` times.
enum BillionLaughs {
    static func text(levels: Int, width: Int) -> String {
        var lines = ["l0: &l0 [" + Array(repeating: "lol", count: width).joined(separator: ",") + "]"]
        for level in 1..<levels {
            let refs = Array(repeating: "*l\(level - 1)", count: width).joined(separator: ",")
            lines.append("l\(level): &l\(level) [\(refs)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
