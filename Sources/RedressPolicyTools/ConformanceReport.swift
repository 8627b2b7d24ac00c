import RedressDiagnostics
import RedressPolicy

/// How one point of a code compares with one procedure of a policy.
public struct ConformanceFinding: Sendable {
    public enum Verdict: String, Sendable {
        /// The same limit.
        case meets
        /// Better for the complainant than the code requires.
        case stricter
        /// Short of what the code requires.
        case looser
        /// The policy does not say.
        case notStated = "not stated"
    }

    public var point: String
    public var procedure: String
    public var verdict: Verdict
    public var detail: String
    public var policyRange: SourceRange?
    public var codeRange: SourceRange
}

/// Compares a policy's procedures with a complaint handling code, point by point.
public enum ConformanceReport {
    public static func compare(_ policy: Policy, with code: ConformanceCode) -> [ConformanceFinding] {
        var findings: [ConformanceFinding] = []
        let procedures = policy.procedures.filter { procedure in
            procedure.kind == code.appliesTo && procedure.definedIn == policy.path && (code.ombudsman.map { procedure.then == $0 } ?? true)
        }
        for procedure in procedures {
            for point in code.points {
                findings.append(finding(point, procedure: procedure, policy: policy, code: code))
            }
        }
        return findings
    }

    /// Days from receipt (or escalation) by which a timescale must be met, counting a deadline that
    /// runs from the acknowledgement as acknowledgement time plus its own.
    static func fromStart(_ timescale: Timescale, acknowledge: Timescale?) -> Double {
        var days = timescale.within.approximateDays
        if timescale.from == "acknowledgement" { days += acknowledge?.within.approximateDays ?? 0 }
        return days
    }

    static func verdict(_ policyDays: Double, _ codeDays: Double) -> ConformanceFinding.Verdict {
        abs(policyDays - codeDays) < 0.01 ? .meets : policyDays < codeDays ? .stricter : .looser
    }

    static func finding(_ point: ConformanceCode.Point, procedure: Procedure, policy: Policy, code: ConformanceCode) -> ConformanceFinding {
        var result = ConformanceFinding(
            point: point.id, procedure: procedure.id, verdict: .notStated, detail: "", policyRange: nil, codeRange: point.range)
        let stage = point.stage.flatMap { $0 <= procedure.stages.count ? procedure.stages[$0 - 1] : nil }
        switch point.check {
        case .stageCount:
            let limit = point.atMost ?? 2
            result.verdict = procedure.stages.count <= limit ? .meets : .looser
            result.detail = "\(procedure.stages.count) stages (\(procedure.stages.map(\.id).joined(separator: ", "))); the code allows \(limit)"
            result.policyRange = procedure.range
        case .acknowledge, .respond:
            guard let stage, let within = point.within else {
                result.detail = "the procedure has no stage \(point.stage ?? 0)"
                return result
            }
            let own = point.check == .acknowledge ? stage.acknowledge : stage.respond
            guard let own else {
                result.detail = "stage `\(stage.id)` gives no \(point.check.rawValue) timescale; the code: \(within) from \(point.from ?? "receipt")"
                result.policyRange = stage.range
                return result
            }
            // The code's own acknowledgement time for the same stage, when its response runs from it.
            let codeAcknowledge = code.points.first { $0.check == .acknowledge && $0.stage == point.stage }?.within?.approximateDays ?? 0
            let codeDays = within.approximateDays + (point.from == "acknowledgement" ? codeAcknowledge : 0)
            let ownDays = fromStart(own, acknowledge: stage.acknowledge)
            result.verdict = verdict(ownDays, codeDays)
            result.detail = "`\(stage.id)` \(point.check.rawValue): \(own.within) from \(own.from); the code: \(within) from \(point.from ?? "receipt")"
                + (point.from == "acknowledgement" || own.from == "acknowledgement" ? " (compared from receipt)" : "")
            result.policyRange = own.range
        case .extensionLimit:
            guard let stage, let within = point.within, let respond = stage.respond else {
                result.detail = "no such stage or response timescale"
                return result
            }
            guard let limit = respond.extendableTo else {
                result.detail = "`\(stage.id)` states no extension limit; the code: normally at most \(within) more, explained"
                result.policyRange = respond.range
                return result
            }
            let extra = limit.approximateDays - respond.within.approximateDays
            result.verdict = verdict(extra, within.approximateDays)
            result.detail = "`\(stage.id)` may extend to \(limit) (\(respond.within) + extension); the code: at most \(within) more"
            result.policyRange = respond.range
        case .timeLimit:
            guard let within = point.within else { return result }
            guard let own = procedure.timeLimit ?? policy.timeLimit else {
                result.detail = "no time limit to complain is stated; the code expects complaints within \(within) to be accepted"
                return result
            }
            // Accepting complaints for longer is better for complainants: the reverse of timescales.
            let ownDays = own.within.approximateDays
            result.verdict = abs(ownDays - within.approximateDays) < 1 ? .meets : ownDays > within.approximateDays ? .stricter : .looser
            result.detail = "complaints accepted within \(own.within) of becoming aware; the code: \(within)"
            result.policyRange = own.range
        }
        return result
    }
}
