import RedressDiagnostics

/// The conditions of a routing rule. All given conditions must hold; a list means any of its values.
public struct RoutingConditions: Sendable, Hashable {
    public var types: [String]?
    public var services: [String]?
    public var categories: [String]?
    public var channels: [String]?
    public var makers: [String]?
    /// Phrases, any of which in the complaint's text (case-insensitive, on word boundaries) matches.
    public var mentions: [String]?
    /// Matches when the matter is older than this at receipt (from `aware_on`).
    public var matterOlderThan: PolicyDuration?
    public var range: SourceRange

    public init(range: SourceRange) {
        self.range = range
    }

    /// True when no condition is set: the rule matches everything.
    public var isEmpty: Bool {
        types == nil && services == nil && categories == nil && channels == nil && makers == nil && mentions == nil
            && matterOlderThan == nil
    }
}

/// An exclusion: the complaint is outside the procedure, with the reason and where it goes instead.
public struct Exclusion: Sendable, Hashable {
    public var reason: String
    public var redirect: String?
    /// The `source:` or `assumed:` written on the exclusion (an exclusion that can capture a
    /// statutory complaint must cite the regulation that allows it).
    public var citation: Citation?

    public init(reason: String, redirect: String?, citation: Citation? = nil) {
        self.reason = reason
        self.redirect = redirect
        self.citation = citation
    }
}

/// What a matching routing rule decides.
public enum RoutingOutcome: Sendable, Hashable {
    /// Handle under a procedure, starting at `stage` (the first stage when nil).
    case procedure(String, stage: String?)
    case exclude(Exclusion)
    /// Record as feedback of the given type (handled per the policy's `feedback` section).
    case feedback(String)
}

/// One rule of the ordered routing table: the first rule whose conditions hold decides.
public struct RoutingRule: Sendable, Hashable {
    public var id: String
    public var description: String?
    /// Nil for a catch-all rule (no `when`).
    public var conditions: RoutingConditions?
    public var outcome: RoutingOutcome
    /// Flags added to every decision this rule makes (`logged-as-formal`, `redirect-channel`).
    public var flags: [String]
    public var range: SourceRange
    /// Where the outcome's reference is written (the `stage:` value, else the `procedure:` value).
    public var referenceRange: SourceRange
    /// Who handles the complaints this rule decides, when not the stage's own handler (North
    /// Somerset's social care complaints go to its Complaints and Directorate Governance Team).
    public var handler: String? = nil

    public var isCatchAll: Bool { conditions?.isEmpty ?? true }
}
