/// Finds which of many phrases occur in a text in one pass (an Aho–Corasick automaton over
/// lowercased UTF-8), counting a match only on word boundaries: `pcn` matches "my PCN." but not
/// "upcn". Built once per policy; `Sendable` and immutable.
public struct PhraseMatcher: Sendable {
    /// The phrases, lowercased, in id order.
    public let phrases: [String]
    /// The full transition table: `delta[state << 8 | byte]` is the next state (no failure loops
    /// at match time).
    private let delta: [Int32]
    /// Phrase ids ending at each state (including via failure links), with their byte lengths.
    private let outputs: [[(id: Int32, length: Int32)]]

    public init(phrases: [String]) {
        self.phrases = phrases.map { $0.lowercased() }
        var trie: [[UInt8: Int32]] = [[:]]
        var outputs: [[(id: Int32, length: Int32)]] = [[]]
        for (id, phrase) in self.phrases.enumerated() {
            var state = 0
            for byte in Self.normalised(Array(phrase.utf8)) {
                if let next = trie[state][byte] {
                    state = Int(next)
                } else {
                    trie.append([:])
                    outputs.append([])
                    trie[state][byte] = Int32(trie.count - 1)
                    state = trie.count - 1
                }
            }
            outputs[state].append((Int32(id), Int32(phrase.utf8.count)))
        }
        // Breadth-first: each state's failure target is complete before its children need it.
        var delta = [Int32](repeating: 0, count: trie.count << 8)
        var failure = [Int](repeating: 0, count: trie.count)
        for (byte, next) in trie[0] { delta[Int(byte)] = next }
        var queue = trie[0].values.map(Int.init)
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] += outputs[failure[state]]
            for byte in 0..<256 {
                if let next = trie[state][UInt8(byte)] {
                    failure[Int(next)] = Int(delta[failure[state] << 8 | byte])
                    delta[state << 8 | byte] = next
                    queue.append(Int(next))
                } else {
                    delta[state << 8 | byte] = delta[failure[state] << 8 | byte]
                }
            }
        }
        self.delta = delta
        self.outputs = outputs
    }

    public var isEmpty: Bool { phrases.isEmpty }

    /// ASCII letters folded to lowercase; other bytes kept (non-ASCII text is matched as written).
    @inline(__always) static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    static func normalised(_ bytes: [UInt8]) -> [UInt8] { bytes.map(fold) }

    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte >= 0x80
    }

    /// The ids of the phrases found in `text`, as a bit set.
    public func matches(in text: String) -> IDSet {
        var found = IDSet(count: phrases.count)
        guard !phrases.isEmpty else { return found }
        var text = Self.collapsingWhitespace(text)
        text.withUTF8 { bytes in
            var state = 0
            for index in 0..<bytes.count {
                state = Int(delta[state << 8 | Int(Self.fold(bytes[index]))])
                for output in outputs[state] {
                    let start = index + 1 - Int(output.length)
                    let beforeOK = start == 0 || !Self.isWordByte(bytes[start - 1])
                    let afterOK = index + 1 == bytes.count || !Self.isWordByte(bytes[index + 1])
                    if beforeOK && afterOK { found.insert(Int(output.id)) }
                }
            }
        }
        return found
    }
}

extension PhraseMatcher {
    /// Tabs, line breaks and runs of spaces read as one space, as a reader sees them
    /// ("PENALTY   CHARGE\nNOTICE" mentions "penalty charge notice"). Text without them is returned
    /// as it is, without copying.
    static func collapsingWhitespace(_ text: String) -> String {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C }
        var needed = false
        var previousSpace = false
        for byte in text.utf8 {
            let space = isSpace(byte)
            if space && (byte != 0x20 || previousSpace) {
                needed = true
                break
            }
            previousSpace = space
        }
        guard needed else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        previousSpace = false
        for byte in text.utf8 {
            if isSpace(byte) {
                if !previousSpace { bytes.append(0x20) }
                previousSpace = true
            } else {
                bytes.append(byte)
                previousSpace = false
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A small bit set of interned ids (phrases, services, categories). The first 128 ids live inline,
/// so the sets made per complaint allocate nothing for any realistic policy.
public struct IDSet: Sendable, Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var rest: [UInt64]

    public init(count: Int) {
        rest = count > 128 ? [UInt64](repeating: 0, count: (count - 128 + 63) / 64) : []
    }

    public mutating func insert(_ id: Int) {
        let bit: UInt64 = 1 << UInt64(id & 63)
        switch id >> 6 {
        case 0: low |= bit
        case 1: high |= bit
        default: rest[(id >> 6) - 2] |= bit
        }
    }

    public func contains(_ id: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(id & 63)
        switch id >> 6 {
        case 0: return low & bit != 0
        case 1: return high & bit != 0
        default: return (id >> 6) - 2 < rest.count && rest[(id >> 6) - 2] & bit != 0
        }
    }

    public func intersects(_ other: IDSet) -> Bool {
        if low & other.low != 0 || high & other.high != 0 { return true }
        for (a, b) in zip(rest, other.rest) where a & b != 0 { return true }
        return false
    }

    public var isEmpty: Bool { low == 0 && high == 0 && rest.allSatisfy { $0 == 0 } }
}
