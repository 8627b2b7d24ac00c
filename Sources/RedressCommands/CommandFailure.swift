import ArgumentParser
import RedressDiagnostics

/// Exit codes: 0 success; 1 the command ran and found the policy or input invalid (or a test
/// failed); 2 the command could not run (bad arguments, missing files).
public enum ExitStatus {
    public static let invalid: Int32 = 1
    public static let couldNotRun: Int32 = 2
}

/// Prints a one-line error for a command that could not run, and the exit code to return.
func couldNotRun(_ message: String, help: String? = nil) -> ExitCode {
    Console.error("error: \(message)\n" + (help.map { "help: \($0)\n" } ?? ""))
    return ExitCode(ExitStatus.couldNotRun)
}

/// Prints diagnostics in compiler form on standard error.
func report(_ list: DiagnosticList, extraSources: SourceFiles = SourceFiles()) {
    var sources = list.sources
    sources.merge(extraSources)
    Console.error(DiagnosticRenderer(sources: sources).render(list.diagnostics))
}

/// The exit status for a policy that did not load: 2 when a file could not be read at all, 1 when
/// it was read and is invalid.
func policyFailure(_ list: DiagnosticList) -> ExitCode {
    let unreadable = list.diagnostics.contains { [.engineNoPolicy, .policyUnreadable].contains($0.id) }
    return ExitCode(unreadable ? ExitStatus.couldNotRun : ExitStatus.invalid)
}
