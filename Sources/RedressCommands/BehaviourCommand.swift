import ArgumentParser
import RedressCalendar
import RedressEngine
import RedressFormats

/// `redress behaviour`: which unreasonable-behaviour criteria a complainant's contacts may meet.
struct BehaviourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "behaviour",
        abstract: "Evaluate the policy's unreasonable-behaviour criteria over complainants' contact histories.",
        discussion: CommandHelp.behaviour.discussion)

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var batch: BatchOptions

    @Option(help: ArgumentHelp("Evaluate as of this day (default: each complainant's latest contact).", valueName: "date"))
    var asOf: String?

    func run() throws {
        let day: LocalDate?
        do {
            day = try asOf.map { (text: String) throws(DateError) in try LocalDate(iso: text) }
        } catch {
            throw couldNotRun("--as-of: \(error)")
        }
        let engine = try policy.engine()
        var records = try batch.records(contract: .contact)
        var errors = try batch.errorSink()
        let (order, histories, failures) = Self.read(&records)
        var failed = failures.count
        for failure in failures { errors.append(batch.failureText(failure)) }
        let encoder = BehaviourEncoder(format: batch.outputFormat, terminalWidth: batch.tableWidth, colour: batch.colour)
        var output = try ResultOutput(batch)
        let sheet = try output.sheet(BehaviourEncoder.sheet)
        output.appendText(encoder.header)
        for complainant in order {
            let contacts = histories[complainant] ?? []
            let latest = contacts.map(\.on).max() ?? LocalDate(dayNumber: 0)
            do {
                let report = try engine.behaviour(complainant: complainant, contacts: contacts, asOf: day ?? latest)
                output.append(report, to: sheet) { $0.append(contentsOf: encoder.encode(report).utf8) }
            } catch {
                errors.append(batch.failureText(RecordFailure(line: contacts.first?.line ?? 0, id: complainant, message: error.message)))
                failed += 1
            }
        }
        try output.finish()
        try errors.finish()
        if failed > 0 {
            Console.error("redress: \(failed) record\(failed == 1 ? "" : "s") failed\(blankSummary(records.blankLines))\n")
            throw ExitCode(ExitStatus.invalid)
        }
    }

    /// Reads contact records, grouped by complainant in order of first appearance.
    static func read(_ records: inout RecordStream) -> ([String], [String: [ContactRecord]], [RecordFailure]) {
        var order: [String] = []
        var histories: [String: [ContactRecord]] = [:]
        var failures: [RecordFailure] = []
        var progress = ProgressLine()
        defer { progress.finish() }
        while let next = records.next() {
            progress.advance()
            switch next {
            case .success(let record):
                do {
                    let contact = try ContactRecord(record: record)
                    if histories[contact.complainant] == nil { order.append(contact.complainant) }
                    histories[contact.complainant, default: []].append(contact)
                } catch {
                    failures.append(RecordFailure(line: record.line, id: nil, message: error.message, file: record.file))
                }
            case .failure(let failure):
                failures.append(failure)
            }
        }
        return (order, histories, failures)
    }
}
