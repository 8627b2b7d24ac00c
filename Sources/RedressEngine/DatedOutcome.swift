import RedressCalendar

/// A routed complaint's outcome with its dates: the deciding rule's plan, the acknowledgement and
/// response dates counted from the deemed receipt, and the flags that depend on the complaint.
package struct DatedOutcome {
    /// What the complaint's time limit says.
    package enum TimeLimitCheck {
        /// In time, or no time limit applies.
        case inTime
        case outOfTime
        /// A time limit applies but the complaint has no `aware_on` to check it against.
        case awareOnMissing
    }

    /// The deciding rule's index.
    package var rule: Int
    package var plan: RuleOutcomePlan
    package var acknowledgeBy: LocalDate?
    package var respondBy: LocalDate?
    var time = TimeLimitCheck.inTime
    /// The complaint names no service, and some rule routes on one.
    var serviceMissing = false
    /// A date was counted across a year whose bank holidays are not yet announced.
    var projected = false

    init(rule: Int, plan: RuleOutcomePlan) {
        self.rule = rule
        self.plan = plan
    }

    package var inTime: Bool { time != .outOfTime }

    /// A part of a decision's flags.
    package enum FlagPart {
        /// The rule's own flags (`plan.ruleFlags`).
        case rule
        /// The outcome's flags (`plan.outcome.flags`).
        case outcome
        case named(CaseFlag)
    }

    /// Every flag `forEachFlagPart` can name, for writers that size their memory beforehand
    /// (`NamedFlagTests` holds the two to each other).
    package static let namedFlags: [CaseFlag] = [.serviceMissing, .outOfTime, .awareOnMissing, .projectedCalendar]

    /// The decision's flags in the order decisions list them — the rule's own, `service-missing`,
    /// the outcome's, the time limit's, `projected-calendar` — for `flags` and for
    /// `EncodedOutcome.writeFlags`, so the two cannot list them differently.
    package func forEachFlagPart(_ body: (FlagPart) -> Void) {
        body(.rule)
        if serviceMissing { body(.named(.serviceMissing)) }
        body(.outcome)
        switch time {
        case .inTime: break
        case .outOfTime: body(.named(.outOfTime))
        case .awareOnMissing: body(.named(.awareOnMissing))
        }
        if projected { body(.named(.projectedCalendar)) }
    }

    package var flags: [CaseFlag] {
        // Usually only the rule's and the outcome's: those are joined once per rule, and shared.
        if !serviceMissing, time == .inTime, !projected { return plan.fixedFlags }
        var flags: [CaseFlag] = []
        flags.reserveCapacity(plan.fixedFlags.count + 3)
        forEachFlagPart { part in
            switch part {
            case .rule: flags += plan.ruleFlags
            case .outcome: flags += plan.outcome.flags
            case .named(let flag): flags.append(flag)
            }
        }
        return flags
    }
}
