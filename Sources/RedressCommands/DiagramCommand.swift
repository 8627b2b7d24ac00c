import ArgumentParser
import RedressDiagnostics
import RedressPolicy
import RedressPolicyTools

/// `redress diagram`: the process as a flowchart for customers and members.
struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Draw the policy's process as a flowchart: routes, exclusions, stages with timescales, the ombudsman.",
        discussion: "Mermaid renders on common code hosting sites; DOT renders with Graphviz (`dot -Tsvg`).")

    @Argument(help: "A policy file.") var policy: String

    @Option(help: "mermaid or dot.") var format: Format = .mermaid

    @OptionGroup var library: LibraryOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case mermaid, dot }

    func run() throws {
        guard let root = library.resolvedLibrary(near: policy) else {
            throw couldNotRun("cannot find the policy library for \(policy)", help: "pass --library DIR")
        }
        let loaded: LoadedPolicy
        do {
            loaded = try PolicyLoader(library: PolicyLibrary(root: root)).loadChecked(path: policy)
        } catch {
            report(DiagnosticList(error.diagnostics.filter { $0.severity == .error }, sources: error.sources))
            throw ExitCode(ExitStatus.invalid)
        }
        Console.out(PolicyDiagram(policy: loaded.policy).render(format == .dot ? .dot : .mermaid))
    }
}
