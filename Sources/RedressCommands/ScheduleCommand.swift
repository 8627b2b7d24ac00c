import ArgumentParser
import Foundation
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressFormats

/// `redress schedule`: what is due, overdue or past retention, as of a date.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Replay case histories and report each case's deadlines, status and retention date as of a day.",
        discussion: CommandHelp.schedule.discussion)

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

    @Option(help: ArgumentHelp("Write the restriction reviews to this file, as their own table (needed with csv).", valueName: "file"), completion: .file())
    var reviewsOutput: String?

    func validate() throws {
        if let dueWithin, !(0...250).contains(dueWithin) { throw ValidationError("--due-within must be from 0 to 250") }
        if reviewsOutput != nil, restrictions == nil { throw ValidationError("--reviews-output needs --restrictions") }
        if reviewsOutput != nil, batch.writesWorkbook { throw ValidationError("in a workbook the restriction reviews are their own worksheet; drop --reviews-output") }
        if restrictions != nil, reviewsOutput == nil, batch.outputFormat == .csv, !batch.writesWorkbook {
            throw ValidationError("a CSV file holds one table; write the restriction reviews to their own with --reviews-output FILE.csv")
        }
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
        let encoder = ScheduleEncoder(format: batch.outputFormat, terminalWidth: batch.tableWidth, colour: batch.colour)
        var output = try ResultOutput(batch)
        let sheet = try output.sheet(ScheduleEncoder.sheet)
        var errors = try batch.errorSink()

        var calendarFile: BufferedOutput?
        let icalendar = ICalendarWriter(stamp: day)
        if let ics {
            calendarFile = try batch.outputFile(ics, option: "--ics")
            calendarFile?.append(icalendar.header)
        }
        output.appendText(encoder.header)
        // The options as plain values: reading an argument-parser property costs hundreds of
        // instructions, too many to pay for every case.
        let (workbook, writesCalendar, dueSoonWithin) = (batch.writesWorkbook, ics != nil, dueWithin ?? 5)
        let selection = ScheduleSelection(dueWithin: dueWithin, overdue: overdue, deleteDue: deleteDue)
        // Each chunk is parsed, replayed and encoded on its own; results are written in order.
        var failed = try OrderedBatch().run(&records, errors: &errors, describe: batch.failureText) { chunk in
            var reader = ComplaintReader()
            return .deciding(chunk) { (record, result) throws(RecordError) in
                let history = try CaseHistory(record: record, reader: &reader)
                let schedule = try engine.schedule(history, asOf: day, dueSoonWithin: dueSoonWithin)
                guard selection.includes(schedule) else { return }
                if workbook { result.items.append(schedule) } else { encoder.encode(schedule, into: &result.output) }
                if writesCalendar { result.side += icalendar.events(for: schedule) }
            }
        } emit: { (result: ChunkResult<CaseSchedule>) in
            output.append(result, to: sheet)
            if !result.side.isEmpty { calendarFile?.append(result.side) }
        }
        if let restrictions {
            failed += try reportRestrictionReviews(restrictions, engine: engine, asOf: day, output: &output, errors: &errors)
        }
        calendarFile?.append(icalendar.footer)
        try calendarFile?.finish()
        try output.finish()
        try errors.finish()
        if failed > 0 {
            Console.error("redress: \(failed) case\(failed == 1 ? "" : "s") failed\(blankSummary(records.blankLines))\n")
            throw ExitCode(ExitStatus.invalid)
        }
    }

    /// Restrictions whose review is due by --as-of (or within --due-within working days of it), as
    /// their own table: in --reviews-output, a worksheet of the workbook, a section after a text
    /// table, or `kind: restriction-review` records after the cases in JSON Lines.
    func reportRestrictionReviews(
        _ path: String, engine: Engine, asOf: LocalDate, output: inout ResultOutput, errors: inout BufferedOutput
    ) throws(ExitCode) -> Int {
        let encoder = RestrictionReviewEncoder(format: batch.outputFormat, terminalWidth: batch.tableWidth, colour: batch.colour)
        let sheet = try output.sheet(RestrictionReviewEncoder.sheet)
        var separate = try reviewsOutput.map { (file) throws(ExitCode) in try batch.outputFile(file, option: "--reviews-output") }
        var reviews: [DueRestrictionReview] = []
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
                    reviews.append(DueRestrictionReview(complainant: complainant, review: restriction, reviewBy: reviewBy, asOf: asOf))
                }
            } catch {
                errors.append(RecordFailureEncoder.encode(RecordFailure(line: contacts.first?.line ?? 0, id: complainant, message: error.message)))
                failed += 1
            }
        }
        if separate != nil {
            separate?.append(encoder.header)
            for review in reviews { separate?.append(encoder.encode(review)) }
            try separate?.finish()
        } else if !reviews.isEmpty || batch.outputFormat == .table {
            output.appendText(reviews.isEmpty ? "\nNo restriction reviews due.\n" : encoder.header)
            for review in reviews { output.append(review, to: sheet) { $0.append(contentsOf: encoder.encode(review).utf8) } }
        }
        return failed
    }
}

/// The summary views `schedule` may be asked for: with no filter every case is shown; filters
/// combine with "or".
struct ScheduleSelection: Sendable {
    let dueWithin: Int?
    let overdue: Bool
    let deleteDue: Bool

    func includes(_ schedule: CaseSchedule) -> Bool {
        guard dueWithin != nil || overdue || deleteDue else { return true }
        return (dueWithin != nil && schedule.status == .dueSoon) || (overdue && schedule.status == .overdue)
            || (deleteDue && schedule.status == .deleteDue)
    }
}
