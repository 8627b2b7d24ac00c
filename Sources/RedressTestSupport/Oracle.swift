import Foundation
import Testing

/// The independent programs tests check results against (Python packages from PyPI, Graphviz,
/// a browser, database servers). Where CI sets `REDRESS_REQUIRE_ORACLES=1` a missing oracle is a
/// failure; on a developer's machine the test says it was skipped and why.
public enum Oracle {
    public static let required = ProcessInfo.processInfo.environment["REDRESS_REQUIRE_ORACLES"] == "1"

    /// What a Python oracle script gave: its output, or the module it could not import.
    public enum PythonOutcome: Sendable {
        case ran(status: Int32, output: String)
        case missing(String)
    }

    /// Runs `script` with `python3 -c`. A script that exits 3 after printing `missing NAME` (its
    /// import of NAME failed) is reported as missing.
    /// `environment` holds `NAME=value` assignments for the script (`TemporaryFolder.childTemporaryDirectory()`).
    public static func python(_ script: String, _ arguments: [String] = [], environment: [String] = []) throws -> PythonOutcome {
        let outcome = try ChildProcess.run("/usr/bin/env", environment + ["python3", "-c", script] + arguments)
        if outcome.status == 3, outcome.text.hasPrefix("missing ") {
            return .missing(String(outcome.text.dropFirst("missing ".count)).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return .ran(status: outcome.status, output: outcome.text)
    }

    /// Python lines that import `modules` or exit 3 naming the first one missing.
    public static func imports(_ modules: String...) -> String {
        modules.map { "try:\n    import \($0)\nexcept ImportError:\n    print('missing \($0)'); raise SystemExit(3)\n" }.joined()
    }
}

extension Oracle.PythonOutcome {
    /// The script's status and output; nil when its module is missing, which is recorded as an
    /// issue where oracles are required.
    public func result(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (status: Int32, output: String)? {
        switch self {
        case .ran(let status, let output): return (status, output)
        case .missing(let module):
            if Oracle.required {
                Issue.record("the oracle \(module) is required here (pip install \(module))", sourceLocation: sourceLocation)
            }
            return nil
        }
    }
}
