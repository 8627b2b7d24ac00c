import ArgumentParser
import Foundation
import RedressCalendar
import RedressDiagnostics
import RedressEngine

/// `redress schedule`: what is due, overdue or past retention, as of a date.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Replay case histories and report each case's deadlines, status and retention date as of a day.",
        discussion: """
            Each input record is a complaint plus `events` (a list of {on, event, stage?, days?}). Status: \
            open, due-soon, overdue, closed or delete-due. A history that makes no sense is an error \
            record, never a guessed date. Exit status as for classify.
            """)

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var batch: BatchOptions

    @Option(help: ArgumentHelp("The day to report as of (YYYY-MM-DD).", valueName: "date"))
    var asOf: String

    @Option(help: ArgumentHelp("Only cases with a deadline within N working days of --as-of (not yet overdue).", valueName: "n"))
    var dueWithin: Int?

    @Flag(help: "Only overdue cases.") var overdue = false
    @Flag(help: "Only closed cases past their retention date.") var deleteDue = false

    @Option(help: ArgumentHelp("Also write the due dates as an iCalendar file.", valueName: "file"), completion: .file(extensions: ["ics"]))
    var ics: String?

    @Option(help: ArgumentHelp("A contacts file (see `redress behaviour`): also report restrictions whose review falls due.", valueName: "file"), completion: .file())
    var restrictions: String?

    func validate() throws {
        if let dueWithin, !(0...250).contains(dueWithin) { throw ValidationError("--due-within must be from 0 to 250") }
    }

    func run() throws {
        let day: LocalDate
        do {
            day = try LocalDate(iso: asOf)
        } catch {
            throw couldNotRun("--as-of: \(error)")
        }
        let engine = try policy.engine()
        var records = try batch.records(contract: .complaint)
        let encoder = ScheduleEncoder(format: batch.outputFormat, terminalWidth: Console.current.columns, colour: Console.current.colour)
        var output = BufferedOutput(write: Console.out)
        var errors = try batch.errorSink()
        var calendarFile: BufferedOutput?
        let icalendar = ICalendarWriter(stamp: day)
        if let ics {
            calendarFile = try batch.outputFile(ics, option: "--ics")
            calendarFile?.append(icalendar.header)
        }
        output.append(encoder.header)
        var failed = try forEachRecord(&records, errors: &errors, describe: batch.failureText) { (record) throws(RecordError) in
            let schedule = try engine.schedule(CaseHistory(record: record), asOf: day, dueSoonWithin: dueWithin ?? 5)
            guard selected(schedule) else { return }
            output.append(encoder.encode(schedule))
            calendarFile?.append(icalendar.events(for: schedule))
        }
        if let restrictions {
            failed += try reportRestrictionReviews(restrictions, engine: engine, asOf: day, output: &output, errors: &errors)
        }
        calendarFile?.append(icalendar.footer)
        calendarFile?.flush()
        output.flush()
        errors.flush()
        if failed > 0 {
            Console.error("redress: \(failed) case\(failed == 1 ? "" : "s") failed\(blankSummary(records.blankLines))\n")
            throw ExitCode(ExitStatus.invalid)
        }
    }

    /// The summary views: with no filter every case is shown; filters combine with "or".
    func selected(_ schedule: CaseSchedule) -> Bool {
        guard dueWithin != nil || overdue || deleteDue else { return true }
        return (dueWithin != nil && schedule.status == .dueSoon) || (overdue && schedule.status == .overdue)
            || (deleteDue && schedule.status == .deleteDue)
    }

    /// Restrictions whose review is due by --as-of (or within --due-within working days of it),
    /// one line each after the cases.
    func reportRestrictionReviews(
        _ path: String, engine: Engine, asOf: LocalDate, output: inout BufferedOutput, errors: inout BufferedOutput
    ) throws(ExitCode) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw couldNotRun("cannot read \(path)") }
        var records = RecordStream(reader: LineReader(handle: handle), format: InputFormat.guess(path: path))
        let (order, histories, failures) = BehaviourCommand.read(&records)
        for failure in failures { errors.append(RecordFailureEncoder.encode(failure)) }
        var failed = failures.count
        let horizon = (try? engine.versions[0].calendar.adding(workingDays: dueWithin ?? 0, to: asOf)) ?? asOf
        for complainant in order {
            guard let contacts = histories[complainant], contacts.contains(where: { $0.kind == .restriction }) else { continue }
            do {
                let report = try engine.behaviour(complainant: complainant, contacts: contacts, asOf: asOf)
                for restriction in report.restrictions {
                    guard let reviewBy = restriction.reviewBy, reviewBy <= horizon else { continue }
                    let status = reviewBy < asOf ? "overdue" : reviewBy == asOf ? "due" : "due-soon"
                    switch batch.outputFormat {
                    case .jsonl:
                        output.append(
                            "{\"kind\":\"restriction-review\",\"complainant\":\(JSONText.quoted(complainant)),\"decided_on\":\"\(restriction.decidedOn)\",\"decided_by\":\(JSONText.quoted(restriction.decidedBy)),\"review_by\":\"\(reviewBy)\",\"status\":\"\(status)\"}\n")
                    case .csv, .table:
                        output.append("restriction-review,\(CSVRecordParser.quote(complainant)),\(restriction.decidedOn),\(reviewBy),\(status)\n")
                    }
                }
            } catch {
                errors.append(RecordFailureEncoder.encode(RecordFailure(line: contacts.first?.line ?? 0, id: complainant, message: error.message)))
                failed += 1
            }
        }
        return failed
    }
}
