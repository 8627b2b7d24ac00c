import Foundation
import RedressTestSupport
import Testing

@testable import RedressEngine
@testable import RedressFormats

/// The reader keeps a nested object (an event, a contact) as its text after checking it, without
/// making its strings or numbers. Whether a line is refused must not depend on that: Python's
/// `json` module, made as strict as the reader (no `NaN`, no lone surrogate, no duplicate field at
/// the top), judges the same random lines — valid ones, and ones with a character dropped or
/// added, bad escapes, control characters and numbers RFC 8259 does not allow.
@Suite("Nested JSON against Python's json")
struct NestedJSONOracleTests {
    static let strings = ["a", "é", "日本", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\u00E9", "\\ud83d\\ude00", " ", ""]
    static let badStrings = ["\\ud800", "\\udc00x", "\\x", "\\u12", "\t", "\u{01}"]
    static let numbers = ["0", "-0", "1.5", "1e9", "1E+2", "-0.0e-0", "12"]
    static let badNumbers = ["01", "1.", "-", ".5", "+1", "1e", "0x1"]
    static let literals = ["true", "false", "null"]
    static let badLiterals = ["tru", "nul", "fals", "True"]
    static let inserted: [Character] = ["{", "}", "[", "]", ",", ":", "\"", "\\", " ", "1", "\u{01}"]

    /// A random JSON fragment; with `bad`, some of its strings, numbers and literals are not JSON.
    static func fragment(depth: Int, bad: Bool, _ random: inout some RandomNumberGenerator) -> String {
        func pick(_ good: [String], _ wrong: [String]) -> String {
            (bad && Bool.random(using: &random) ? wrong : good).randomElement(using: &random) ?? ""
        }
        func string() -> String {
            "\"" + (0..<Int.random(in: 0...3, using: &random)).map { _ in pick(strings, badStrings) }.joined() + "\""
        }
        switch Int.random(in: 0..<(depth >= 4 ? 3 : 5), using: &random) {
        case 0: return string()
        case 1: return pick(numbers, badNumbers)
        case 2: return pick(literals, badLiterals)
        case 3:
            let members = (0..<Int.random(in: 0...3, using: &random)).map { _ in string() + ":" + fragment(depth: depth + 1, bad: bad, &random) }
            return "{" + members.joined(separator: Bool.random(using: &random) ? "," : " , ") + "}"
        default:
            let items = (0..<Int.random(in: 0...3, using: &random)).map { _ in fragment(depth: depth + 1, bad: bad, &random) }
            return "[" + items.joined(separator: ",") + "]"
        }
    }

    /// A nested object, sometimes with one character dropped or one added; half the lines are
    /// made of valid pieces only, so that accepted lines are common whatever the draw.
    static func line(_ random: inout some RandomNumberGenerator) -> String {
        let bad = Bool.random(using: &random)
        var inner = Array("{\"k\":" + fragment(depth: 0, bad: bad, &random) + ",\"m\":" + fragment(depth: 0, bad: bad, &random) + "}")
        switch Int.random(in: 0..<3, using: &random) {
        case 0 where !inner.isEmpty: inner.remove(at: Int.random(in: 0..<inner.count, using: &random))
        case 1: inner.insert(inserted.randomElement(using: &random) ?? " ", at: Int.random(in: 0...inner.count, using: &random))
        default: break
        }
        return "{\"id\":\"x\",\"n\":" + String(inner) + "}"
    }

    static let judge = """
        import json, sys
        def constant(name): raise ValueError(name)
        def strings(value):
            if isinstance(value, str): yield value
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, tuple): yield item[0]; yield from strings(item[1])
                    else: yield from strings(item)
        def accepted(text):
            try: pairs = json.loads(text, parse_constant=constant, object_pairs_hook=lambda p: p)
            except ValueError: return False
            if not isinstance(pairs, list) or len({name for name, _ in pairs}) != len(pairs): return False
            return not any(0xD800 <= ord(c) <= 0xDFFF for s in strings(pairs) for c in s)
        print("".join("1" if accepted(line) else "0" for line in sys.argv[1:]))
        """

    @Test("a line is refused exactly when Python's strict reading refuses it")
    func sameVerdicts() throws {
        var random = SystemRandomNumberGenerator()
        let lines = (0..<3_000).map { _ in Self.line(&random) }
        guard let (status, output) = try Oracle.python(Self.judge, lines).result() else { return }
        try #require(status == 0, "python: \(output)")
        let verdicts = Array(output.trimmingCharacters(in: .whitespacesAndNewlines))
        try #require(verdicts.count == lines.count)
        var accepted = 0
        for (line, verdict) in zip(lines, verdicts) {
            let ours = (try? JSONObjectReader.read(Array(line.utf8))) != nil
            #expect(ours == (verdict == "1"), "\(line.debugDescription): Redress \(ours ? "accepts" : "refuses"), Python does not")
            if ours { accepted += 1 }
        }
        // Both kinds are well represented, or the comparison would say little.
        #expect(accepted > lines.count / 10 && accepted < lines.count * 9 / 10, "\(accepted) of \(lines.count) accepted")
    }
}
