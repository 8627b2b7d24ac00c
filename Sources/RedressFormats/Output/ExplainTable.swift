import RedressEngine

/// `--explain`'s pieces for one policy version, encoded once per run into one byte arena: each
/// rule's `tried` entry up to its reason (`{"rule":…,"source":…,"reason":`), and every reason the
/// rule can give, JSON-quoted. Writing a decision's `tried` list then copies slices of the arena:
/// no text made, no reference counted per rule tried. A policy whose rules and vocabularies would
/// make the table larger than `maxReasons` keeps only the entries; its reasons are made as needed.
struct ExplainTable: Sendable {
    private let bytes: [UInt8]
    /// Rule `r`'s entry is `bytes[entries[r]..<entries[r + 1]]`.
    private let entries: [Int]
    /// Rule `r`'s reason for code `c` is `bytes[reasons[r * codes + c]..<reasons[r * codes + c + 1]]`.
    private let reasons: [Int]
    let sizes: (types: Int, services: Int, channels: Int, makers: Int)
    let codes: Int
    /// With every reason encoded: the most bytes the `tried` items of rules before `r` take,
    /// commas included, is `bounds[r]`. Empty otherwise.
    private let bounds: [Int]

    /// The most reasons encoded in advance per version.
    static let maxReasons = 200_000

    init(_ compiled: CompiledPolicy) {
        sizes = compiled.vocabularySizes
        codes = 8 + sizes.types + sizes.services + sizes.channels + sizes.makers
        let outcomes = compiled.outcomes
        var writer = ByteWriter(bytes: [])
        var entries = [0]
        for plan in outcomes {
            DecisionEncoder.triedEntry(plan.ruleID, source: plan.sourceText, &writer)
            entries.append(writer.bytes.count)
        }
        var reasons: [Int] = []
        if outcomes.count * codes <= Self.maxReasons {
            reasons.reserveCapacity(outcomes.count * codes + 1)
            let sizes = sizes
            for rule in outcomes.indices {
                for code in 0..<codes {
                    reasons.append(writer.bytes.count)
                    writer.quoted(compiled.reason(rule, Self.mismatch(code, sizes)))
                }
            }
            reasons.append(writer.bytes.count)
        }
        self.entries = entries
        self.reasons = reasons
        bytes = writer.bytes
        var bounds: [Int] = []
        if !reasons.isEmpty {
            bounds = [0]
            for rule in outcomes.indices {
                var longest = 0
                for slot in rule * codes..<(rule + 1) * codes {
                    longest = max(longest, reasons[slot + 1] - reasons[slot])
                }
                // The entry, its longest reason, the `}` and the comma before the next item.
                let entry: Int = entries[rule + 1] - entries[rule]
                bounds.append(bounds[rule] + entry + longest + 2)
            }
        }
        self.bounds = bounds
    }

    /// The most bytes the `tried` items of the rules before `rule` take, or nil when reasons are
    /// made as needed (a policy too large to encode them all in advance).
    func bound(upTo rule: Int) -> Int? {
        bounds.isEmpty ? nil : bounds[min(rule, bounds.count - 1)]
    }

    /// Writes rule `rule`'s `tried` entry with `mismatch`'s reason and the closing `}`: only for a
    /// table with every reason encoded (`bound(upTo:)` not nil).
    func write(_ rule: Int, _ mismatch: RuleMismatch?, into cursor: inout ByteCursor) {
        bytes.withUnsafeBufferPointer { bytes in
            cursor.bytes(UnsafeBufferPointer(rebasing: bytes[entries[rule]..<entries[rule + 1]]))
            let slot = rule * codes + code(mismatch)
            cursor.bytes(UnsafeBufferPointer(rebasing: bytes[reasons[slot]..<reasons[slot + 1]]))
        }
        cursor.byte(UInt8(ascii: "}"))
    }

    /// Appends rule `rule`'s `tried` entry with `mismatch`'s reason and the closing `}`.
    func write(_ rule: Int, _ mismatch: RuleMismatch?, of compiled: CompiledPolicy, into output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { bytes in
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[entries[rule]..<entries[rule + 1]]))
            if reasons.isEmpty {
                var writer = ByteWriter(bytes: output)
                output = []
                writer.quoted(compiled.reason(rule, mismatch))
                output = writer.bytes
            } else {
                let slot = rule * codes + code(mismatch)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[reasons[slot]..<reasons[slot + 1]]))
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// A mismatch as a number: 0 for none, then each word of each kind (after "none given").
    func code(_ mismatch: RuleMismatch?) -> Int {
        let services = 1 + sizes.types, channels = services + 1 + sizes.services, makers = channels + 1 + sizes.channels
        let others = makers + 1 + sizes.makers
        switch mismatch {
        case nil: return 0
        case .type(let type)?: return 1 + type
        case .service(let service)?: return services + (service.map { $0 + 1 } ?? 0)
        case .channel(let channel)?: return channels + (channel.map { $0 + 1 } ?? 0)
        case .maker(let maker)?: return makers + (maker.map { $0 + 1 } ?? 0)
        case .category?: return others
        case .phrase?: return others + 1
        case .awareOnMissing?: return others + 2
        case .matterNotOlder?: return others + 3
        }
    }

    /// The mismatch numbered `code` (the inverse of `code(_:)`).
    static func mismatch(_ code: Int, _ sizes: (types: Int, services: Int, channels: Int, makers: Int)) -> RuleMismatch? {
        var code = code
        if code == 0 { return nil }
        code -= 1
        if code < sizes.types { return .type(code) }
        code -= sizes.types
        // Each kind of word: "none given" (0), then the words.
        if code <= sizes.services { return .service(code == 0 ? nil : code - 1) }
        code -= sizes.services + 1
        if code <= sizes.channels { return .channel(code == 0 ? nil : code - 1) }
        code -= sizes.channels + 1
        if code <= sizes.makers { return .maker(code == 0 ? nil : code - 1) }
        code -= sizes.makers + 1
        switch code {
        case 0: return .category
        case 1: return .phrase
        case 2: return .awareOnMissing
        default: return .matterNotOlder
        }
    }
}
