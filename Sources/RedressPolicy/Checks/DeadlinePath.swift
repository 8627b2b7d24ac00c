import RedressCalendar

/// The latest a deadline can fall, as the complainant experiences it: the event the clock starts
/// from, then every duration that can run in sequence before it. A response due 10 working days
/// after an acknowledgement that is itself due 5 working days after receipt is
/// `receipt + 5 working days + 10 working days`; a review panel's response is
/// `escalation + 30 + 5 + 15 working days`.
public struct DeadlinePath: Sendable, Hashable, CustomStringConvertible {
    /// The event a chain of durations starts from.
    public enum Root: String, Sendable, Hashable {
        /// The stage's start: deemed receipt, or the escalation request for a later stage.
        case start
        /// The complaint record agreed with the complainant (happens on or after the start).
        case agreedRecord = "agreed-record"
        /// The previous response (for escalation windows).
        case response
    }

    public var root: Root
    public var steps: [PolicyDuration]

    public var description: String {
        let root = self.root == .start ? "the stage's start" : "the \(self.root.rawValue)"
        guard !steps.isEmpty else { return root }
        return steps.map(\.description).joined(separator: " + ") + " from " + root
    }

    /// The date the chain ends when its root falls on `start`.
    public func date(from start: LocalDate, calendar: WorkingDayCalendar) throws(CalendarError) -> LocalDate {
        var date = start
        for step in steps { date = try step.date(after: date, calendar: calendar) }
        return date
    }

    /// Why a timescale has no latest date.
    public enum Unbounded: Error, Sendable, Hashable {
        /// It runs from the acknowledgement, but the stage sets no time to acknowledge.
        case acknowledgementHasNoLimit
        /// It runs from a milestone the stage does not define, or the anchors form a loop.
        case unknownAnchor(String)
    }

    /// The path of a timescale of `stage`: its anchor resolved through the stage's acknowledgement
    /// and milestones, then its own duration (or `extendable_to` with `ceiling`).
    public static func of(_ timescale: Timescale, in stage: Stage, ceiling: Bool = false) throws(Unbounded) -> DeadlinePath {
        var path = try anchor(timescale.from, in: stage, depth: 0)
        path.steps.append(ceiling ? (timescale.extendableTo ?? timescale.within) : timescale.within)
        return path
    }

    static func anchor(_ name: String, in stage: Stage, depth: Int) throws(Unbounded) -> DeadlinePath {
        guard depth < 8 else { throw .unknownAnchor(name) }
        switch name {
        case "receipt", "escalation": return DeadlinePath(root: .start, steps: [])
        case "agreed-record": return DeadlinePath(root: .agreedRecord, steps: [])
        case "response": return DeadlinePath(root: .response, steps: [])
        case "acknowledgement":
            guard let acknowledge = stage.acknowledge else { throw .acknowledgementHasNoLimit }
            var path = try anchor(acknowledge.from, in: stage, depth: depth + 1)
            path.steps.append(acknowledge.within)
            return path
        default:
            guard let milestone = stage.milestones.first(where: { $0.id == name }) else { throw .unknownAnchor(name) }
            var path = try anchor(milestone.timescale.from, in: stage, depth: depth + 1)
            path.steps.append(milestone.timescale.within)
            return path
        }
    }
}

/// Compares deadline paths on every start date a calendar covers: exact, whatever the units.
public struct DeadlineComparison: Sendable {
    public let calendar: WorkingDayCalendar
    /// The start dates tried: every working day of the calendar's data, leaving room at the end
    /// for the longest chain.
    let starts: [LocalDate]

    public init(calendar: WorkingDayCalendar) {
        self.calendar = calendar
        let last = calendar.covers.upperBound.adding(years: -2)
        var starts: [LocalDate] = []
        var day = calendar.covers.lowerBound
        while day <= last {
            if (try? calendar.isWorkingDay(day)) == true { starts.append(day) }
            day = day.adding(days: 1)
        }
        self.starts = starts
    }

    /// A start date on which `path` ends after `limit` (so `path` is looser), with both end dates;
    /// nil when it never does. Paths from different roots are compared from the same date when the
    /// limit's root comes no earlier (a record is agreed on or after the stage starts).
    public func laterExample(_ path: DeadlinePath, than limit: DeadlinePath) -> (start: LocalDate, own: LocalDate, limit: LocalDate)? {
        // Exact shortcuts: the same steps never end later; one step in the same unit from the same
        // root ends later on some date exactly when its amount is larger (adding is monotonic in
        // the amount for every unit), so only the first start date is needed for the example.
        if path.root == limit.root, path.steps == limit.steps { return nil }
        if path.root == limit.root, path.steps.count == 1, limit.steps.count == 1, path.steps[0].unit == limit.steps[0].unit {
            guard path.steps[0].amount > limit.steps[0].amount else { return nil }
            for start in starts {
                guard let own = try? path.date(from: start, calendar: calendar), let bound = try? limit.date(from: start, calendar: calendar) else { continue }
                if own > bound { return (start, own, bound) }
            }
            return nil
        }
        for start in starts {
            guard let own = try? path.date(from: start, calendar: calendar),
                let bound = try? limit.date(from: start, calendar: calendar)
            else { continue }
            if own > bound { return (start, own, bound) }
        }
        return nil
    }

    /// A start date on which `path` ends before `limit` (a shorter window for the complainant).
    public func earlierExample(_ path: DeadlinePath, than limit: DeadlinePath) -> (start: LocalDate, own: LocalDate, limit: LocalDate)? {
        laterExample(limit, than: path).map { ($0.start, $0.limit, $0.own) }
    }
}
