/// Finds which of many phrases occur in a text in one pass (an Aho–Corasick automaton over
/// lowercased UTF-8), counting a match only on word boundaries: `pcn` matches "my PCN." but not
/// "upcn". Built once per policy; `Sendable` and immutable.
public struct PhraseMatcher: Sendable {
    /// The phrases, lowercased, in id order.
    public let phrases: [String]
    /// The full transition table over byte classes: `delta[state * classCount + class]` is the
    /// next state (no failure loops at match time). Bytes that no phrase uses share a class, so
    /// the table has a column per letter the phrases use rather than 256: a policy of 10,000
    /// phrases builds in milliseconds and megabytes.
    private let delta: [Int32]
    private let classCount: Int
    /// Phrase ids ending at each state (including via failure links), with their byte lengths.
    private let outputs: [[(id: Int32, length: Int32)]]
    /// Whether any phrase ends at each state: the per-byte test, so the output lists are only
    /// touched where a match may be.
    private let accepting: [Bool]
    /// What each byte is fed as: its class (bits 8 and up) and the byte itself with ASCII letters
    /// lowercased and every whitespace byte a space (bits 0–7, for the word-boundary checks).
    private let feeds: [UInt32]
    /// The bytes that move the automaton off its root: every other byte, met at the root, leaves
    /// it there and can be passed over with one look-up.
    private let leavesRoot: [Bool]
    /// True when some phrase is 31 bytes or longer: a match's preceding byte may then lie beyond
    /// the ring and is found by counting fed bytes from the text's start, so the bytes passed
    /// over at the root must be counted as fed (collapsed whitespace and all).
    private let hasLongPhrases: Bool

    /// Classes every matcher has: bytes no phrase uses that are not word bytes, those that are,
    /// and whitespace.
    private static let otherClass = 0, otherWordClass = 1, spaceClass = 2

    public init(phrases: [String]) {
        self.phrases = phrases.map { $0.lowercased() }
        let normalised = self.phrases.map { Self.normalised(Array($0.utf8)) }
        // A class for each byte the phrases use (as folded), after the three every matcher has.
        var classOfFolded = [Int](repeating: -1, count: 256)
        classOfFolded[0x20] = Self.spaceClass
        var classCount = 3
        for phrase in normalised {
            for byte in phrase where classOfFolded[Int(byte)] < 0 {
                classOfFolded[Int(byte)] = classCount
                classCount += 1
            }
        }
        feeds = (0..<256).map { raw in
            let byte = UInt8(raw)
            let fed = Self.isSpace(byte) ? 0x20 : Self.fold(byte)
            let known = classOfFolded[Int(fed)]
            let byteClass = Self.isSpace(byte) ? Self.spaceClass : known >= 0 ? known : Self.isWordByte(fed) ? Self.otherWordClass : Self.otherClass
            return UInt32(byteClass) << 8 | UInt32(fed)
        }
        // The trie, as rows of the table (-1: no edge yet).
        var delta = [Int32](repeating: -1, count: classCount)
        var outputs: [[(id: Int32, length: Int32)]] = [[]]
        for (id, phrase) in normalised.enumerated() {
            var state = 0
            for byte in phrase {
                let cell = state * classCount + classOfFolded[Int(byte)]
                if delta[cell] < 0 {
                    delta[cell] = Int32(outputs.count)
                    delta.append(contentsOf: repeatElement(-1, count: classCount))
                    outputs.append([])
                }
                state = Int(delta[cell])
            }
            outputs[state].append((Int32(id), Int32(self.phrases[id].utf8.count)))
        }
        // Breadth-first: each state's failure target is complete before its children need it, and
        // its missing edges are copied from the failure target's finished row.
        var failure = [Int32](repeating: 0, count: outputs.count)
        var queue: [Int32] = []
        queue.reserveCapacity(outputs.count)
        delta.withUnsafeMutableBufferPointer { delta in
            failure.withUnsafeMutableBufferPointer { failure in
                for byteClass in 0..<classCount {
                    if delta[byteClass] < 0 { delta[byteClass] = 0 } else { queue.append(delta[byteClass]) }
                }
                var head = 0
                while head < queue.count {
                    let state = Int(queue[head])
                    head += 1
                    let row = state * classCount, failureRow = Int(failure[state]) * classCount
                    for byteClass in 0..<classCount {
                        let next = delta[row + byteClass]
                        if next >= 0 {
                            failure[Int(next)] = delta[failureRow + byteClass]
                            queue.append(next)
                        } else {
                            delta[row + byteClass] = delta[failureRow + byteClass]
                        }
                    }
                }
            }
        }
        // In breadth-first order, so each failure target's list is complete before it is copied.
        for state in queue.map(Int.init) where !outputs[Int(failure[state])].isEmpty {
            outputs[state] += outputs[Int(failure[state])]
        }
        self.delta = delta
        self.classCount = classCount
        self.outputs = outputs
        self.accepting = outputs.map { !$0.isEmpty }
        let feeds = self.feeds
        self.leavesRoot = (0..<256).map { delta[Int(feeds[$0] >> 8)] != 0 }
        self.hasLongPhrases = normalised.contains { $0.count >= 31 }
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

    /// The ids of the phrases found in `text`, as a bit set. One pass over the text's bytes: each
    /// run of whitespace is fed to the automaton as one space (as a reader sees "PENALTY   CHARGE\n
    /// NOTICE"), and the bytes fed are kept in a small ring so a match's preceding byte can be
    /// checked for a word boundary without copying the text.
    public func matches(in text: String) -> IDSet {
        var text = text
        return text.withUTF8 { matches(in: $0) }
    }

    /// The ids of the phrases found in a text given as UTF-8 bytes.
    public func matches(in bytes: UnsafeBufferPointer<UInt8>) -> IDSet {
        var found = IDSet(count: phrases.count)
        guard !phrases.isEmpty else { return found }
        delta.withUnsafeBufferPointer { delta in
            accepting.withUnsafeBufferPointer { accepting in
                feeds.withUnsafeBufferPointer { feeds in
                    leavesRoot.withUnsafeBufferPointer { leavesRoot in
                        scan(bytes, delta: delta, accepting: accepting, feeds: feeds, leavesRoot: leavesRoot, into: &found)
                    }
                }
            }
        }
        return found
    }

    private func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, delta: UnsafeBufferPointer<Int32>, accepting: UnsafeBufferPointer<Bool>,
        feeds: UnsafeBufferPointer<UInt32>, leavesRoot: UnsafeBufferPointer<Bool>, into found: inout IDSet
    ) {
        var ring: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &ring) { ring in
            var state = 0
            var fed = 0
            var previousSpace = false
            // The root accepts nothing (no phrase is empty), so a byte that leaves the root where
            // it is needs only to be fed: no table row to follow, no match to look for.
            let rootAccepts = accepting[0]
            var index = 0
            while index < bytes.count {
                defer { index += 1 }
                if state == 0 && !rootAccepts {
                    // Passed over: at the root, only a match that starts later can be found, and
                    // only the last byte passed over can precede it, so only it goes into the
                    // ring. The count of bytes fed only orders the ring, so it moves on by one
                    // unless it must stay the true count (for the rescan of long phrases).
                    let rootStart = index
                    while index < bytes.count && !leavesRoot[Int(bytes[index])] { index += 1 }
                    if index > rootStart {
                        fed &+= hasLongPhrases ? Self.fedCount(bytes[rootStart..<index], afterSpace: previousSpace) : 1
                        let last = UInt8(truncatingIfNeeded: feeds[Int(bytes[index - 1])])
                        ring[(fed &- 1) & 31] = last
                        previousSpace = last == 0x20
                    }
                    if index == bytes.count { break }
                }
                // Folded as fed: word bytes stay word bytes, so the boundary checks below hold.
                let feed = feeds[Int(bytes[index])]
                let byte = UInt8(truncatingIfNeeded: feed)
                if byte == 0x20 {
                    if previousSpace { continue }
                    previousSpace = true
                } else {
                    previousSpace = false
                }
                ring[fed & 31] = byte
                fed += 1
                state = Int(delta[state &* classCount &+ Int(feed >> 8)])
                guard accepting[state] else { continue }
                for output in outputs[state] {
                    let start = fed - Int(output.length)
                    // The byte fed just before the match: from the ring when the phrase is shorter
                    // than it, else by a rescan.
                    let before: UInt8? =
                        start == 0 ? nil : Int(output.length) < 31 ? ring[(start - 1) & 31] : Self.fedByte(bytes, at: start - 1)
                    let beforeOK = before.map { !Self.isWordByte($0) } ?? true
                    let afterOK = index + 1 == bytes.count || !Self.isWordByte(bytes[index + 1])
                    if beforeOK && afterOK { found.insert(Int(output.id)) }
                }
            }
        }
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    /// How many of `bytes` are fed to the automaton (each whitespace run as one space), after
    /// a space when `afterSpace`.
    static func fedCount(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, afterSpace: Bool) -> Int {
        var count = 0
        var previousSpace = afterSpace
        for byte in bytes {
            let space = isSpace(byte)
            if !(space && previousSpace) { count += 1 }
            previousSpace = space
        }
        return count
    }

    /// The `position`th byte fed to the automaton (whitespace runs as one space), by a rescan: only
    /// for phrases longer than the ring.
    static func fedByte(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt8 {
        var fed = 0
        var previousSpace = false
        for byte in bytes {
            let space = isSpace(byte)
            if space && previousSpace { continue }
            previousSpace = space
            if fed == position { return space ? 0x20 : byte }
            fed += 1
        }
        return 0x20
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
        default: insertBeyondInline(id)
        }
    }

    /// Kept out of line: inlined into a loop, the optimiser made `rest` unique before the loop
    /// (copying it, even empty) for every set, though ids past 128 are rare.
    @inline(never)
    private mutating func insertBeyondInline(_ id: Int) {
        rest[(id >> 6) - 2] |= 1 << UInt64(id & 63)
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

    /// Calls `body` with each id in the set, in ascending order.
    public func forEachMember(_ body: (Int) -> Void) {
        func each(_ word: UInt64, from base: Int) {
            var word = word
            while word != 0 {
                body(base + word.trailingZeroBitCount)
                word &= word - 1
            }
        }
        each(low, from: 0)
        each(high, from: 64)
        for (index, word) in rest.enumerated() { each(word, from: 128 + index * 64) }
    }
}
