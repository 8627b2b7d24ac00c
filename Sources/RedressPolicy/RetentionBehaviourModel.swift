import RedressDiagnostics

/// How long records are kept, for the cases a rule's conditions select.
public struct RetentionRule: Sendable, Hashable {
    public enum Anchor: String, Sendable, Hashable, CaseIterable {
        case closure
        case lastContact = "last-contact"
    }

    public var id: String
    public var types: [String]?
    public var procedures: [String]?
    /// Stage ids, or an ombudsman id for cases referred to it.
    public var closedAt: [String]?
    public var keep: PolicyDuration
    public var from: Anchor
    public var citation: Citation?
    public var range: SourceRange
}

/// A measurable sign that a criterion of unreasonable behaviour may be met.
public enum BehaviourSignal: Sendable, Hashable {
    /// At least `atLeast` contacts within a rolling window.
    case contacts(atLeast: Int, within: PolicyDuration)
    /// At least `atLeast` complaints on the same service and categories within a period.
    case repeatComplaints(atLeast: Int, within: PolicyDuration)
    /// Complaints on the same issue through other routes (MP, councillor, ombudsman) while one is open.
    case parallelComplaints(routes: [String])
    /// Requests for review after the procedure has been exhausted.
    case reviewAfterExhausted(atLeast: Int)
}

/// One criterion of unreasonable complainant behaviour.
public struct BehaviourCriterion: Sendable, Hashable {
    public var id: String
    public var text: String
    public var signal: BehaviourSignal?
    public var citation: Citation?
    public var range: SourceRange
}

/// The policy's unreasonable-behaviour section.
public struct BehaviourPolicy: Sendable, Hashable {
    public var criteria: [BehaviourCriterion]
    public var reviewAfter: PolicyDuration?
    public var decidedBy: String?
    public var range: SourceRange
}
