import Testing

@testable import RedressEngine

/// The vocabulary look-up by bytes (first eight bytes compared as one integer, the rest byte by
/// byte) against a plain search of the words' bytes, and its eight-at-once lowercasing against
/// `PhraseMatcher.fold` one byte at a time.
@Suite("Word table")
struct WordTableTests {
    /// Bytes around the edges of A–Z and a–z, and past ASCII.
    static let edgeBytes: [UInt8] = [0x00, 0x20, 0x2D, 0x40, 0x41, 0x42, 0x59, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0x80, 0xC1, 0xC3, 0xDA, 0xE9, 0xFF]

    @Test("lowercases A–Z in all eight bytes at once, as `fold` does one at a time")
    func lowercasing() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in
                Bool.random(using: &generator) ? Self.edgeBytes.randomElement(using: &generator) ?? 0 : UInt8.random(in: 0...255, using: &generator)
            }
            let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            let expected = bytes.map(PhraseMatcher.fold).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            #expect(WordTable.lowercasedASCII(word) == expected, "\(bytes)")
        }
    }

    @Test("finds the same word as comparing every word's bytes, folded or not, wherever the word lies in the line")
    func lookUp() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "b", "c", "d", "e", "f", "g", "x", "y", "z", "A", "B", "C", "X", "Y", "Z", "-", "é"]
        func word(_ length: Int) -> [UInt8] { Array((0..<length).map { _ in pieces.randomElement(using: &generator) ?? "a" }.joined().utf8) }
        for _ in 0..<300 {
            // Short, eight-byte and long words; some differ only past their eighth byte.
            var words = (0..<Int.random(in: 1...12, using: &generator)).map { _ in word(Int.random(in: 1...20, using: &generator)) }
            if let long = words.first(where: { $0.count > 9 && $0.prefix(8).allSatisfy { $0 < 0x80 } }) {
                words.append(Array(long.prefix(8)) + word(long.count - 8))
            }
            let lowercased = words.map { $0.map(PhraseMatcher.fold) }
            for (list, folding) in [(words, false), (lowercased, true)] {
                let strings = list.map { String(decoding: $0, as: UTF8.self) }
                let table = WordTable(strings)
                guard table.searchable else { continue }
                for _ in 0..<40 {
                    var probe = list.randomElement(using: &generator) ?? []
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: probe = probe.map { Bool.random(using: &generator) && $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
                    case 1: probe = word(Int.random(in: 1...20, using: &generator))
                    case 2: probe += word(1)
                    default: break
                    }
                    let expected = list.firstIndex { $0 == (folding ? probe.map(PhraseMatcher.fold) : probe) }
                    // Inside a line (eight bytes readable from the word's start) and at the very end of one.
                    for after in [[UInt8](repeating: 0x22, count: 9), []] {
                        let line = Array("{\"x\":\"".utf8) + probe + after
                        let found = line.withUnsafeBufferPointer { table.index(of: 6..<6 + probe.count, in: $0, folding: folding) }
                        #expect(found == expected, "\(strings) \(String(decoding: probe, as: UTF8.self)) folding: \(folding)")
                    }
                }
            }
        }
    }
}
