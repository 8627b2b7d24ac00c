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
    /// Who handles it: the deciding rule's `handler`, else the stage's or the feedback type's.
    public var handler: String? = nil
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
    public var flags: [CaseFlag]
    /// Input fields the contract does not name, passed through.
    public var extra: [RecordField]
    /// With `explain`: the rules tried before `rule`.
    public var tried: [RuleTrace]?
    /// The date the complaint says it was received (before any cut-off or non-working day moved it).
    public var received: LocalDate? = nil

    public init(
        id: String, councilID: String, versionID: String, type: String, procedure: String?, stage: String?, excluded: Bool,
        exclusionReason: String?, redirect: String?, deemedReceived: LocalDate, acknowledgeBy: LocalDate?, respondBy: LocalDate?,
        inTime: Bool, rule: String, source: SourceRange, sourceText: String, flags: [CaseFlag], extra: [RecordField],
        tried: [RuleTrace]?, received: LocalDate?
    ) {
        self.id = id
        self.councilID = councilID
        self.versionID = versionID
        self.type = type
        self.procedure = procedure
        self.stage = stage
        self.excluded = excluded
        self.exclusionReason = exclusionReason
        self.redirect = redirect
        self.deemedReceived = deemedReceived
        self.acknowledgeBy = acknowledgeBy
        self.respondBy = respondBy
        self.inTime = inTime
        self.rule = rule
        self.source = source
        self.sourceText = sourceText
        self.flags = flags
        self.extra = extra
        self.tried = tried
        self.received = received
    }
}
