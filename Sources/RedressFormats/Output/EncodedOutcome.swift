import RedressEngine

/// A policy version's constant parts of a decision, encoded once per `LineClassifier`: each rule's
/// outcome, and the policy's own fields.
final class EncodedVersion: Sendable {
    let outcomes: [EncodedOutcome]
    /// `,"policy":{"council":…,"version":…},"type":`
    let policy: [UInt8]
    /// CSV: `,council,version,`
    let csvPolicy: [UInt8]
    /// `--explain`'s entries and reasons; nil without `--explain`.
    let explain: ExplainTable?

    init(_ compiled: CompiledPolicy, explain: Bool) {
        outcomes = compiled.outcomes.map(EncodedOutcome.init)
        self.explain = explain ? ExplainTable(compiled) : nil
        policy = EncodedOutcome.policy(councilID: compiled.councilID, versionID: compiled.versionID)
        csvPolicy = EncodedOutcome.csvPolicy(councilID: compiled.councilID, versionID: compiled.versionID)
    }
}

/// A rule's outcome as the constant parts of a JSON Lines decision and of a CSV row, encoded once
/// when a `LineClassifier` is made, so `LineClassifier` writes a decision by copying them around the
/// complaint's own values. The layouts are `DecisionEncoder`'s; `LineClassifierTests` checks the
/// two byte for byte in both formats.
final class EncodedOutcome: Sendable {
    /// `,"procedure":…,"stage":…,"handler":…,"excluded":…,"redirect":…(,"exclusion_reason":…),"deemed_received":`
    let head: [UInt8]
    /// `,"rule":…,"source":…,"flags":[`
    let tail: [UInt8]
    /// The rule's own flags, then the outcome's, each quoted and joined by commas.
    let ruleFlags: [UInt8]
    let outcomeFlags: [UInt8]
    /// CSV: `,procedure,stage,handler,excluded,redirect,exclusion_reason,` (the received date next).
    let csvOutcome: [UInt8]
    /// CSV: `,rule,source,` (the flags cell next).
    let csvRule: [UInt8]

    init(_ plan: RuleOutcomePlan) {
        let outcome = plan.outcome
        var head = ByteWriter(bytes: [])
        DecisionEncoder.outcome(
            procedure: outcome.procedure, stage: outcome.stage, handler: outcome.handler, excluded: outcome.excluded, redirect: outcome.redirect,
            exclusionReason: outcome.exclusionReason, &head)
        self.head = head.bytes
        var tail = ByteWriter(bytes: [])
        DecisionEncoder.rule(plan.ruleID, sourceText: plan.sourceText, &tail)
        tail.raw("[")
        self.tail = tail.bytes
        var flags = ByteWriter(bytes: [])
        flags.items(plan.ruleFlags.map(\.description))
        ruleFlags = flags.bytes
        flags.bytes = []
        flags.items(outcome.flags.map(\.description))
        outcomeFlags = flags.bytes
        var csv = ByteWriter(bytes: [])
        for cell in [outcome.procedure, outcome.stage, outcome.handler] {
            csv.raw(",")
            csv.csvCell(cell ?? "")
        }
        csv.raw(",")
        csv.bool(outcome.excluded)
        for cell in [outcome.redirect, outcome.exclusionReason] {
            csv.raw(",")
            csv.csvCell(cell ?? "")
        }
        csv.raw(",")
        csvOutcome = csv.bytes
        csv.bytes = []
        for cell in [plan.ruleID, plan.sourceText] {
            csv.raw(",")
            csv.csvCell(cell)
        }
        csv.raw(",")
        csvRule = csv.bytes
    }

    /// CSV: `,council,version,` for a policy version (the type next).
    static func csvPolicy(councilID: String, versionID: String) -> [UInt8] {
        var writer = ByteWriter(bytes: [])
        for cell in [councilID, versionID] {
            writer.raw(",")
            writer.csvCell(cell)
        }
        writer.raw(",")
        return writer.bytes
    }

    /// `,"policy":{"council":…,"version":…},"type":` for a policy version.
    static func policy(councilID: String, versionID: String) -> [UInt8] {
        var writer = ByteWriter(bytes: [])
        DecisionEncoder.policy(councilID: councilID, versionID: versionID, &writer)
        return writer.bytes
    }

    /// The most bytes `writeFlags` can write: the rule's and the outcome's flags, the named flags
    /// a decision can add (each quoted, after a comma), the commas and the `]`.
    var flagsBound: Int { ruleFlags.count + outcomeFlags.count + Self.namedFlagsBound + 3 }

    private static let namedFlagsBound = DatedOutcome.namedFlags.reduce(0) { $0 + $1.description.utf8.count + 3 }

    /// The flags array's items after `tail`, in `DatedOutcome`'s order, and its `]`.
    func writeFlags(_ dated: DatedOutcome, into writer: inout some ByteOutput) {
        // No local function for the comma: one that captures these variables and is called from
        // the closure below would have them boxed on the heap, once per decision.
        var empty = true
        dated.forEachFlagPart { part in
            switch part {
            case .rule where !ruleFlags.isEmpty:
                if !empty { writer.byte(UInt8(ascii: ",")) }
                writer.bytes(ruleFlags)
            case .outcome where !outcomeFlags.isEmpty:
                if !empty { writer.byte(UInt8(ascii: ",")) }
                writer.bytes(outcomeFlags)
            case .named(let flag):
                if !empty { writer.byte(UInt8(ascii: ",")) }
                writer.quotedPlain(flag.description)  // named flags are plain words
            case .rule, .outcome: return
            }
            empty = false
        }
        writer.byte(UInt8(ascii: "]"))
    }
}
