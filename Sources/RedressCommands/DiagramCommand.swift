import ArgumentParser
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressPolicyTools

/// `redress diagram`: the process as a flowchart for customers and members.
struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Draw the policy's process as a flowchart: routes, exclusions, stages with timescales, the ombudsman.",
        discussion: CommandHelp.diagram.discussion)

    @Argument(help: "A policy file, or a council folder (its latest version unless --version).", completion: PathCompletion.policies)
    var policy: String

    @Option(help: ArgumentHelp("With a council folder: the version to draw.", valueName: "id")) var version: String?

    @Option(help: "mermaid, dot, or text (the same process as numbered steps).") var format: Format = .mermaid

    @OptionGroup var library: LibraryOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case mermaid, dot, text }

    func run() throws {
        guard let root = library.resolvedLibrary(near: policy) else {
            throw couldNotRun("cannot find the policy library for \(policy)", help: "pass --library DIR")
        }
        let engine: Engine
        do {
            engine = try Engine.load(path: policy, library: PolicyLibrary(root: root))
        } catch {
            report(DiagnosticList(error.diagnostics.filter { $0.severity == .error }, sources: error.sources))
            throw policyFailure(error)
        }
        let versions = engine.versions.map(\.policy)
        guard let chosen = version.map({ id in versions.first { $0.version.id == id } }) ?? versions.last else {
            throw couldNotRun(
                "\(policy) has no version `\(version ?? "")`", help: "versions: \(versions.map(\.version.id).joined(separator: ", "))")
        }
        Console.out(PolicyDiagram(policy: chosen).render(PolicyDiagram.Format(rawValue: format.rawValue) ?? .mermaid))
    }
}
