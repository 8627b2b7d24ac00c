import RedressCalendar
import RedressEngine

/// Classifies JSON Lines complaints straight from their bytes: the fields are found as byte ranges
/// of the line (`ComplaintLine`), looked up, routed and dated by the engine from those ranges
/// (`Engine.decide(_:in:received:awareOn:forEachCategory:)`, the same `decide` as
/// `Engine.classify`), and written by copying the rule's pre-encoded outcome (`EncodedOutcome`:
/// JSON Lines and CSV pieces; `ExplainTable`: `tried` entries and reasons) around the complaint's
/// values — no `Complaint` or `Decision` per record; a table row goes through the full path's own
/// layout (`DecisionEncoder.tableRow`).
///
/// It takes only records it can decide exactly as the full path (`JSONObjectReader` → `Complaint`
/// → `Engine.classify` → `DecisionEncoder`) would, and writes the same bytes; for any other record —
/// an escape, a nested value, an unusual date, a near-miss field name, anything the full path would
/// reject — it writes nothing and returns false, and the caller takes the full path, which decides
/// it or writes the error record. `LineClassifierTests` holds the two paths to the same output on
/// every bundled policy and on generated records built to probe each boundary.
///
/// Making one encodes every rule's outcome, so make one per run and give each thread a copy:
/// copies share those bytes.
public struct LineClassifier: Sendable {
    private let engine: Engine
    /// The format and, for a table, its layout.
    private let encoder: DecisionEncoder
    /// Whether decisions list the rules tried before the deciding one (`--explain`).
    private let explain: Bool
    /// Each version's outcomes and policy, pre-encoded, in the order of `engine.versions`.
    private let versions: [EncodedVersion]
    /// Reused from record to record: the fields beyond the contract, and an escaped text decoded.
    private var extras: [ComplaintLine.Extra] = []
    private var decodedText: [UInt8] = []
    /// What to do with each unknown field name seen so far (the first 64 names), found by
    /// comparing bytes: no string made or hashed for the few names a CRM's export repeats.
    private var names: [(name: [UInt8], verdict: NameVerdict)] = []

    private enum NameVerdict: Sendable {
        case passThrough
        /// A name the decision itself uses (`rule`, `flags`, …): not passed through.
        case reserved
        /// Close to a contract field: the full path rejects the record, with a suggestion.
        case nearMiss
    }

    public init(_ engine: Engine, encoder: DecisionEncoder = DecisionEncoder(format: .jsonl), explain: Bool = false) {
        self.engine = engine
        self.encoder = encoder
        self.explain = explain
        versions = engine.versions.map { EncodedVersion($0, explain: explain && encoder.format == .jsonl) }
        extras.reserveCapacity(16)
    }

    public init(_ engine: Engine, format: DecisionEncoder.Format) {
        self.init(engine, encoder: DecisionEncoder(format: format))
    }

    /// Decides one JSON Lines record (a line without its line break) and appends the decision, as
    /// `DecisionEncoder` writes it in the classifier's format, to `output`. False, with nothing
    /// written, when the record must take the full path.
    public mutating func classify(_ line: ArraySlice<UInt8>, into output: inout [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { classify($0, into: &output) }
    }

    mutating func classify(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        decide(bytes, into: &output) != nil
    }

    /// What a record decided here was: the id of the policy version that decided and the
    /// complaint's id — what the service's decision record names.
    public struct Decided: Sendable, Equatable {
        public var versionID: String
        public var id: String
    }

    /// `classify`, answering which version decided and the complaint's id (nil, with nothing
    /// written, when the record must take the full path).
    public mutating func decide(_ line: ArraySlice<UInt8>, into output: inout [UInt8]) -> Decided? {
        line.withUnsafeBufferPointer { bytes in
            decide(bytes, into: &output).map { Decided(versionID: engine.versions[$0.version].versionID, id: String(decoding: bytes[$0.id], as: UTF8.self)) }
        }
    }

    private mutating func decide(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> (version: Int, id: Range<Int>)? {
        guard InputEncoding.isValidUTF8(bytes), let line = ComplaintLine.scan(bytes, extras: &extras) else { return nil }
        func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }
        // `Complaint`'s checks, in the plain form: an id that is not blank and not too long, real
        // dates, awareness no later than receipt.
        guard let id = line.id, id.count <= 256, bytes[id.lowerBound] > 0x20, bytes[id.lowerBound] < 0x80,
            let receivedRange = line.received, let received = LocalDateTime(plainISO: slice(receivedRange))
        else { return nil }
        var awareOn: LocalDate?
        if let range = line.awareOn {
            guard let date = LocalDate(plainISO: slice(range)), date <= received.date else { return nil }
            awareOn = date
        }
        // One bit per extra field (at most 64: `ComplaintLine.maxExtras`).
        var reserved: UInt64 = 0
        for (index, extra) in extras.enumerated() {
            switch verdict(slice(extra.name)) {
            case .passThrough: break
            case .reserved: reserved |= 1 << UInt64(index)
            case .nearMiss: return nil
            }
        }
        let ranges = ComplaintRanges(
            type: line.type, service: line.service, channel: line.channel, madeBy: line.madeBy, hasCategories: line.categories != nil)
        func decide(text: UnsafeBufferPointer<UInt8>?) -> ByteDecision? {
            engine.decide(ranges, in: bytes, text: text, received: received, awareOn: awareOn, forEachCategory: { line.forEachCategory(in: bytes, $0) })
        }
        let decision: ByteDecision?
        if line.textEscaped, let text = line.text {
            decodedText.removeAll(keepingCapacity: true)
            guard JSONStringDecoder.decode(bytes, text, into: &decodedText) else { return nil }
            decision = decodedText.withUnsafeBufferPointer { decide(text: $0) }
        } else {
            decision = decide(text: line.text.map(slice))
        }
        guard let decided = decision else { return nil }
        let version = versions[decided.version]
        let dated = decided.dated, deemed = decided.deemed
        let encoded = version.outcomes[dated.rule]
        var writer = ByteWriter(bytes: output)
        output = []
        defer { output = writer.bytes }
        switch encoder.format {
        case .jsonl: break
        case .table:
            let outcome = dated.plan.outcome
            encoder.tableRow(
                id: String(decoding: slice(id), as: UTF8.self), procedure: outcome.procedure, stage: outcome.stage, excluded: outcome.excluded,
                redirect: outcome.redirect, exclusionReason: outcome.exclusionReason, received: received.date, deemed: deemed,
                acknowledgeBy: dated.acknowledgeBy, respondBy: dated.respondBy, inTime: dated.inTime, rule: dated.plan.ruleID, flags: dated.flags,
                tried: explain ? engine.versions[decided.version].trace(decided.features, upTo: dated.rule) : nil, into: &writer.bytes)
            return (decided.version, id)
        case .csv:
            // The columns of `DecisionEncoder.sheet`, in its order.
            writer.csvCell(String(decoding: slice(id), as: UTF8.self))
            writer.bytes.append(contentsOf: version.csvPolicy)
            writer.csvCell(line.type.map { String(decoding: slice($0), as: UTF8.self) } ?? "complaint")
            writer.bytes.append(contentsOf: encoded.csvOutcome)
            writer.plainDate(received.date)
            writer.raw(",")
            writer.plainDate(deemed)
            writer.raw(",")
            writer.plainDate(dated.acknowledgeBy)
            writer.raw(",")
            writer.plainDate(dated.respondBy)
            writer.raw(",")
            writer.bool(dated.inTime)
            writer.bytes.append(contentsOf: encoded.csvRule)
            let flags = dated.flags
            if !flags.isEmpty { writer.csvCell(flags.map(\.description).joined(separator: ";")) }
            writer.raw("\r\n")
            return (decided.version, id)
        }
        // The decision's pieces put together in memory sized for them, then copied out once.
        let idBytes = slice(id), typeBytes = line.type.map(slice)
        // Fields passed through, each as `,"name":value` (as `close` writes them).
        var extrasBytes = 0
        for (index, extra) in extras.enumerated() where reserved & (1 << UInt64(index)) == 0 {
            extrasBytes += extra.name.count + extra.value.count + 4
        }
        // `--explain`'s list goes in too when every reason is encoded in advance (so its size is known).
        let triedBound = version.explain.flatMap { $0.bound(upTo: dated.rule) }
        let closes = version.explain == nil || triedBound != nil
        let bound =
            Self.fixedBytes + idBytes.count + version.policy.count + (typeBytes?.count ?? 0) + encoded.head.count + encoded.tail.count
            + encoded.flagsBound + (triedBound.map { $0 + 12 } ?? 0) + extrasBytes
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { memory in
            var cursor = ByteCursor(memory)
            cursor.raw("{\"id\":\"")
            cursor.bytes(idBytes)
            cursor.raw("\"")
            cursor.bytes(version.policy)
            if let typeBytes {
                cursor.raw("\"")
                cursor.bytes(typeBytes)
                cursor.raw("\"")
            } else {
                cursor.raw("\"complaint\"")
            }
            cursor.bytes(encoded.head)
            cursor.date(deemed)
            DecisionEncoder.dates(acknowledgeBy: dated.acknowledgeBy, respondBy: dated.respondBy, inTime: dated.inTime, &cursor)
            cursor.bytes(encoded.tail)
            encoded.writeFlags(dated, into: &cursor)
            if let table = version.explain, triedBound != nil {
                cursor.raw(",\"tried\":[")
                let compiled = engine.versions[decided.version]
                compiled.forEachMismatch(decided.features, upTo: dated.rule) { rule, mismatch in
                    if rule > 0 { cursor.byte(UInt8(ascii: ",")) }
                    table.write(rule, mismatch, into: &cursor)
                }
                cursor.byte(UInt8(ascii: "]"))
            }
            if closes { Self.close(passingThrough: extras, except: reserved, of: bytes, into: &cursor) }
            writer.bytes.append(contentsOf: cursor.written)
        }
        if closes { return (decided.version, id) }
        if let table = version.explain, triedBound == nil {
            writer.raw(",\"tried\":[")
            let compiled = engine.versions[decided.version]
            compiled.forEachMismatch(decided.features, upTo: dated.rule) { rule, mismatch in
                if rule > 0 { writer.raw(",") }
                table.write(rule, mismatch, of: compiled, into: &writer.bytes)
            }
            writer.raw("]")
        }
        Self.close(passingThrough: extras, except: reserved, of: bytes, into: &writer)
        return (decided.version, id)
    }

    /// The decision's end: each field passed through as `,"name":value` (those whose bit is set in
    /// `reserved` are not), then `}` and the line break. Inlined: as a call it cost every record
    /// about 300 instructions more (callgrind), though most records pass nothing through.
    @inline(__always)
    private static func close(
        passingThrough extras: [ComplaintLine.Extra], except reserved: UInt64, of line: UnsafeBufferPointer<UInt8>, into out: inout some ByteOutput
    ) {
        for (index, extra) in extras.enumerated() where reserved & (1 << UInt64(index)) == 0 {
            out.raw(",\"")
            out.bytes(UnsafeBufferPointer(rebasing: line[extra.name]))
            out.raw("\":")
            out.bytes(UnsafeBufferPointer(rebasing: line[extra.value]))
        }
        out.raw("}\n")
    }

    /// The most bytes a JSON Lines decision needs besides its id, type, policy and its rule's encoded
    /// parts: `{"id":"` and `"`, `"complaint"` or the type's quotes, the deemed date, the dates and
    /// `in_time` (`DecisionEncoder.dates`), `}` and the line break; and room to spare.
    private static let fixedBytes = 7 + 1 + 11 + 12 + (18 + 12 + 14 + 12 + 11 + 5) + 2 + 64

    private mutating func verdict(_ name: UnsafeBufferPointer<UInt8>) -> NameVerdict {
        for known in names where known.name.count == name.count {
            var same = true
            for offset in 0..<name.count where known.name[offset] != name[offset] {
                same = false
                break
            }
            if same { return known.verdict }
        }
        let text = String(decoding: name, as: UTF8.self)
        let verdict: NameVerdict =
            FieldContract.complaint.nearMiss(text) != nil
            ? .nearMiss : DecisionEncoder.reservedFields.contains(text) ? .reserved : .passThrough
        if names.count < 64 { names.append((Array(name), verdict)) }
        return verdict
    }
}
