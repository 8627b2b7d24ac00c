import RedressCalendar
import RedressDiagnostics
import RedressPolicy

/// One policy version compiled for evaluation: immutable and `Sendable`.
public struct CompiledPolicy: Sendable {
    public let policy: Policy
    public let calendar: WorkingDayCalendar
    let interner: Interner
    let rules: [CompiledRule]
    let matcher: PhraseMatcher
    let usesPhrases: Bool

    public init(_ loaded: LoadedPolicy) {
        policy = loaded.policy
        calendar = loaded.calendar
        let interner = Interner(policy: loaded.policy)
        self.interner = interner
        matcher = PhraseMatcher(phrases: interner.phrases)
        rules = loaded.policy.routing.map { rule in
            let conditions = rule.conditions
            return CompiledRule(
                rule: rule,
                types: interner.set(conditions?.types, in: Interner.types),
                services: interner.set(conditions?.services, in: interner.services),
                channels: interner.set(conditions?.channels, in: Interner.channels),
                makers: interner.set(conditions?.makers, in: Interner.makers),
                categories: interner.set(conditions?.categories, in: interner.categories),
                phrases: interner.set(conditions?.mentions, in: interner.phrases),
                matterOlderThan: conditions?.matterOlderThan)
        }
        usesPhrases = !interner.phrases.isEmpty
    }

    /// The first working day on which the complaint counts as received.
    func deemedReceipt(_ received: LocalDateTime) throws(CalendarError) -> LocalDate {
        var date = received.date
        if let cutoff = policy.calendar.cutoff, let time = received.time, time > cutoff { date = date.adding(days: 1) }
        return try calendar.workingDay(onOrAfter: date)
    }

    func features(_ complaint: Complaint) throws(RecordError) -> ComplaintFeatures {
        var service: Int?
        if let name = complaint.service {
            guard let index = interner.serviceIndex[name] else {
                let hint = SpellingSuggestion.closest(to: name, in: interner.services).map { "; did you mean `\($0)`?" } ?? ""
                throw RecordError("unknown service `\(name)` for the \(policy.council.id) policy\(hint)")
            }
            service = index
        }
        var categories = IDSet(count: interner.categories.count)
        for category in complaint.categories {
            if let index = interner.categoryIndex[category.lowercased()] { categories.insert(index) }
        }
        return ComplaintFeatures(
            type: Interner.types.firstIndex(of: complaint.type) ?? 0, service: service,
            channel: complaint.channel.flatMap { Interner.channels.firstIndex(of: $0) },
            maker: complaint.madeBy.flatMap { Interner.makers.firstIndex(of: $0) }, categories: categories,
            phrases: usesPhrases ? matcher.matches(in: complaint.text ?? "") : IDSet(count: 0),
            received: complaint.received.date, awareOn: complaint.awareOn)
    }

    /// The index of the first matching rule (the last rule is a catch-all, so one always matches).
    func route(_ features: ComplaintFeatures) -> Int {
        for (index, rule) in rules.enumerated() where rule.matches(features, calendar) { return index }
        return rules.count - 1
    }

    func trace(_ features: ComplaintFeatures, upTo index: Int) -> [RuleTrace] {
        rules[..<index].map { rule in
            RuleTrace(
                rule: rule.rule.id, source: rule.rule.range,
                reason: rule.mismatch(features, interner, calendar) ?? "matches")
        }
    }
}
