import RedressCalendar
import RedressDiagnostics
import RedressPolicy

/// The compiled engine for one council: every version of its policy, each judging the complaints
/// (deemed) received while it is in force. Immutable and `Sendable`; build once, use anywhere.
public struct Engine: Sendable {
    /// Versions in order of `effective_from`.
    public let versions: [CompiledPolicy]
    /// Each version's period, in the same order (read per complaint without touching the versions).
    private let periods: [(from: LocalDate, to: LocalDate?)]

    /// Compiles one or more checked versions of one council's policy. Versions must belong to the
    /// same council and their periods must not overlap.
    public init(_ policies: [LoadedPolicy]) throws(DiagnosticList) {
        let sorted = policies.sorted { $0.policy.version.effectiveFrom < $1.policy.version.effectiveFrom }
        guard !sorted.isEmpty else {
            throw DiagnosticList(.error(.engineNoPolicy, "no policy versions to compile", at: nil))
        }
        let problems = VersionTimeline.check(sorted.map(\.policy)).filter { $0.severity == .error }
        if !problems.isEmpty {
            var sources = SourceFiles()
            for policy in sorted { sources.merge(policy.sources) }
            throw DiagnosticList(problems, sources: sources)
        }
        versions = sorted.map(CompiledPolicy.init)
        periods = sorted.map { ($0.policy.version.effectiveFrom, $0.policy.version.effectiveTo) }
    }

    public var councilID: String { versions[0].policy.council.id }

    /// The version in force on `date`.
    public func version(on date: LocalDate) -> CompiledPolicy? {
        versions.last { $0.isInForce(on: date) }
    }

    /// Routes and dates one complaint. Problems with the complaint itself are thrown, to become an
    /// error record; the engine never guesses.
    public func classify(_ complaint: Complaint, explain: Bool = false) throws(RecordError) -> Decision {
        let (compiled, deemed) = try version(receiving: complaint.received)
        let features = try compiled.features(complaint)
        let dated = try decide(
            features, in: compiled, deemed: deemed, received: complaint.received.date, hasService: complaint.service != nil)
        let plan = dated.plan
        var decision = Decision(
            id: complaint.id, councilID: compiled.councilID, versionID: compiled.versionID, type: complaint.type,
            procedure: plan.outcome.procedure, stage: plan.outcome.stage, excluded: plan.outcome.excluded,
            exclusionReason: plan.outcome.exclusionReason, redirect: plan.outcome.redirect, deemedReceived: deemed,
            acknowledgeBy: dated.acknowledgeBy, respondBy: dated.respondBy, inTime: dated.inTime, rule: plan.ruleID,
            source: plan.range, sourceText: plan.sourceText, flags: dated.flags, extra: complaint.extra,
            tried: explain ? compiled.trace(features, upTo: dated.rule) : nil, received: complaint.received.date)
        decision.handler = plan.outcome.handler
        return decision
    }

    /// The version that judges a complaint received at `received`, and its deemed receipt by that
    /// version's calendar (a receipt deemed into the next version's period is judged by that one).
    func version(receiving received: LocalDateTime) throws(RecordError) -> (CompiledPolicy, LocalDate) {
        let (index, deemed) = try versionIndex(receiving: received)
        return (versions[index], deemed)
    }

    /// `version(receiving:)` as an index into `versions`.
    func versionIndex(receiving received: LocalDateTime) throws(RecordError) -> (Int, LocalDate) {
        guard var index = versionIndex(inForceOn: received.date) else { throw noVersion(received.date) }
        var deemed = try deemedReceipt(received, byVersion: index)
        if !covers(periods[index], deemed) {
            guard let other = versionIndex(inForceOn: deemed) else { throw noVersion(deemed) }
            index = other
            deemed = try deemedReceipt(received, byVersion: index)
        }
        return (index, deemed)
    }

    /// The last version whose period covers `date` (every record asks: a plain loop, no closures).
    private func versionIndex(inForceOn date: LocalDate) -> Int? {
        var index = periods.count - 1
        while index >= 0 {
            if covers(periods[index], date) { return index }
            index -= 1
        }
        return nil
    }

    private func covers(_ period: (from: LocalDate, to: LocalDate?), _ date: LocalDate) -> Bool {
        date >= period.from && (period.to.map { date <= $0 } ?? true)
    }

    private func deemedReceipt(_ received: LocalDateTime, byVersion index: Int) throws(RecordError) -> LocalDate {
        do {
            return try versions[index].deemedReceipt(received)
        } catch {
            throw RecordError("\(error)")
        }
    }

    /// Routes a complaint's features and works out its dates and flags: everything of a decision
    /// that is not the complaint's own text. Shared by `classify` and `LineClassifier`, so the two
    /// cannot decide differently.
    func decide(
        _ features: ComplaintFeatures, in compiled: CompiledPolicy, deemed: LocalDate, received: LocalDate, hasService: Bool
    ) throws(RecordError) -> DatedOutcome {
        let index = compiled.route(features)
        let plan = compiled.outcome(index)
        if let failure = plan.outcome.failure { throw RecordError(failure) }
        let calendar = compiled.calendar
        var result = DatedOutcome(rule: index, plan: plan)
        result.serviceMissing = !hasService && compiled.routesOnService
        // Acknowledgement and response dates for the first stage, where they can be known on
        // receipt. A complaint entering at a later stage counts as escalated on its deemed receipt
        // day, so `escalation` is the same day as `receipt` here (as in `schedule`).
        if let acknowledge = plan.outcome.acknowledge {
            result.acknowledgeBy = try Self.date(acknowledge, after: deemed, calendar)
        }
        if let respond = plan.outcome.respond {
            let base = plan.outcome.respondFrom == .acknowledgement ? result.acknowledgeBy ?? deemed : deemed
            result.respondBy = try Self.date(respond, after: base, calendar)
        }
        if let timeLimit = plan.outcome.timeLimit {
            if let awareOn = features.awareOn {
                let deadline = try Self.date(timeLimit, after: awareOn, calendar)
                if received > deadline { result.time = .outOfTime }
            } else {
                result.time = .awareOnMissing
            }
        }
        // A date counted across a year whose bank holidays are not yet announced may move.
        result.projected =
            calendar.isProjected(deemed) || result.acknowledgeBy.map(calendar.isProjected) == true
            || result.respondBy.map(calendar.isProjected) == true
        return result
    }

    /// `duration` after `date`; a date the calendar cannot count is the record's error.
    private static func date(_ duration: PolicyDuration, after date: LocalDate, _ calendar: WorkingDayCalendar) throws(RecordError) -> LocalDate {
        do {
            return try duration.date(after: date, calendar: calendar)
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
