import RedressCalendar
import RedressDiagnostics

/// The council a policy belongs to.
public struct Council: Sendable, Hashable {
    public var id: String
    public var name: String
    public var nation: String
}

/// Which version of the council's policy this is, and when it is in force.
public struct PolicyVersion: Sendable, Hashable {
    public var id: String
    public var effectiveFrom: LocalDate
    public var effectiveTo: LocalDate?
    /// Where `effective_from` and `effective_to` are written (for errors about overlapping versions).
    public var effectiveFromRange: SourceRange
    public var effectiveToRange: SourceRange?
    /// Who approved the version, when, and the decision's reference (`approved:`).
    public var approval: Approval? = nil

    /// `approved: { by: Cabinet, on: 2019-09-12, minute: "…" }`, or the older free text.
    public struct Approval: Sendable, Hashable {
        public var by: String
        public var on: LocalDate?
        public var minute: String?
        public var range: SourceRange
    }

    public func isInForce(on date: LocalDate) -> Bool {
        date >= effectiveFrom && (effectiveTo.map { date <= $0 } ?? true)
    }
}

/// A document the policy cites, by a short id (`policy`, `web-page`).
public struct SourceDocument: Sendable, Hashable {
    public var id: String
    public var title: String
    public var range: SourceRange
}

/// The working-day calendar the policy counts in.
public struct CalendarSettings: Sendable, Hashable {
    public var region: String
    public var closures: [Holiday]
    /// Complaints received after this local time count as received the next working day.
    public var cutoff: TimeOfDay?
    public var range: SourceRange
    /// The council's recurring days off (`local_holidays:`).
    public var rules: [HolidayRule] = []
}

/// A fragment the policy imports by name (`statutory/children-england`).
public struct PolicyImport: Sendable, Hashable {
    public var name: String
    public var range: SourceRange
}

/// A group of services a council reports together (a directorate or department), from the policy's
/// optional `directorates:`; the report groups services by it.
public struct Directorate: Sendable, Hashable {
    public var id: String
    public var name: String
    public var services: [String]
    /// Where each service is named, in the order of `services`.
    public var serviceRanges: [SourceRange]
    public var range: SourceRange
}

/// A council's complaints policy, decoded and typed, every part with its source location.
public struct Policy: Sendable {
    public var path: String
    public var council: Council
    public var version: PolicyVersion
    public var sources: [SourceDocument]
    public var calendar: CalendarSettings
    public var imports: [PolicyImport]
    /// Which services are under which statutory procedure (`statutory_routes:`).
    public var statutoryRoutes: StatutoryRoutes?
    /// Services beyond the shared vocabulary that this policy names.
    public var localServices: [String]
    public var procedures: [Procedure]
    public var feedback: [FeedbackHandling]
    public var routing: [RoutingRule]
    public var timeLimit: TimeLimit?
    public var retention: [RetentionRule]
    public var behaviour: BehaviourPolicy?
    /// How the council groups its services for reporting (`directorates:`); empty when not declared.
    public var directorates: [Directorate] = []
    /// Every number the policy states, with its citation (for `check`).
    public var numbers: [CitedNumber]
    /// Every `source:` and `assumed:` the policy (and its imports) writes, wherever it stands.
    public var citations: [Citation] = []
    public var range: SourceRange
    /// False when `council`, `version` or `calendar` did not decode: the rest is still checked,
    /// but the policy is never compiled or compared with other versions.
    public var isComplete = true
    /// False when a routing rule did not decode: checks over the whole routing table are skipped.
    public var routingIsComplete = true
    /// The library's vocabulary with this policy's additions.
    public var vocabulary = PolicyVocabulary()

    public var services: [String] { vocabulary.services + localServices.filter { !vocabulary.services.contains($0) } }

    /// The procedure with this id. Only the one found is copied: `first(where:)` would copy every
    /// procedure it looks at (a reference count for each of their parts).
    public func procedure(_ id: String) -> Procedure? {
        for index in procedures.indices where procedures[index].id == id { return procedures[index] }
        return nil
    }
}

/// The policy's declaration of which services are statutory social care (children's, adults) and
/// the statutory procedure each must reach, or why none are (a district council without social
/// care functions). Required: forgetting it cannot pass `check` silently.
public struct StatutoryRoutes: Sendable, Hashable {
    public struct Route: Sendable, Hashable {
        public var service: String
        public var procedure: String
        public var range: SourceRange
    }

    /// Empty when `none` is given.
    public var routes: [Route]
    /// The reason given with `none:`.
    public var noneReason: String?
    public var range: SourceRange
}
