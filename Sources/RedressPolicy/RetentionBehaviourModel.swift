import RedressDiagnostics

/// How long records are kept, for the cases a rule's conditions select.
public struct RetentionRule: Sendable, Hashable {
    public enum Anchor: String, Sendable, Hashable, CaseIterable {
        case closure
        /// The later of closure and the last contact with the complainant ("from closure/last
        /// contact", North Somerset's words).
        case closureOrLastContact = "closure-or-last-contact"
        /// The same reading as `closure-or-last-contact`: a contact before closure cannot make the
        /// record go sooner.
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

    /// True when the rule covers a case of this type, under this procedure (nil when excluded or
    /// feedback), closed at this stage or ombudsman (nil while open).
    @inlinable
    public func matches(type: String, procedure: String?, closedAt place: String?) -> Bool {
        if let types, !types.contains(type) { return false }
        if let procedures, !(procedure.map(procedures.contains) ?? false) { return false }
        if let closedAt, !(place.map(closedAt.contains) ?? false) { return false }
        return true
    }
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
