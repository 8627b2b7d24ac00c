import RedressCalendar
import RedressDiagnostics

/// One semantic check of a decoded policy: takes the policy and returns diagnostics.
public protocol PolicyCheck: Sendable {
    func check(_ policy: Policy, _ context: CheckContext) -> [Diagnostic]
}

/// What checks may consult beyond the policy itself.
public struct CheckContext: Sendable {
    public var fragments: [PolicyFragment]
    /// The policy's working-day calendar, when it loaded (deadline comparisons need it).
    public var calendar: WorkingDayCalendar?
}

/// The registered checks, run in order. Each check is independent; all of them run, so one
/// `redress check` reports every problem.
public struct PolicyChecker: Sendable {
    public var checks: [any PolicyCheck]

    public static let standard = PolicyChecker(checks: [
        ReferenceCheck(),
        CatchAllCheck(),
        UnreachableRuleCheck(),
        StageTimescaleCheck(),
        ExtensionCheck(),
        StageLinkCheck(),
        RetentionCoverageCheck(),
        RetentionOverlapCheck(),
        StatutoryRouteCheck(),
        StatutoryCoverageCheck(),
        StatutoryFloorCheck(),
        CitationCheck(),
    ])

    /// Every check that can refuse a policy, without the analyses that only warn (unreachable
    /// rules, found by combining every class of complaint, which grows with the number of
    /// categories and phrases): what loading a policy to decide with runs, so a council with
    /// thousands of phrases starts and reloads fast. `redress check`, the workbench and `diff` run
    /// them all.
    public static let deciding = PolicyChecker(checks: standard.checks.filter { !($0 is UnreachableRuleCheck) })

    public func check(_ result: PolicyLoadResult) -> [Diagnostic] {
        guard let policy = result.policy else { return [] }
        let context = CheckContext(fragments: result.fragments, calendar: result.calendar)
        return checks.flatMap { $0.check(policy, context) }
    }
}

extension Array where Element == String {
    /// "did you mean" help for a misspelt reference.
    func suggestion(for word: String) -> String? {
        SpellingSuggestion.closest(to: word, in: self).map { "did you mean `\($0)`?" }
    }
}
