import Testing

@testable import RedressEngine

/// The one-pass phrase matcher against a plain oracle — collapse whitespace runs to one space,
/// lowercase ASCII, then look for each phrase with a non-word byte (or the text's edge) on each
/// side — on random texts, with short phrases and phrases longer than the matcher's 32-byte ring.
@Suite("Phrase matcher")
struct PhraseMatcherTests {
    static func oracle(_ phrases: [String], _ text: String) -> Set<Int> {
        var collapsed: [UInt8] = []
        for byte in text.utf8 {
            let space = PhraseMatcher.isSpace(byte)
            if space, collapsed.last == 0x20 { continue }
            collapsed.append(space ? 0x20 : PhraseMatcher.fold(byte))
        }
        var found: Set<Int> = []
        for (id, phrase) in phrases.enumerated() {
            let needle = Array(phrase.lowercased().utf8)
            guard !needle.isEmpty, needle.count <= collapsed.count else { continue }
            for start in 0...(collapsed.count - needle.count) where Array(collapsed[start..<start + needle.count]) == needle {
                let before = start == 0 || !PhraseMatcher.isWordByte(collapsed[start - 1])
                let after = start + needle.count == collapsed.count || !PhraseMatcher.isWordByte(collapsed[start + needle.count])
                if before && after { found.insert(id) }
            }
        }
        return found
    }

    /// With a phrase past the ring, the bytes passed over at the root are counted as fed (for the
    /// rescan); without one, only their order in the ring is kept. Both agree with the oracle.
    @Test("agrees with the oracle on 5,000 random texts", arguments: [true, false])
    func random(withLongPhrase: Bool) {
        var generator = SystemRandomNumberGenerator()
        let words = ["pcn", "PCN", "parking", "ticket", "penalty", "charge", "notice", "upcn", "a", "é", "—", "x1"]
        let gaps = [" ", "  ", "\n", "\t ", ", ", ".", "-"]
        let long = "penalty charge notice about parking ticket pcn"  // 46 bytes: past the ring
        let phrases = ["pcn", "parking ticket", "penalty charge notice", "a"] + (withLongPhrase ? [long] : [])
        let matcher = PhraseMatcher(phrases: phrases)
        var disagreements: [String] = []
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...14, using: &generator) {
                text += (words.randomElement(using: &generator) ?? "") + (gaps.randomElement(using: &generator) ?? "")
            }
            if Int.random(in: 0..<5, using: &generator) == 0 { text += (Bool.random(using: &generator) ? "x  " : "x") + long.replacingOccurrences(of: " ", with: "\n  ") + " end" }
            let found = matcher.matches(in: text)
            let matched = Set(phrases.indices.filter { found.contains($0) })
            if matched != Self.oracle(phrases, text) { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
    }

    /// Many phrases over a small alphabet (so they overlap and share prefixes and suffixes), some
    /// with non-ASCII letters and digits, against texts made of their pieces: the byte classes and
    /// failure links of a large automaton agree with the oracle too.
    @Test("agrees with the oracle with 600 overlapping phrases")
    func manyPhrases() {
        var generator = SystemRandomNumberGenerator()
        let syllables = ["ka", "lo", "mi", "é", "ret", "s2", "KA", "lom"]
        func word() -> String { (0..<Int.random(in: 1...3, using: &generator)).map { _ in syllables.randomElement(using: &generator) ?? "" }.joined() }
        let phrases = (0..<600).map { _ in (0..<Int.random(in: 1...3, using: &generator)).map { _ in word() }.joined(separator: " ") }
        let matcher = PhraseMatcher(phrases: phrases)
        var disagreements: [String] = []
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in word() }.joined(separator: [" ", "  ", "\n", ", ", "-"].randomElement(using: &generator) ?? " ")
            let found = matcher.matches(in: text)
            let matched = Set(phrases.indices.filter { found.contains($0) })
            if matched != Self.oracle(phrases, text) { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
    }
}
