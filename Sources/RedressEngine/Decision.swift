import RedressCalendar
import RedressDiagnostics

/// One routing rule tried before the deciding one, and why it did not match (`--explain`).
public struct RuleTrace: Sendable, Hashable {
    public var rule: String
    public var source: SourceRange
    public var reason: String
}

/// What the engine decided for one complaint (docs/input-output.md, "Decisions").
public struct Decision: Sendable {
    public var id: String
    public var councilID: String
    public var versionID: String
    public var type: String
    public var procedure: String?
    public var stage: String?
    public var excluded: Bool
    public var exclusionReason: String?
    public var redirect: String?
    public var deemedReceived: LocalDate
    public var acknowledgeBy: LocalDate?
    public var respondBy: LocalDate?
    public var inTime: Bool
    public var rule: String
    public var source: SourceRange
    /// `path:line:column` of the deciding rule, formatted once when the policy was compiled.
    public var sourceText: String
    public var flags: [String]
    /// Input fields the contract does not name, passed through.
    public var extra: [RecordField]
    /// With `explain`: the rules tried before `rule`.
    public var tried: [RuleTrace]?
    /// The date the complaint says it was received (before any cut-off or non-working day moved it).
    public var received: LocalDate? = nil
}
