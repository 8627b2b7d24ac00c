import RedressCalendar

/// A routed complaint's outcome with its dates: the deciding rule's plan, the acknowledgement and
/// response dates counted from the deemed receipt, and the flags that depend on the complaint.
struct DatedOutcome {
    /// What the complaint's time limit says.
    enum TimeLimitCheck {
        /// In time, or no time limit applies.
        case inTime
        case outOfTime
        /// A time limit applies but the complaint has no `aware_on` to check it against.
        case awareOnMissing
    }

    /// The deciding rule's index.
    var rule: Int
    var plan: RuleOutcomePlan
    var acknowledgeBy: LocalDate?
    var respondBy: LocalDate?
    var time = TimeLimitCheck.inTime
    /// The complaint names no service, and some rule routes on one.
    var serviceMissing = false
    /// A date was counted across a year whose bank holidays are not yet announced.
    var projected = false

    init(rule: Int, plan: RuleOutcomePlan) {
        self.rule = rule
        self.plan = plan
    }

    var inTime: Bool { time != .outOfTime }

    /// The decision's flags, in the order decisions list them: the rule's own, `service-missing`,
    /// the outcome's, the time limit's, `projected-calendar`.
    var flags: [String] {
        var flags = plan.ruleFlags
        if serviceMissing { flags.append("service-missing") }
        flags += plan.outcome.flags
        switch time {
        case .inTime: break
        case .outOfTime: flags.append("out-of-time")
        case .awareOnMissing: flags.append("aware-on-missing")
        }
        if projected { flags.append("projected-calendar") }
        return flags
    }
}
