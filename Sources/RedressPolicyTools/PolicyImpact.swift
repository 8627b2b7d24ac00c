import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressPolicy

/// How two versions decide the same complaints differently.
public struct PolicyImpact: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case differentProcedure = "different procedure"
        case differentStage = "different first stage"
        case newlyExcluded = "newly excluded"
        case noLongerExcluded = "no longer excluded"
        case laterDue = "later response date"
        case earlierDue = "earlier response date"
        case differentFlags = "different flags"
        case errorInOld = "error under the old version"
        case errorInNew = "error under the new version"
    }

    public var total = 0
    public var unchanged = 0
    public var counts: [Kind: Int] = [:]
    public var examples: [Kind: [String]] = [:]
    public static let examplesPerKind = 3

    /// Decides every complaint under both versions, each applied as if in force on every date.
    public static func compare(old: LoadedPolicy, new: LoadedPolicy, complaints: [Complaint]) throws(DiagnosticList) -> PolicyImpact {
        let before = try Engine([timeless(old)])
        let after = try Engine([timeless(new)])
        let calendar = new.calendar
        var impact = PolicyImpact()
        for complaint in complaints {
            impact.total += 1
            let a = Result { () throws(RecordError) in try before.classify(complaint) }
            let b = Result { () throws(RecordError) in try after.classify(complaint) }
            var kinds: [(Kind, String)] = []
            switch (a, b) {
            case (.failure(let error), .success):
                kinds.append((.errorInOld, "\(complaint.id): \(error.message)"))
            case (.success, .failure(let error)):
                kinds.append((.errorInNew, "\(complaint.id): \(error.message)"))
            case (.failure, .failure):
                break
            case (.success(let x), .success(let y)):
                kinds = differences(x, y, id: complaint.id, calendar: calendar)
            }
            if kinds.isEmpty { impact.unchanged += 1 }
            for (kind, example) in kinds {
                impact.counts[kind, default: 0] += 1
                if impact.examples[kind, default: []].count < examplesPerKind { impact.examples[kind, default: []].append(example) }
            }
        }
        return impact
    }

    static func differences(_ x: Decision, _ y: Decision, id: String, calendar: WorkingDayCalendar) -> [(Kind, String)] {
        var kinds: [(Kind, String)] = []
        let rules = "[rule \(x.rule) → \(y.rule)]"
        if !x.excluded && y.excluded { kinds.append((.newlyExcluded, "\(id): now excluded (\(y.redirect ?? y.exclusionReason ?? "")) \(rules)")) }
        if x.excluded && !y.excluded { kinds.append((.noLongerExcluded, "\(id): now under `\(y.procedure ?? "feedback")` \(rules)")) }
        if !x.excluded, !y.excluded, x.procedure != y.procedure {
            kinds.append((.differentProcedure, "\(id): \(x.procedure ?? "none") → \(y.procedure ?? "none") \(rules)"))
        } else if x.procedure == y.procedure, x.stage != y.stage {
            kinds.append((.differentStage, "\(id): \(x.stage ?? "none") → \(y.stage ?? "none") \(rules)"))
        }
        if let due = x.respondBy, let newDue = y.respondBy, due != newDue {
            let shift = (try? calendar.workingDays(from: due, to: newDue)) ?? 0
            let example = "\(id): respond by \(due) → \(newDue) (\(shift > 0 ? "+" : "")\(shift) working days) \(rules)"
            kinds.append((newDue > due ? .laterDue : .earlierDue, example))
        }
        if Set(x.flags) != Set(y.flags) {
            kinds.append((.differentFlags, "\(id): [\(x.flags.map(\.description).joined(separator: ", "))] → [\(y.flags.map(\.description).joined(separator: ", "))]"))
        }
        return kinds
    }

    /// The policy as if in force on every date, so both versions can judge the same complaints.
    static func timeless(_ loaded: LoadedPolicy) -> LoadedPolicy {
        var copy = loaded
        copy.policy.version.effectiveFrom = copy.calendar.covers.lowerBound
        copy.policy.version.effectiveTo = nil
        return copy
    }
}
