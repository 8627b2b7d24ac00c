import ArgumentParser
import Foundation
import RedressDiagnostics
import RedressEngine
import RedressFormats
import RedressPolicy
import RedressPolicyTools

/// `redress diff`: what a new version changes, in the text and for real complaints.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two policy versions and, given complaints, how many decisions change.",
        discussion: CommandHelp.diff.discussion)

    @Argument(help: "The old version's policy file.", completion: PathCompletion.policies) var old: String
    @Argument(help: "The new version's policy file.", completion: PathCompletion.policies) var new: String

    @Option(help: ArgumentHelp("Complaints (JSON Lines or CSV) to decide under both versions.", valueName: "file"), completion: .file())
    var complaints: String?

    @Option(help: "Output format: text for people, json for tools.") var format: DiffFormat = .text

    @OptionGroup var library: LibraryOptions

    func load(_ path: String) throws(ExitCode) -> LoadedPolicy {
        guard let root = library.resolvedLibrary(near: path) else { throw couldNotRun("cannot find the policy library for \(path)") }
        do {
            return try PolicyLoader(library: PolicyLibrary(root: root)).loadChecked(path: path)
        } catch {
            report(DiagnosticList(error.diagnostics.filter { $0.severity == .error }, sources: error.sources))
            throw policyFailure(error)
        }
    }

    func run() throws {
        let before = try load(old)
        let after = try load(new)
        var impact: PolicyImpact?
        var unreadable = 0
        if let complaints {
            guard let handle = FileHandle(forReadingAtPath: complaints) else { throw couldNotRun("cannot read \(complaints)") }
            var records = RecordStream(reader: LineReader(handle: handle), format: InputFormat.guess(path: complaints))
            var inputs: [Complaint] = []
            while let next = records.next() {
                guard case .success(let record) = next, let complaint = try? Complaint(record: record) else {
                    unreadable += 1
                    continue
                }
                inputs.append(complaint)
            }
            do {
                impact = try PolicyImpact.compare(old: before, new: after, complaints: inputs)
            } catch {
                report(error)
                throw ExitCode(ExitStatus.invalid)
            }
        }
        let diff = DiffReport(old: before, new: after, impact: impact)
        if format == .json {
            Console.out(diff.json())
            return
        }
        Console.out(diff.text())
        guard let impact, let complaints else { return }
        Console.out("\nImpact on \(complaints) (\(impact.total) complaints\(unreadable > 0 ? ", \(unreadable) unreadable records skipped" : "")):\n")
        Console.out("  unchanged: \(impact.unchanged)\n")
        for kind in PolicyImpact.Kind.allCases {
            guard let count = impact.counts[kind] else { continue }
            Console.out("  \(kind.rawValue): \(count)\n")
            for example in impact.examples[kind] ?? [] { Console.out("      e.g. \(example)\n") }
        }
    }
}

/// How `diff` writes its report.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
