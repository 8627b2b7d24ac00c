import ArgumentParser
import Foundation
import RedressEngine
import RedressFormats

/// Where a batch command's results go: text (JSON Lines, CSV or a table) on standard output or in
/// `--output`, or the rows of an xlsx workbook with typed cells, one worksheet per table.
struct ResultOutput {
    private var text: BufferedOutput
    private let workbook: XLSXWorkbook?
    /// The first row a workbook could not take; the run ends with it at `finish()`.
    private let workbookFailure = WorkbookFailure()

    init(_ batch: BatchOptions) throws(ExitCode) {
        guard batch.writesWorkbook else {
            text = try batch.output.map { (path) throws(ExitCode) in try batch.outputFile(path, option: "--output") } ?? BufferedOutput(bytes: { Console.out(bytes: $0) })
            workbook = nil
            return
        }
        guard let path = batch.output else {
            throw couldNotRun("an xlsx workbook is written to a file", help: "add --output FILE.xlsx")
        }
        if batch.files.contains(where: { OutputSink.sameFile($0, path) }) {
            throw couldNotRun("--output \(path) is the input file; it would be overwritten", help: "write to another file")
        }
        do {
            workbook = try XLSXWorkbook(path: path)
        } catch {
            throw couldNotRun("cannot write \(error)")
        }
        text = BufferedOutput(write: { _ in })
    }

    /// A table of records: a worksheet in a workbook (nothing to do for text).
    func sheet<Record>(_ layout: SheetLayout<Record>) throws(ExitCode) -> ResultSheet<Record> {
        guard let workbook else { return ResultSheet(layout: layout, index: 0) }
        do {
            return ResultSheet(layout: layout, index: try workbook.addSheet(layout))
        } catch {
            throw couldNotRun("cannot write \(error)")
        }
    }

    /// Text written only in text formats (a CSV header, a table heading).
    mutating func appendText(_ string: String) {
        if workbook == nil { text.append(string) }
    }

    /// A chunk's results, in order: its encoded text, or its records as rows of their sheet.
    mutating func append<Record>(_ result: ChunkResult<Record>, to sheet: ResultSheet<Record>) {
        if workbook == nil {
            if !result.output.isEmpty { text.append(bytes: result.output) }
            return
        }
        for record in result.items { addRow(record, to: sheet) }
    }

    /// One record: a row of its sheet, or its encoded text.
    mutating func append<Record>(_ record: Record, to sheet: ResultSheet<Record>, encode: (inout [UInt8]) -> Void) {
        if workbook == nil { text.append(encode) } else { addRow(record, to: sheet) }
    }

    /// A record as the next row of its worksheet; a workbook that cannot take it ends the run at
    /// `finish()` (the file it would replace stays as it was).
    private func addRow<Record>(_ record: Record, to sheet: ResultSheet<Record>) {
        guard workbookFailure.message == nil else { return }
        do {
            try workbook?.append(record, layout: sheet.layout, sheet: sheet.index)
        } catch {
            workbookFailure.message = error.description
        }
    }

    /// Writes everything out; a workbook is written to its file here. Throws exit 2 when anything
    /// could not be written (nothing is put in place then).
    mutating func finish() throws(ExitCode) {
        try text.finish()
        guard let workbook else { return }
        if let message = workbookFailure.message {
            workbook.abandon()
            throw couldNotRun("cannot write \(message)")
        }
        do {
            try workbook.close()
        } catch {
            throw couldNotRun("cannot write \(error)")
        }
        if workbook.shortenedCells > 0 {
            Console.error("warning: \(workbook.shortenedCells) cell\(workbook.shortenedCells == 1 ? " was" : "s were") longer than a spreadsheet cell holds (32,767 characters) and shortened with …; use --format jsonl for the full text\n")
        }
    }
}

/// A declared table and, in a workbook, its worksheet.
struct ResultSheet<Record> {
    let layout: SheetLayout<Record>
    let index: Int
}

/// The first failure of a workbook's rows, kept until the run ends.
final class WorkbookFailure {
    var message: String?
}
