/// A vocabulary (types, services, channels, makers or categories) for looking words up by their
/// UTF-8 bytes, as `LineClassifier` does, with the answer `String` comparison would give.
///
/// Byte-equal strings are equal `String`s, so a byte match is the word — provided no two words of
/// the list are equal as `String`s (canonically equivalent spellings); a list with such a pair is
/// not searched by bytes at all (`index` is nil, and the record goes to the full reader). A miss
/// proves nothing (another byte spelling may be equivalent), so callers treat nil as "ask the full
/// reader", never as "not in the vocabulary" — except `asciiOnly` lists searched with ASCII words,
/// where bytes and `String` comparison agree both ways.
struct WordTable: Sendable {
    private let words: [[UInt8]]
    /// No two words are equal as `String`s, so a list may be searched by bytes.
    let searchable: Bool
    /// Every word is ASCII: an ASCII word not found by bytes is in no spelling.
    let asciiOnly: Bool

    init(_ words: [String]) {
        self.words = words.map { Array($0.utf8) }
        searchable = Set(words).count == words.count
        asciiOnly = words.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// The index of the word whose bytes are `bytes[range]`, or nil. `folding`: ASCII letters of
    /// `bytes` compared lowercased (for an `asciiOnly` list of lowercase words).
    func index(of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, folding: Bool = false) -> Int? {
        guard searchable else { return nil }
        for (index, word) in words.enumerated() where word.count == range.count {
            var equal = true
            for offset in 0..<word.count {
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
