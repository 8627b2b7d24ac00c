import ArgumentParser
import Foundation
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressPolicyTools

/// `redress check`: every mistake in a policy, with its line, in one run.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check policy files and report every problem with its line and column.",
        discussion: CommandHelp.check.discussion)

    @Argument(help: "Policy files or council folders to check (a folder's versions are also checked against each other).", completion: PathCompletion.policies)
    var policies: [String]

    @Flag(help: "List every value marked `assumed:` with its reason.") var assumptions = false

    @Option(help: "Output format for diagnostics: text (compiler form), json (one object per line) or sarif (SARIF 2.1.0, for code hosts).")
    var format: DiagnosticFormat = .text

    @Option(
        help: ArgumentHelp(
            "Compare with a complaint handling code from the library's codes/ folder, e.g. lgsco-2024.",
            valueName: "id"))
    var code: String?

    @OptionGroup var library: LibraryOptions

    enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    func run() throws {
        var failed = false
        var unreadable = false
        var all: [Diagnostic] = []
        for path in policies {
            guard let root = library.resolvedLibrary(near: path) else {
                throw couldNotRun("cannot find the policy library for \(path)", help: "pass --library DIR")
            }
            let files: [String]
            do {
                files = try Engine.policyFiles(at: path)
            } catch {
                report(error)
                unreadable = true
                continue
            }
            var versions: [Policy] = []
            var sources = SourceFiles()
            for file in files {
                let outcome = try checkFile(file, library: root)
                failed = failed || outcome.hasErrors
                unreadable = unreadable || outcome.unreadable
                if let policy = outcome.policy, policy.isComplete { versions.append(policy) }
                sources.merge(outcome.sources)
                all += outcome.shown
            }
            if files.count > 1 {
                let (versionErrors, found) = checkVersions(versions, folder: path, sources: sources)
                failed = versionErrors || failed
                all += found
            }
        }
        if format == .sarif { Console.out(SARIFEncoder(toolVersion: RedressCommand.configuration.version).encode(all)) }
        if unreadable { throw ExitCode(ExitStatus.couldNotRun) }
        if failed { throw ExitCode(ExitStatus.invalid) }
    }

    struct FileOutcome {
        var policy: Policy?
        var sources: SourceFiles
        var hasErrors: Bool
        var unreadable: Bool
        /// What was reported (for the SARIF log, written once for the whole run).
        var shown: [Diagnostic]
    }

    /// Checks one policy file, prints its diagnostics and summary, and compares it with a code.
    func checkFile(_ path: String, library root: String) throws -> FileOutcome {
        let loader = PolicyLoader(library: PolicyLibrary(root: root))
        var result = loader.load(path: path)
        let unreadable = result.diagnostics.contains { $0.id == .policyUnreadable }
        result.diagnostics += PolicyChecker.standard.check(result)
        let shown = result.diagnostics.filter { assumptions || $0.id != .policyAssumption }
        emit(shown, sources: result.sources)
        let count = { (severity: Severity) in result.diagnostics.filter { $0.severity == severity }.count }
        let assumed = result.diagnostics.filter { $0.id == .policyAssumption }.count
        let name = result.policy.map { "\($0.council.id) \($0.version.id)" } ?? path
        let summary =
            "\(name): \(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(plural(assumed, "assumption"))"
            + (assumptions || assumed == 0 ? "" : " (list them with --assumptions)")
        if format == .text { Console.out(summary + "\n") }
        var looser = false
        if let code, let policy = result.policy, !result.hasErrors {
            looser = try reportConformance(policy, code: code, library: root)
        }
        return FileOutcome(policy: result.policy, sources: result.sources, hasErrors: result.hasErrors || looser, unreadable: unreadable, shown: shown)
    }

    /// The versions of a council folder against each other: overlaps, gaps, mixed councils.
    func checkVersions(_ versions: [Policy], folder: String, sources: SourceFiles) -> (Bool, [Diagnostic]) {
        let found = VersionTimeline.check(versions)
        emit(found, sources: sources)
        let errors = found.filter { $0.severity == .error }.count
        let warnings = found.filter { $0.severity == .warning }.count
        if format == .text {
            let span = versions.sorted { $0.version.effectiveFrom < $1.version.effectiveFrom }.map(\.version.id).joined(separator: ", ")
            Console.out("\(folder): \(plural(versions.count, "version")) (\(span)) checked together: \(plural(errors, "error")), \(plural(warnings, "warning"))\n")
        }
        return (errors > 0, found)
    }

    private func emit(_ diagnostics: [Diagnostic], sources: SourceFiles) {
        let renderer = DiagnosticRenderer(sources: sources)
        switch format {
        case .text: Console.error(renderer.render(diagnostics))
        case .json: Console.out(diagnostics.map(renderer.renderJSON).map { $0 + "\n" }.joined())
        case .sarif: break
        }
    }

    private func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

    /// Lists each point of the code as meets / stricter / looser / not stated, with both lines.
    /// Returns true when any point is looser than the code (the command then exits 1).
    func reportConformance(_ policy: Policy, code id: String, library root: String) throws(ExitCode) -> Bool {
        let known = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/codes")) ?? []).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        guard known.contains(id) else {
            throw couldNotRun("no code `\(id)` in \(root)/codes", help: SpellingSuggestion.closest(to: id, in: known).map { "did you mean `\($0)`?" } ?? "known codes: \(known.joined(separator: ", "))")
        }
        let loaded: ConformanceCode
        do {
            loaded = try ConformanceCode.load(path: root + "/codes/\(id).yaml")
        } catch {
            report(error)
            throw ExitCode(ExitStatus.couldNotRun)
        }
        guard loaded.nations.contains(policy.council.nation) else {
            let suited = known.filter { (try? ConformanceCode.load(path: root + "/codes/\($0).yaml"))?.nations.contains(policy.council.nation) == true }
            throw couldNotRun(
                "\(loaded.title) applies in \(loaded.nations.joined(separator: ", ")); \(policy.council.name) is in \(policy.council.nation)",
                help: suited.isEmpty ? nil : "the codes for \(policy.council.nation): \(suited.joined(separator: ", "))")
        }
        let findings = ConformanceReport.compare(policy, with: loaded)
        Console.out("\(loaded.title) (\(loaded.id)) for \(policy.council.id) \(policy.version.id):\n")
        if findings.isEmpty { Console.out("  no \(loaded.appliesTo.rawValue) procedure of this policy to compare\n") }
        for finding in findings {
            let location = finding.policyRange.map { "\($0): " } ?? "\(policy.path): "
            Console.out("\(location)\(finding.verdict.rawValue): \(finding.procedure) \(finding.point): \(finding.detail) [code \(finding.codeRange)]\n")
        }
        let tally = Dictionary(grouping: findings, by: \.verdict.rawValue).map { "\($0.value.count) \($0.key)" }.sorted()
        Console.out("  \(tally.joined(separator: ", "))\n")
        return findings.contains { $0.verdict == .looser }
    }
}
