import ArgumentParser
import RedressDiagnostics
import RedressEngine

/// `redress explain ID`: what a diagnostic means, with an example that gets it and the same put
/// right (like `rustc --explain`); given a flag from a decision or schedule, what the flag means.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a diagnostic id or a flag, e.g. `redress explain policy.no-catch-all`, `redress explain out-of-time`.",
        discussion: CommandHelp.explain.discussion)

    @Argument(help: ArgumentHelp("The id, as printed in brackets after a diagnostic, or a flag from an output.", valueName: "id")) var id: String?

    @Flag(help: "List every id with its summary.") var list = false

    @Flag(help: "Print the whole catalogue as Markdown (docs/diagnostics.md).") var markdown = false

    @Flag(help: "Print every flag a decision or schedule can carry, as Markdown (docs/input-output.md).") var flags = false

    func run() throws {
        if markdown { return Console.out(DiagnosticCatalogue.markdown) }
        if flags { return Console.out(CaseFlag.Kind.markdownTable) }
        if list || id == nil {
            let width = DiagnosticCatalogue.entries.map(\.id.rawValue.count).max() ?? 0
            for entry in DiagnosticCatalogue.entries {
                let padding = String(repeating: " ", count: width - entry.id.rawValue.count)
                Console.out("\(entry.id)\(padding)  \(entry.severity.rawValue.padding(7))  \(entry.summary)\n")
            }
            return
        }
        let text = id ?? ""
        if DiagnosticCatalogue.entry(DiagnosticID(rawValue: text.trimmingBrackets)) == nil, let flag = CaseFlag.Kind(word: text) {
            return Console.out("\(text): a flag (\(flag.onDecisions ? "on decisions and schedules" : "on schedules")): \(flag.meaning)\n")
        }
        guard let entry = DiagnosticCatalogue.entry(DiagnosticID(rawValue: text.trimmingBrackets)) else {
            throw couldNotRun(
                "no diagnostic has the id `\(text)`",
                help: DiagnosticCatalogue.suggestion(for: text).map { "did you mean `\($0)`?" } ?? "`redress explain --list` lists them")
        }
        Console.out(DiagnosticCatalogue.explanation(of: entry))
    }
}

extension String {
    /// `[policy.no-catch-all]` as copied from a diagnostic, without its brackets.
    fileprivate var trimmingBrackets: String {
        var text = Substring(self)
        if text.hasPrefix("[") { text = text.dropFirst() }
        if text.hasSuffix("]") { text = text.dropLast() }
        return String(text)
    }

    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
