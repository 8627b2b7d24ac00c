import RedressDiagnostics

/// The versions of one council's policy, checked against each other: one council, no two in force
/// on the same day (an error at the later version's `effective_from`, with the earlier version's
/// end as a note), and a warning for days no version covers.
public enum VersionTimeline {
    public static func check(_ policies: [Policy]) -> [Diagnostic] {
        let sorted = policies.sorted { $0.version.effectiveFrom < $1.version.effectiveFrom }
        guard let first = sorted.first else { return [] }
        var found: [Diagnostic] = []
        for policy in sorted.dropFirst() where policy.council.id != first.council.id {
            found.append(
                .error(
                    .policyMixedCouncils, "`\(policy.council.id)` is not `\(first.council.id)`: a council folder holds one council's versions",
                    at: policy.range, related: [RelatedLocation("`\(first.council.id)` is here", at: first.range)]))
        }
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            let earlier = previous.version
            let later = next.version
            guard let end = earlier.effectiveTo else {
                found.append(
                    .error(
                        .policyOverlappingVersions,
                        "version `\(later.id)` starts \(later.effectiveFrom) while `\(earlier.id)` (from \(earlier.effectiveFrom), with no end) is still in force",
                        at: later.effectiveFromRange,
                        help: "give `\(earlier.id)` `effective_to: \(later.effectiveFrom.adding(days: -1))`",
                        related: [RelatedLocation("`\(earlier.id)` starts here and has no `effective_to`", at: earlier.effectiveFromRange)]))
                continue
            }
            if end >= later.effectiveFrom {
                found.append(
                    .error(
                        .policyOverlappingVersions,
                        "version `\(later.id)` starts \(later.effectiveFrom), but `\(earlier.id)` is in force until \(end): complaints received in between would have two policies",
                        at: later.effectiveFromRange,
                        help: "end `\(earlier.id)` on \(later.effectiveFrom.adding(days: -1)), or start `\(later.id)` on \(end.adding(days: 1))",
                        related: [RelatedLocation("`\(earlier.id)` ends here", at: earlier.effectiveToRange ?? earlier.effectiveFromRange)]))
            } else if end.adding(days: 1) < later.effectiveFrom {
                found.append(
                    .warning(
                        .policyVersionGap,
                        "no version is in force from \(end.adding(days: 1)) to \(later.effectiveFrom.adding(days: -1)): complaints received then cannot be judged",
                        at: later.effectiveFromRange, help: "start `\(later.id)` on \(end.adding(days: 1)), or end `\(earlier.id)` later",
                        related: [RelatedLocation("`\(earlier.id)` ends here", at: earlier.effectiveToRange ?? earlier.effectiveFromRange)]))
            }
        }
        return found
    }
}
