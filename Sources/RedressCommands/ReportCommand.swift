import ArgumentParser
import Foundation
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressFormats
import RedressPolicy
import RedressPolicyTools
import RedressReport

/// `redress report`: the annual or quarterly complaints report a council takes to committee,
/// computed from case histories by the policy's own rules, streaming, with earlier periods side
/// by side.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report on complaints received in a period, beside earlier periods: volumes, timeliness, escalation, outcomes, learning, the ombudsman.",
        discussion: CommandHelp.report.discussion)

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("First day of the period.", valueName: "YYYY-MM-DD")) var from: String
    @Option(help: ArgumentHelp("Last day of the period.", valueName: "YYYY-MM-DD")) var to: String
    @Option(help: ArgumentHelp("The date deadlines and the open position are judged on (default: --to).", valueName: "YYYY-MM-DD"))
    var asOf: String?
    @Option(help: ArgumentHelp("A period to set beside this one (repeatable); judged the same number of days after its end.", valueName: "FROM:TO"))
    var compareWith: [String] = []
    @Option(help: ArgumentHelp("Set the same period in each of the N-1 years before beside this one (an annual trend).", valueName: "N"))
    var years: Int?
    @Option(help: "Group volumes by month or by quarter of the financial year.") var by: Grouping = .quarter
    @Option(help: ArgumentHelp("The month the financial year starts, 1-12 (quarters and year labels follow it).", valueName: "month"))
    var yearStart: Int = 4
    @Option(help: ArgumentHelp("Homes the council owns: adds the tenant satisfaction complaint measures per 1,000 homes.", valueName: "N"))
    var homes: Int?
    @Option(help: "text (terminal), html (a page that prints on A4), pdf (that page printed by Chromium; needs --output), csv (long, for pivots), json (for dashboards) or xlsx (a sheet per table; needs --output).")
    var format: Format = .text
    @Option(help: ArgumentHelp("The figures of the ombudsman's annual review letter for this period (docs/report.md).", valueName: "file"), completion: .file())
    var ombudsmanLetter: String?
    @Option(help: ArgumentHelp("Add the self-assessment against a complaint handling code (e.g. lgsco-2024).", valueName: "id"))
    var code: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (put in place when complete) instead of standard output.", valueName: "file"), completion: .file())
    var output: String?

    enum Grouping: String, ExpressibleByArgument, CaseIterable { case month, quarter }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, html, csv, json, xlsx, pdf }

    func run() throws {
        let periods = try reportPeriods()
        let own = periods[0]
        let day = try asOf.map(CalendarCommand.date) ?? own.to
        if let homes, homes < 1 { throw couldNotRun("--homes \(homes) must be at least 1") }
        if format == .xlsx || format == .pdf, output == nil {
            throw couldNotRun("an \(format.rawValue) file is written to a file", help: "add --output FILE.\(format.rawValue)")
        }
        let letter = try ombudsmanLetter.map { (path) throws(ExitCode) -> OmbudsmanLetter in
            do throws(DiagnosticList) {
                return try OmbudsmanLetter.load(path: path)
            } catch {
                // The report is not made from figures that do not add up: could not run.
                RedressCommands.report(error)
                throw ExitCode(ExitStatus.couldNotRun)
            }
        }
        let engine = try policy.engine()
        let labels = ReportLabels(policies: engine.versions.map(\.policy))
        let offset = day.dayNumber - own.to.dayNumber
        var reports = periods.map { ComplaintsReport(period: $0, asOf: $0.to.adding(days: offset), feedbackTypes: labels.feedbackTypes) }
        var records = try input.records(contract: .complaint)
        var errors = BufferedOutput(write: Console.error)
        // Chunks of cases are counted on every core into reports of their own, merged in input
        // order: the same figures as one pass, in memory bounded by the chunks in flight.
        let fresh = reports
        let failed = try OrderedBatch().run(&records, errors: &errors, describe: RecordFailureEncoder.encode) { chunk in
            var reader = ComplaintReader()
            return .deciding(chunk) { (record, result: inout ChunkResult<ComplaintsReport>) throws(RecordError) in
                let history = try CaseHistory(record: record, reader: &reader)
                var scheduled: [(CaseSchedule, [String], WorkingDayCalendar)] = []
                for report in fresh {
                    let schedule = try engine.schedule(history, asOf: report.asOf)
                    guard let compiled = engine.version(on: schedule.deemedReceived ?? history.complaint.received.date) else { return }
                    scheduled.append((schedule, schedule.procedure.flatMap(compiled.policy.procedure)?.stages.map(\.id) ?? [], compiled.calendar))
                }
                if result.items.isEmpty { result.items = fresh.map { $0.empty() } }
                for (index, (schedule, stages, calendar)) in scheduled.enumerated() {
                    result.items[index].add(schedule, complaint: history.complaint, procedureStages: stages, calendar: calendar)
                }
            }
        } emit: { result in
            for (index, part) in result.items.enumerated() { reports[index].merge(part) }
        }
        try errors.finish()
        reports[0].addFailures(failed)
        let council = engine.versions.last?.policy.council.name ?? "Council"
        let (codeTitle, assessment) = try selfAssessment(engine: engine, on: own.to, labels: labels)
        let document = ReportDocument(
            title: "\(council): complaints performance report \(own.label)", reports: reports, labels: labels, homes: homes, codeTitle: codeTitle,
            assessment: assessment, letter: letter)
        try write(document)
        if failed > 0 { throw ExitCode(ExitStatus.invalid) }
    }

    /// This period, then the ones set beside it.
    func reportPeriods() throws(ExitCode) -> [ReportPeriod] {
        guard (1...12).contains(yearStart) else { throw couldNotRun("--year-start \(yearStart) is not a month (1-12)") }
        let grouping: ReportPeriod.Grouping = by == .month ? .month : .quarter
        let start = try CalendarCommand.date(from)
        let end = try CalendarCommand.date(to)
        guard start <= end else { throw couldNotRun("--from \(start) is after --to \(end)") }
        let own = ReportPeriod(from: start, to: end, grouping: grouping, yearStart: yearStart)
        var periods = [own]
        for text in compareWith {
            let parsed: ReportPeriod?
            do {
                parsed = try ReportPeriod.parse(text, grouping: grouping, yearStart: yearStart)
            } catch {
                throw couldNotRun("--compare-with \(text): \(error)", help: "write FROM:TO, e.g. 2023-04-01:2024-03-31")
            }
            guard let parsed else { throw couldNotRun("--compare-with \(text) is not FROM:TO with FROM on or before TO", help: "e.g. 2023-04-01:2024-03-31") }
            periods.append(parsed)
        }
        if let years {
            guard (1...20).contains(years) else { throw couldNotRun("--years \(years) must be from 1 to 20") }
            periods += (1..<years).map { own.earlier(years: $0) }
        }
        return periods
    }

    func write(_ document: ReportDocument) throws {
        if format == .pdf, let output {
            try ReportPDF.write(document, to: output)
            return
        }
        if format == .xlsx, let output {
            do {
                try document.writeWorkbook(to: output)
            } catch {
                throw couldNotRun("cannot write \(error)")
            }
            return
        }
        let text =
            switch format {
            case .text: document.text()
            case .csv: document.csv()
            case .json: document.json()
            case .html, .xlsx, .pdf: document.html()
            }
        if let output {
            var file = try input.outputFile(output, option: "--output")
            file.append(text)
            try file.finish()
        } else {
            Console.out(text)
        }
    }

    /// `summaries: Stage 1 response within 10 working days` → `Stage 1 response within 10 working days`.
    static func citedWords(_ source: String) -> String {
        guard let colon = source.firstIndex(of: ":") else { return source }
        return source[source.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// Each point of the code, in words, for the version in force at the end of the period.
    func selfAssessment(engine: Engine, on date: LocalDate, labels: ReportLabels) throws -> (String?, [AssessmentPoint]) {
        guard let code, let compiled = engine.version(on: date) ?? engine.versions.last else { return (nil, []) }
        guard let root = policy.library.resolvedLibrary(near: policy.policy) else { return (nil, []) }
        let loaded: ConformanceCode
        do {
            loaded = try ConformanceCode.load(path: root + "/codes/\(code).yaml")
        } catch {
            throw couldNotRun("no code `\(code)` in \(root)/codes", help: "see policies/codes for the codes")
        }
        guard loaded.nations.contains(compiled.policy.council.nation) else {
            throw couldNotRun("\(loaded.title) applies in \(loaded.nations.joined(separator: ", ")); \(compiled.policy.council.name) is in \(compiled.policy.council.nation)")
        }
        let points = ConformanceReport.compare(compiled.policy, with: loaded).map { finding in
            let point = loaded.points.first { $0.id == finding.point }
            return AssessmentPoint(
                asks: point?.text ?? point?.source.map(Self.citedWords) ?? finding.point, procedure: labels.procedure(finding.procedure), policySays: finding.detail,
                verdict: finding.verdict.rawValue, line: finding.policyRange.map { "\($0.file):\($0.start.line)" } ?? "")
        }
        return (loaded.title, points)
    }
}
