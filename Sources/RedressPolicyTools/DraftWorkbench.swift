import Foundation
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressFormats
import RedressPolicy

/// A policy officer's draft, worked on beside its council's versions: the process diagram, the
/// council's test file run against it, a complaint decided with its explanation, and the complete
/// diff against the version in force. What the web workbench shows; each answer is JSON.
public struct DraftWorkbench: Sendable {
    public let draft: LoadedPolicy
    public let library: PolicyLibrary
    /// The council folder the draft belongs to (its other versions, its tests).
    public let councilFolder: String?

    /// Loads and checks the draft; throws every diagnostic when it is not valid.
    public init(text: String, path: String, library: PolicyLibrary, councilFolder: String?) throws(DiagnosticList) {
        self.draft = try PolicyLoader(library: library, checker: .deciding).loadChecked(bytes: Array(text.utf8), path: path)
        self.library = library
        self.councilFolder = councilFolder
    }

    /// The council's versions with the draft in place of the version it revises (same version id),
    /// or added as the next one: a version still open-ended when the draft starts ends the day
    /// before (as adopting the draft records in its file).
    func engineWithDraft() throws(DiagnosticList) -> Engine {
        var loaded = [draft]
        for var version in otherVersions() {
            if let end = supersededEnd(of: version.policy.version) { version.policy.version.effectiveTo = end }
            loaded.append(version)
        }
        return try Engine(loaded)
    }

    /// The council's other versions (not the one the draft revises), checked.
    func otherVersions() -> [LoadedPolicy] {
        guard let councilFolder else { return [] }
        let loader = PolicyLoader(library: library, checker: .deciding)
        return ((try? Engine.policyFiles(at: councilFolder)) ?? []).compactMap { file in
            guard let version = try? loader.loadChecked(path: file), version.policy.version.id != draft.policy.version.id else { return nil }
            return version
        }
    }

    /// The day an open-ended version ends when the draft follows it; nil when the draft does not.
    public func supersededEnd(of version: PolicyVersion) -> LocalDate? {
        let start = draft.policy.version.effectiveFrom
        guard version.effectiveTo == nil, version.effectiveFrom < start else { return nil }
        return start.adding(days: -1)
    }

    /// The files of the versions the draft ends (open-ended ones that start before it), with the
    /// day each ends.
    public func supersededFiles() -> [(path: String, end: LocalDate)] {
        otherVersions().compactMap { version in supersededEnd(of: version.policy.version).map { (version.policy.path, $0) } }
    }

    /// The draft's process as Graphviz DOT (the service renders it to SVG).
    public var dot: String { PolicyDiagram(policy: draft.policy).screenDOT }

    /// Why the council's tests do not pass against the draft; empty when they all pass. A council
    /// with no tests cannot show that the draft keeps its decisions, so that is a reason too.
    public func testFailures(council: String) -> [String] {
        let path = library.root + "/tests/\(council).yaml"
        guard FileManager.default.fileExists(atPath: path) else { return ["the library has no tests for \(council): add tests before adopting a version"] }
        func describe(_ result: PolicyTestResult, _ failures: [PolicyTestResult.Failure], _ how: String) -> String {
            "test \"\(result.testCase.name)\"\(how) fails: " + failures.map { "\($0.key) expected \($0.expected), got \($0.actual)" }.joined(separator: "; ")
        }
        do {
            let file = try PolicyTestFile.load(path: path)
            var reasons = PolicyTestRunner.run(file, engine: try engineWithDraft()).filter { !$0.passed }.map { describe($0, $0.failures, "") }
            // A draft that follows the version in force decides nothing the tests date before its
            // first day; so the cases that pin the version it replaces are decided by the draft
            // too, as if it were in force then (their `version` aside): it must keep them.
            let replaced = otherVersions().map(\.policy.version).filter { supersededEnd(of: $0) != nil }.map(\.effectiveFrom).max()
            if let replaced {
                let timeless = try Engine([PolicyImpact.timeless(draft)])
                for testCase in file.cases {
                    guard let received = try? Complaint(record: testCase.record).received.date, received >= replaced else { continue }
                    let result = PolicyTestRunner.run(testCase, engine: timeless)
                    let failures = result.failures.filter { $0.key != "version" }
                    if !failures.isEmpty { reasons.append(describe(result, failures, " (decided by the draft)")) }
                }
            }
            return reasons
        } catch {
            return ["the tests cannot run: \(error.diagnostics.first?.message ?? "unknown error")"]
        }
    }

    /// Mermaid and numbered text always; the SVG when the service could draw it, else a note why not.
    public func diagramJSON(svg: String?, note: String?) -> String {
        let diagram = PolicyDiagram(policy: draft.policy)
        return JSONText.object([
            ("title", JSONText.quoted(diagram.title)), ("svg", svg.map(JSONText.quoted) ?? "null"),
            ("mermaid", JSONText.quoted(diagram.render(.mermaid))), ("text", JSONText.quoted(diagram.render(.text))),
            ("note", svg == nil ? JSONText.quoted(note ?? "the diagram could not be drawn: the Mermaid text is shown instead") : nil),
        ])
    }

    /// The council's test file (`tests/<council>.yaml` in the library) run against the draft.
    public func testsJSON(council: String) -> String {
        let path = library.root + "/tests/\(council).yaml"
        guard FileManager.default.fileExists(atPath: path) else {
            return TestReportEncoder.json([TestFileReport(path: path, results: [], error: "the library has no tests for `\(council)`")])
        }
        do {
            let file = try PolicyTestFile.load(path: path)
            let results = PolicyTestRunner.run(file, engine: try engineWithDraft())
            return TestReportEncoder.json([TestFileReport(path: path, results: results)])
        } catch {
            return TestReportEncoder.json([TestFileReport(path: path, results: [], error: error.diagnostics.first?.message ?? "cannot run the tests")])
        }
    }

    /// One complaint decided by the draft (as if in force on every date), with the rules tried
    /// before the deciding one and why each did not match, and the working days counted.
    /// With `events` among the complaint's fields, the answer also holds the case's `schedule` as
    /// of `asOf` (or the error that makes the history impossible).
    public func classifyJSON(_ fields: [RecordField], asOf: LocalDate? = nil) -> String {
        let engine: Engine
        do {
            engine = try Engine([PolicyImpact.timeless(draft)])
        } catch {
            return JSONText.object([("error", JSONText.quoted(error.diagnostics.first?.message ?? "the draft cannot be compiled"))])
        }
        do {
            let decision = try engine.classify(try Complaint(record: InputRecord(line: 1, fields: fields)), explain: true)
            let encoded = DecisionEncoder(format: .jsonl).encode(decision).trimmingCharacters(in: .newlines)
            let counted = decision.respondBy.flatMap { due in try? draft.calendar.workingDays(from: decision.deemedReceived, to: due) }
            var members = [
                ("decision", encoded), ("working_days_to_respond", counted.map(String.init) ?? "null"),
                ("rule_line", String(decision.source.start.line)), ("rule_column", String(decision.source.start.column)),
            ]
            if fields.contains(where: { $0.name == "events" }) {
                do {
                    let history = try CaseHistory(record: InputRecord(line: 1, fields: fields))
                    let schedule = try engine.schedule(history, asOf: asOf ?? decision.deemedReceived)
                    members.append(("schedule", ScheduleEncoder(format: .jsonl).encode(schedule).trimmingCharacters(in: .newlines)))
                } catch {
                    members.append(("schedule_error", JSONText.quoted(error.message)))
                }
            }
            return JSONText.object(members)
        } catch {
            return JSONText.object([("error", JSONText.quoted(error.message))])
        }
    }

    /// The complete diff against the council's version in force on `date` (or its latest), with
    /// its impact on the council's example complaints (the complaints of its test file).
    public func diffJSON(inForceOn date: LocalDate, council: String, base: String? = nil) -> String {
        guard let councilFolder else { return JSONText.object([("error", JSONText.quoted("no council to compare with"))]) }
        let loader = PolicyLoader(library: library, checker: .deciding)
        if let base {
            // Another draft: compared as it is, with the same example complaints.
            guard let other = try? loader.loadChecked(bytes: Array(base.utf8), path: "base.yaml") else {
                return JSONText.object([("error", JSONText.quoted("the draft compared with has errors; open it and fix them first"))])
            }
            let examples = ((try? PolicyTestFile.load(path: library.root + "/tests/\(council).yaml"))?.cases ?? [])
                .filter { $0.asOf == nil }.compactMap { try? Complaint(record: $0.record) }
            return DiffReport(old: other, new: draft, impact: try? PolicyImpact.compare(old: other, new: draft, complaints: examples)).json()
        }
        let versions = ((try? Engine.policyFiles(at: councilFolder)) ?? []).compactMap { try? loader.loadChecked(path: $0) }
        guard let current = versions.first(where: { $0.policy.version.isInForce(on: date) }) ?? versions.last else {
            return JSONText.object([("error", JSONText.quoted("the council has no valid version to compare with"))])
        }
        let examples = ((try? PolicyTestFile.load(path: library.root + "/tests/\(council).yaml"))?.cases ?? [])
            .filter { $0.asOf == nil }.compactMap { try? Complaint(record: $0.record) }
        let impact = try? PolicyImpact.compare(old: current, new: draft, complaints: examples)
        return DiffReport(old: current, new: draft, impact: impact).json()
    }
}
