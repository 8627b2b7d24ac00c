import ArgumentParser
import Foundation
import RedressEngine
import RedressFormats
import RedressPolicy

/// `redress classify`: route and date every incoming complaint.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Route each complaint and give its procedure, stage, dates, exclusion and the rule that decided.",
        discussion: CommandHelp.classify.discussion)

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var batch: BatchOptions

    @Flag(help: "Show, for each decision, the rules tried before it and why each did not match.")
    var explain = false

    func run() throws {
        let engine = try policy.engine()
        let vocabulary = engine.versions.map(\.policy.vocabulary).reduce(PolicyVocabulary()) { $0.adding($1) }
        var records = try batch.records(contract: .complaint, vocabulary: vocabulary)
        let encoder = DecisionEncoder(format: batch.outputFormat, terminalWidth: batch.tableWidth, colour: batch.colour)
        var output = try ResultOutput(batch)
        let sheet = try output.sheet(DecisionEncoder.sheet)
        var errors = try batch.errorSink()
        output.appendText(encoder.header)
        var decided = 0
        let explain = explain
        let workbook = batch.writesWorkbook
        // Decisions (JSON Lines, CSV or a table, with `--explain` or not) of JSON Lines records in
        // the plain form are made straight from the line's bytes, with the same result; every
        // other record takes the full path.
        let direct = !workbook
        // Made once (it encodes every rule's outcome); each chunk works on its own copy.
        let lineClassifier = LineClassifier(engine, encoder: encoder, explain: explain)
        // Each chunk is parsed, decided and encoded on its own; the results are written in order.
        let ordered = OrderedBatch()
        let buffers = ordered.buffers
        // A JSON Lines decision is about 450 bytes; with `--explain`, about 1,300.
        let bytesPerRecord = direct ? (explain ? 1_400 : 512) : 0
        let failed = try ordered.run(&records, errors: &errors, describe: batch.failureText) { chunk in
            var reader = ComplaintReader()
            var lines = lineClassifier
            return .deciding(chunk, output: buffers.take(), bytesPerRecord: bytesPerRecord) { pending, result in
                guard direct, let line = pending.unmappedJSONLine else { return false }
                return lines.classify(line, into: &result.output)
            } _: { (record, result) throws(RecordError) in
                let decision = try engine.classify(reader.complaint(record), explain: explain)
                if workbook { result.items.append(decision) } else { encoder.encode(decision, into: &result.output) }
            }
        } emit: { (result: ChunkResult<Decision>) in
            output.append(result, to: sheet)
            decided += result.done
        }
        try output.finish()
        try errors.finish()
        if failed > 0 || records.blankLines > 0 {
            Console.error("redress: \(decided) decided, \(failed) failed\(blankSummary(records.blankLines))\n")
        }
        if failed > 0 { throw ExitCode(ExitStatus.invalid) }
    }
}
