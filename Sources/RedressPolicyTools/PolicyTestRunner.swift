import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressFormats
import RedressPolicy

/// The outcome of one test case.
public struct PolicyTestResult: Sendable {
    public struct Failure: Sendable {
        public var key: String
        public var expected: String
        public var actual: String
        public var range: SourceRange
    }

    public var testCase: PolicyTestCase
    public var failures: [Failure]
    /// The rule that decided, with its location, to show beside a failure.
    public var rule: String?
    public var ruleSource: SourceRange?
    /// What the case exercised, for coverage.
    public var exercised: Set<String>

    public var passed: Bool { failures.isEmpty }
}

/// Runs the cases of a test file against its policy.
public enum PolicyTestRunner {
    public static func run(_ file: PolicyTestFile, engine: Engine) -> [PolicyTestResult] {
        file.cases.map { run($0, engine: engine) }
    }

    static func run(_ testCase: PolicyTestCase, engine: Engine) -> PolicyTestResult {
        var actual: [String: String] = [:]
        var flags: [String] = []
        var stages: [String: [String: String]] = [:]
        var result = PolicyTestResult(testCase: testCase, failures: [], exercised: [])
        do {
            if let asOf = testCase.asOf {
                let schedule = try engine.schedule(CaseHistory(record: testCase.record), asOf: asOf)
                let decision = try engine.classify(Complaint(record: testCase.record))
                result.rule = decision.rule
                result.ruleSource = decision.source
                actual = [
                    "version": schedule.versionID, "procedure": schedule.procedure ?? "null", "status": schedule.status.rawValue,
                    "delete_after": text(schedule.deleteAfter), "closed_at": schedule.closedAt ?? "null",
                    "next_due": text(schedule.nextDue?.due), "ombudsman_from": text(schedule.ombudsmanFrom),
                    "retention_rule": schedule.retentionRule ?? "null",
                ]
                flags = schedule.flags.map(\.description)
                for stage in schedule.stages {
                    stages[stage.stage] = [
                        "respond_by": text(stage.respondBy), "acknowledge_by": text(stage.acknowledgeBy),
                        "responded": text(stage.responded), "met": stage.met.map { String($0) } ?? "null",
                        "days_late": stage.daysLate.map(String.init) ?? "null", "escalate_by": text(stage.escalateBy),
                        "occurrence": String(stage.occurrence),
                    ]
                    result.exercised.insert("stage:\(schedule.procedure ?? ""):\(stage.stage)")
                }
                result.exercised.insert("rule:\(schedule.versionID):\(decision.rule)")
                if let retention = schedule.retentionRule { result.exercised.insert("retention:\(schedule.versionID):\(retention)") }
            } else {
                let decision = try engine.classify(Complaint(record: testCase.record))
                result.rule = decision.rule
                result.ruleSource = decision.source
                actual = [
                    "version": decision.versionID, "procedure": decision.procedure ?? "null", "stage": decision.stage ?? "null", "handler": decision.handler ?? "null",
                    "excluded": String(decision.excluded), "redirect": decision.redirect ?? "null", "in_time": String(decision.inTime),
                    "rule": decision.rule, "acknowledge_by": text(decision.acknowledgeBy), "respond_by": text(decision.respondBy),
                    "deemed_received": decision.deemedReceived.description,
                ]
                flags = decision.flags.map(\.description)
                result.exercised.insert("rule:\(decision.versionID):\(decision.rule)")
                if let procedure = decision.procedure, let stage = decision.stage { result.exercised.insert("stage:\(procedure):\(stage)") }
            }
            actual["error"] = "null"
        } catch {
            actual = ["error": error.message]
        }
        for expectation in testCase.expectations {
            if let failure = compare(expectation, actual: actual, flags: flags, stages: stages) { result.failures.append(failure) }
        }
        return result
    }

    static func text(_ date: LocalDate?) -> String { date?.description ?? "null" }

    static func compare(
        _ expectation: Expectation, actual: [String: String], flags: [String], stages: [String: [String: String]]
    ) -> PolicyTestResult.Failure? {
        let key = expectation.stage.map { "stages.\($0).\(expectation.key)" } ?? expectation.key
        func failure(_ expected: String, _ got: String) -> PolicyTestResult.Failure {
            PolicyTestResult.Failure(key: key, expected: expected, actual: got, range: expectation.range)
        }
        if actual["error"] != "null", expectation.key != "error" {
            return failure(describe(expectation.value), "error: \(actual["error"] ?? "")")
        }
        switch expectation.value {
        case .list(let expected):
            guard expectation.key == "flags" else { return failure(expected.joined(separator: ", "), "a list is only expected for `flags`") }
            let missing = expected.filter { !flags.contains($0) }
            return missing.isEmpty ? nil : failure("flags including \(expected.joined(separator: ", "))", flags.isEmpty ? "no flags" : flags.joined(separator: ", "))
        case .null, .text:
            let expected = describe(expectation.value)
            let got: String
            if let stage = expectation.stage {
                guard let values = stages[stage] else { return failure("stage `\(stage)` reached", "stages reached: \(stages.keys.sorted().joined(separator: ", "))") }
                got = values[expectation.key] ?? "null"
            } else {
                got = actual[expectation.key] ?? "null"
            }
            switch expectation.key {
            case "redirect", "error":
                if expected == "null" { return got == "null" ? nil : failure(expected, got) }
                return got.localizedLowercase.contains(expected.localizedLowercase) ? nil : failure("text containing `\(expected)`", got)
            default:
                return got == expected ? nil : failure(expected, got)
            }
        }
    }

    static func describe(_ value: Expectation.Value) -> String {
        switch value {
        case .null: "null"
        case .text(let text): text
        case .list(let items): items.joined(separator: ", ")
        }
    }

    /// What the cases exercised of a policy: its routing rules, reachable stages and retention
    /// rules, each version's counted separately.
    public struct Coverage: Sendable {
        public var total: Int
        public var missing: [String]
        public var covered: Int { total - missing.count }
        /// Percent covered (100 when there is nothing to cover).
        public var percent: Double { total == 0 ? 100 : Double(covered) * 100 / Double(total) }
    }

    public static func coverage(engine: Engine, results: [PolicyTestResult]) -> Coverage {
        let exercised = results.reduce(into: Set<String>()) { $0.formUnion($1.exercised) }
        var items: [(key: String, label: String)] = []
        for version in engine.versions {
            let policy = version.policy
            let id = policy.version.id
            for rule in policy.routing {
                items.append(("rule:\(id):\(rule.id)", "\(rule.range): routing rule `\(rule.id)` (version \(id))"))
            }
            for retention in policy.retention {
                items.append(("retention:\(id):\(retention.id)", "\(retention.range): retention rule `\(retention.id)` (version \(id))"))
            }
            let reachable = Set(policy.routing.compactMap { rule -> String? in
                if case .procedure(let procedure, _) = rule.outcome { return procedure }
                return nil
            })
            for procedure in policy.procedures where reachable.contains(procedure.id) {
                for stage in procedure.stages {
                    items.append(("stage:\(procedure.id):\(stage.id)", "\(stage.range): stage `\(stage.id)` of `\(procedure.id)` (version \(id))"))
                }
            }
        }
        var seen: Set<String> = []
        let unique = items.filter { seen.insert($0.label).inserted }
        return Coverage(total: unique.count, missing: unique.filter { !exercised.contains($0.key) }.map(\.label).sorted())
    }

    /// Routing rules, stages and retention rules of the policy that no passing or failing case exercised.
    public static func uncovered(engine: Engine, results: [PolicyTestResult]) -> [String] {
        coverage(engine: engine, results: results).missing
    }
}
