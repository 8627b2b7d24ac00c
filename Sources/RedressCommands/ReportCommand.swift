import ArgumentParser
import Foundation
import RedressCalendar
import RedressEngine
import RedressPolicy
import RedressPolicyTools
import RedressReport

/// `redress report`: the quarterly and annual complaints performance report, computed from case
/// histories by the policy's own rules, streaming.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report on complaints received in a period: volumes, timeliness per stage, escalation, outcomes, exclusions, open and overdue.",
        discussion: CommandHelp.report.discussion)

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("First day of the period.", valueName: "YYYY-MM-DD")) var from: String
    @Option(help: ArgumentHelp("Last day of the period.", valueName: "YYYY-MM-DD")) var to: String
    @Option(help: ArgumentHelp("The date deadlines and the open position are judged on (default: --to).", valueName: "YYYY-MM-DD"))
    var asOf: String?
    @Option(help: "Group volumes by month or quarter.") var by: Grouping = .quarter
    @Option(help: "text (terminal), html (a page with charts, prints on A4), csv (for a spreadsheet) or json (for dashboards).")
    var format: Format = .text
    @Option(help: ArgumentHelp("Add the self-assessment against a complaint handling code (e.g. lgsco-2024) as an annex.", valueName: "id"))
    var code: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (opened in place) instead of standard output.", valueName: "file"), completion: .file())
    var output: String?

    enum Grouping: String, ExpressibleByArgument, CaseIterable { case month, quarter }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, html, csv, json }

    func run() throws {
        let start = try CalendarCommand.date(from)
        let end = try CalendarCommand.date(to)
        guard start <= end else { throw couldNotRun("--from \(start) is after --to \(end)") }
        let day = try asOf.map(CalendarCommand.date) ?? end
        let engine = try policy.engine()
        var records = try input.records(contract: .complaint)
        var report = ComplaintsReport(period: ReportPeriod(from: start, to: end, grouping: by == .month ? .month : .quarter), asOf: day)
        var errors = BufferedOutput(write: Console.error)
        let failed = try forEachRecord(&records, errors: &errors) { (record) throws(RecordError) in
            let history = try CaseHistory(record: record)
            let schedule = try engine.schedule(history, asOf: day)
            guard let compiled = engine.version(on: schedule.deemedReceived ?? history.complaint.received.date) else { return }
            let stages = schedule.procedure.flatMap(compiled.policy.procedure)?.stages.map(\.id) ?? []
            report.add(schedule, complaint: history.complaint, procedureStages: stages, calendar: compiled.calendar)
        }
        try errors.finish()
        report.addFailures(failed)
        let council = engine.versions.last?.policy.council.name ?? "Council"
        let title = "\(council): complaints performance report"
        var text: String
        switch format {
        case .text: text = report.text(title: title)
        case .csv: text = report.csv()
        case .json: text = report.json()
        case .html: text = report.html(title: title, annex: try annex(engine: engine, on: end))
        }
        if format == .text, let code {
            text += "\nSelf-assessment against \(code):\n" + (try annex(engine: engine, on: end)).map { "  \($0)\n" }.joined()
        }
        if let output {
            var file = try input.outputFile(output, option: "--output")
            file.append(text)
            try file.finish()
        } else {
            Console.out(text)
        }
        if failed > 0 { throw ExitCode(ExitStatus.invalid) }
    }

    /// Each point of the code for the version in force at the end of the period.
    func annex(engine: Engine, on date: LocalDate) throws -> [String] {
        guard let code, let compiled = engine.version(on: date) ?? engine.versions.last else { return [] }
        guard let root = policy.library.resolvedLibrary(near: policy.policy) else { return [] }
        let loaded: ConformanceCode
        do {
            loaded = try ConformanceCode.load(path: root + "/codes/\(code).yaml")
        } catch {
            throw couldNotRun("no code `\(code)` in \(root)/codes", help: "see policies/codes for the codes")
        }
        return ConformanceReport.compare(compiled.policy, with: loaded).map { finding in
            "\(finding.verdict.rawValue): \(finding.procedure) \(finding.point): \(finding.detail)"
        }
    }
}
