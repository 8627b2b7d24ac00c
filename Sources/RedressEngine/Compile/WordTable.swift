/// A vocabulary (types, services, channels, makers or categories) for looking words up by their
/// UTF-8 bytes, as `LineClassifier` does, with the answer `String` comparison would give.
///
/// Byte-equal strings are equal `String`s, so a byte match is the word — provided no two words of
/// the list are equal as `String`s (canonically equivalent spellings); a list with such a pair is
/// not searched by bytes at all (`index` is nil, and the record goes to the full reader). A miss
/// proves nothing (another byte spelling may be equivalent), so callers treat nil as "ask the full
/// reader", never as "not in the vocabulary" — except `asciiOnly` lists searched with ASCII words,
/// where bytes and `String` comparison agree both ways.
package struct WordTable: Sendable {
    private let words: [[UInt8]]
    /// Each word's length and first eight bytes (little-endian, zeros past its end): compared
    /// before any byte, so a look-up is a pass over integers, not over the words' bytes.
    private let keys: [(length: Int, prefix: UInt64)]
    /// No two words are equal as `String`s, so a list may be searched by bytes.
    let searchable: Bool
    /// Every word is ASCII: an ASCII word not found by bytes is in no spelling.
    let asciiOnly: Bool

    package init(_ words: [String]) {
        self.words = words.map { Array($0.utf8) }
        keys = self.words.map { word in word.withUnsafeBufferPointer { (word.count, Self.prefix(of: 0..<word.count, in: $0)) } }
        searchable = Set(words).count == words.count
        asciiOnly = words.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// The index of the word whose bytes are `bytes[range]`, or nil. `folding`: ASCII letters of
    /// `bytes` compared lowercased (for an `asciiOnly` list of lowercase words).
    package func index(of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, folding: Bool = false) -> Int? {
        guard searchable else { return nil }
        let count = range.count
        let prefix = folding ? Self.lowercasedASCII(Self.prefix(of: range, in: bytes)) : Self.prefix(of: range, in: bytes)
        for (index, key) in keys.enumerated() where key.length == count && key.prefix == prefix {
            guard count > 8 else { return index }
            let word = words[index]
            var equal = true
            for offset in 8..<count {
                let byte = bytes[range.lowerBound + offset]
                if word[offset] != (folding ? PhraseMatcher.fold(byte) : byte) {
                    equal = false
                    break
                }
            }
            if equal { return index }
        }
        return nil
    }

    /// The index of the word spelt by `word`.
    func index(of word: StaticString) -> Int? {
        let buffer = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return index(of: 0..<buffer.count, in: buffer)
    }

    /// The first eight bytes of `bytes[range]` as a little-endian integer, zeros past its end.
    static func prefix(of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = min(range.count, 8)
        if let base = bytes.baseAddress, range.lowerBound + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + range.lowerBound).loadUnaligned(as: UInt64.self))
            return count == 8 ? word : word & ((1 << (8 * UInt64(count))) - 1)
        }
        var word: UInt64 = 0
        for offset in 0..<count { word |= UInt64(bytes[range.lowerBound + offset]) << (8 * UInt64(offset)) }
        return word
    }

    /// `word` with each of its bytes in A–Z lowercased (`PhraseMatcher.fold` on all eight at once).
    static func lowercasedASCII(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs = ones << 7
        let low7 = word & ~highs
        // The high bit of each byte: its low seven bits are at least `A`, and at least `[`.
        let fromA = (low7 &+ ones &* (0x80 - 0x41)) & highs
        let pastZ = (low7 &+ ones &* (0x80 - 0x5B)) & highs
        let upper = fromA & ~pastZ & ~word & highs
        return word | (upper >> 2)
    }
}

/// A policy version's vocabularies as `WordTable`s.
struct LineWords: Sendable {
    let types, services, channels, makers, categories: WordTable

    init(_ interner: Interner) {
        types = WordTable(interner.types)
        services = WordTable(interner.services)
        channels = WordTable(interner.channels)
        makers = WordTable(interner.makers)
        categories = WordTable(interner.categories)
    }
}
