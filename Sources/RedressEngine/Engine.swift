import RedressCalendar
import RedressDiagnostics
import RedressPolicy

/// The compiled engine for one council: every version of its policy, each judging the complaints
/// (deemed) received while it is in force. Immutable and `Sendable`; build once, use anywhere.
public struct Engine: Sendable {
    /// Versions in order of `effective_from`.
    public let versions: [CompiledPolicy]

    /// Compiles one or more checked versions of one council's policy. Versions must belong to the
    /// same council and their periods must not overlap.
    public init(_ policies: [LoadedPolicy]) throws(DiagnosticList) {
        let sorted = policies.sorted { $0.policy.version.effectiveFrom < $1.policy.version.effectiveFrom }
        guard !sorted.isEmpty else {
            throw DiagnosticList(.error("engine.no-policy", "no policy versions to compile", at: nil))
        }
        let problems = VersionTimeline.check(sorted.map(\.policy)).filter { $0.severity == .error }
        if !problems.isEmpty {
            var sources = SourceFiles()
            for policy in sorted { sources.merge(policy.sources) }
            throw DiagnosticList(problems, sources: sources)
        }
        versions = sorted.map(CompiledPolicy.init)
    }

    public var councilID: String { versions[0].policy.council.id }

    /// The version in force on `date`.
    public func version(on date: LocalDate) -> CompiledPolicy? {
        versions.last { $0.isInForce(on: date) }
    }

    /// Routes and dates one complaint. Problems with the complaint itself are thrown, to become an
    /// error record; the engine never guesses.
    public func classify(_ complaint: Complaint, explain: Bool = false) throws(RecordError) -> Decision {
        guard var compiled = version(on: complaint.received.date) else {
            throw noVersion(complaint.received.date)
        }
        var deemed = try dated { () throws(CalendarError) in try compiled.deemedReceipt(complaint.received) }
        if !compiled.isInForce(on: deemed) {
            guard let other = version(on: deemed) else { throw noVersion(deemed) }
            compiled = other
            deemed = try dated { () throws(CalendarError) in try compiled.deemedReceipt(complaint.received) }
        }
        let features = try compiled.features(complaint)
        let index = compiled.route(features)
        let plan = compiled.outcome(index)
        if let failure = plan.outcome.failure { throw RecordError(failure) }
        let calendar = compiled.calendar
        var decision = Decision(
            id: complaint.id, councilID: compiled.councilID, versionID: compiled.versionID, type: complaint.type,
            procedure: plan.outcome.procedure, stage: plan.outcome.stage, excluded: plan.outcome.excluded,
            exclusionReason: plan.outcome.exclusionReason, redirect: plan.outcome.redirect, deemedReceived: deemed, acknowledgeBy: nil, respondBy: nil, inTime: true, rule: plan.ruleID,
            source: plan.range, sourceText: plan.sourceText, flags: plan.ruleFlags, extra: complaint.extra,
            tried: explain ? compiled.trace(features, upTo: index) : nil, received: complaint.received.date)
        if complaint.service == nil, compiled.routesOnService { decision.flags.append("service-missing") }
        if !plan.outcome.flags.isEmpty { decision.flags += plan.outcome.flags }
        // Acknowledgement and response dates for the first stage, where they can be known on
        // receipt. A complaint entering at a later stage counts as escalated on its deemed receipt
        // day, so `escalation` is the same day as `receipt` here (as in `schedule`).
        if let acknowledge = plan.outcome.acknowledge {
            decision.acknowledgeBy = try dated { () throws(CalendarError) in try acknowledge.within.date(after: deemed, calendar: calendar) }
        }
        if let respond = plan.outcome.respond {
            let base = plan.outcome.respondFrom == .acknowledgement ? decision.acknowledgeBy ?? deemed : deemed
            decision.respondBy = try dated { () throws(CalendarError) in try respond.within.date(after: base, calendar: calendar) }
        }
        if let timeLimit = plan.outcome.timeLimit {
            if let awareOn = complaint.awareOn {
                let deadline = try dated { () throws(CalendarError) in try timeLimit.within.date(after: awareOn, calendar: calendar) }
                if complaint.received.date > deadline {
                    decision.inTime = false
                    decision.flags.append("out-of-time")
                }
            } else {
                decision.flags.append("aware-on-missing")
            }
        }
        // A date counted across a year whose bank holidays are not yet announced may move.
        if calendar.isProjected(deemed) || decision.acknowledgeBy.map(calendar.isProjected) == true
            || decision.respondBy.map(calendar.isProjected) == true
        {
            decision.flags.append("projected-calendar")
        }
        return decision
    }

    private func dated<T>(_ body: () throws(CalendarError) -> T) throws(RecordError) -> T {
        do {
            return try body()
        } catch {
            throw RecordError("\(error)")
        }
    }

    private func noVersion(_ date: LocalDate) -> RecordError {
        let spans = versions.map { v in
            "\(v.policy.version.id): \(v.policy.version.effectiveFrom)…\(v.policy.version.effectiveTo.map(\.description) ?? "")"
        }
        return RecordError("no version of the \(councilID) policy is in force on \(date) (\(spans.joined(separator: ", ")))")
    }
}
