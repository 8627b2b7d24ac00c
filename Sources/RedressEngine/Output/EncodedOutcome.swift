/// A rule's outcome as the constant parts of a JSON Lines decision, encoded once when the policy is
/// compiled, so `LineClassifier` writes a decision by copying them around the complaint's own
/// values. The layout is `DecisionEncoder`'s; `LineClassifierTests` checks the two byte for byte.
struct EncodedOutcome: Sendable {
    /// `,"procedure":…,"stage":…,"excluded":…,"redirect":…(,"exclusion_reason":…),"deemed_received":`
    let head: [UInt8]
    /// `,"rule":…,"source":…,"flags":[`
    let tail: [UInt8]
    /// The rule's own flags, then the outcome's, each quoted and joined by commas.
    let ruleFlags: [UInt8]
    let outcomeFlags: [UInt8]

    init(_ plan: RuleOutcomePlan) {
        let outcome = plan.outcome
        var head = ByteWriter(bytes: [])
        head.raw(",\"procedure\":")
        head.quoted(outcome.procedure)
        head.raw(",\"stage\":")
        head.quoted(outcome.stage)
        head.raw(",\"excluded\":")
        head.bool(outcome.excluded)
        head.raw(",\"redirect\":")
        head.quoted(outcome.redirect)
        if outcome.excluded {
            head.raw(",\"exclusion_reason\":")
            head.quoted(outcome.exclusionReason)
        }
        head.raw(",\"deemed_received\":")
        self.head = head.bytes
        var tail = ByteWriter(bytes: [])
        tail.raw(",\"rule\":")
        tail.quoted(plan.ruleID)
        tail.raw(",\"source\":")
        tail.quoted(plan.sourceText)
        tail.raw(",\"flags\":[")
        self.tail = tail.bytes
        ruleFlags = Self.joined(plan.ruleFlags)
        outcomeFlags = Self.joined(outcome.flags)
    }

    /// `,"policy":{"council":…,"version":…},"type":` for a policy version.
    static func policy(councilID: String, versionID: String) -> [UInt8] {
        var writer = ByteWriter(bytes: [])
        writer.raw(",\"policy\":{\"council\":")
        writer.quoted(councilID)
        writer.raw(",\"version\":")
        writer.quoted(versionID)
        writer.raw("},\"type\":")
        return writer.bytes
    }

    private static func joined(_ flags: [String]) -> [UInt8] {
        var writer = ByteWriter(bytes: [])
        for (index, flag) in flags.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.quoted(flag)
        }
        return writer.bytes
    }

    /// The flags array's items after `tail`, in `DatedOutcome.flags`' order, and its `]`.
    func writeFlags(_ dated: DatedOutcome, into writer: inout ByteWriter) {
        var empty = true
        func item(_ bytes: [UInt8]) {
            guard !bytes.isEmpty else { return }
            if !empty { writer.bytes.append(UInt8(ascii: ",")) }
            writer.bytes.append(contentsOf: bytes)
            empty = false
        }
        func item(_ flag: StaticString) {
            if !empty { writer.bytes.append(UInt8(ascii: ",")) }
            writer.raw(flag)
            empty = false
        }
        item(ruleFlags)
        if dated.serviceMissing { item("\"service-missing\"") }
        item(outcomeFlags)
        switch dated.time {
        case .inTime: break
        case .outOfTime: item("\"out-of-time\"")
        case .awareOnMissing: item("\"aware-on-missing\"")
        }
        if dated.projected { item("\"projected-calendar\"") }
        writer.bytes.append(UInt8(ascii: "]"))
    }
}
