import ArgumentParser
import Foundation
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressPolicyTools

/// `redress test`: prove a policy behaves as its sources say, with test cases in YAML.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy test files (docs/policy-tests.md) and report each failure with expected and actual values.",
        discussion: CommandHelp.test.discussion)

    @Argument(help: "Test files or folders (default: the library's tests/ folder).", completion: PathCompletion.policies)
    var paths: [String] = []

    @Flag(help: "List the routing rules, stages and retention rules no test exercises.")
    var coverage = false

    @Option(help: ArgumentHelp("With --coverage: fail (exit 1) when a policy's coverage is below N percent.", valueName: "N"))
    var failUnder: Int?

    @Option(help: ArgumentHelp("Run only the cases whose name contains this text (any case).", valueName: "pattern"))
    var filter: String?

    @Flag(help: "List passing cases too (by default only failures are shown).")
    var verbose = false

    @Option(help: "Output: text, junit (JUnit XML for CI) or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, junit, json }

    @OptionGroup var library: LibraryOptions

    func run() throws {
        if failUnder != nil, !coverage { throw couldNotRun("--fail-under needs --coverage") }
        var reports: [TestFileReport] = []
        var belowThreshold = false
        for path in try testFiles() {
            let report = try runFile(path)
            if let percent = report.coverage?.percent, let failUnder, percent < Double(failUnder) { belowThreshold = true }
            if format == .text { printText(report) }
            reports.append(report)
        }
        let passed = reports.reduce(0) { $0 + $1.results.filter(\.passed).count }
        let failed = reports.reduce(0) { $0 + $1.results.filter { !$0.passed }.count + ($1.error == nil ? 0 : 1) }
        switch format {
        case .text: Console.out("\(passed) passed, \(failed) failed\n")
        case .junit: Console.out(TestReportEncoder.junit(reports))
        case .json: Console.out(TestReportEncoder.json(reports))
        }
        if format != .text { Console.error("\(passed) passed, \(failed) failed\n") }
        if belowThreshold, let failUnder { Console.error("coverage below \(failUnder)%\n") }
        if failed > 0 || belowThreshold { throw ExitCode(ExitStatus.invalid) }
    }

    /// Loads a test file and its policy, and runs the (filtered) cases.
    func runFile(_ path: String) throws -> TestFileReport {
        let file: PolicyTestFile
        do {
            file = try PolicyTestFile.load(path: path)
        } catch {
            report(error)
            return TestFileReport(path: path, results: [], error: error.diagnostics.first?.message ?? "invalid test file")
        }
        guard let root = library.resolvedLibrary(near: file.policyPath) else {
            throw couldNotRun("cannot find the policy library for \(file.policyPath)", help: "pass --library DIR")
        }
        let engine: Engine
        do {
            engine = try Engine.load(path: file.policyPath, library: PolicyLibrary(root: root))
        } catch {
            report(error)
            return TestFileReport(path: path, results: [], error: "the policy \(file.policyPath) does not load; \(file.cases.count) cases not run")
        }
        var selected = file
        if let filter {
            selected.cases = file.cases.filter { $0.name.range(of: filter, options: .caseInsensitive) != nil }
        }
        let results = PolicyTestRunner.run(selected, engine: engine)
        return TestFileReport(
            path: path, results: results, coverage: coverage ? PolicyTestRunner.coverage(engine: engine, results: results) : nil)
    }

    func printText(_ report: TestFileReport) {
        Console.out("\(report.path)\n")
        if let error = report.error { Console.out("  ✗ \(error)\n") }
        for result in report.results {
            if result.passed {
                if verbose { Console.out("  ✓ \(result.testCase.name)\n") }
                continue
            }
            Console.out("  ✗ \(result.testCase.name) (\(result.testCase.range))\n")
            for failure in result.failures {
                Console.out("      \(failure.key): expected \(failure.expected)\n")
                Console.out("      \(String(repeating: " ", count: failure.key.count))  actual   \(failure.actual)\n")
            }
            if let rule = result.rule, let source = result.ruleSource {
                Console.out("      decided by rule `\(rule)` at \(source)\n")
            }
        }
        if let coverage = report.coverage {
            Console.out("  coverage: \(coverage.covered) of \(coverage.total) (\(Int(coverage.percent.rounded(.down)))%)\n")
            if !coverage.missing.isEmpty { Console.out("  not exercised by any case:\n") }
            for line in coverage.missing { Console.out("    \(line)\n") }
        }
    }

    func testFiles() throws(ExitCode) -> [String] {
        var roots = paths
        if roots.isEmpty {
            guard let root = library.resolvedLibrary() else {
                throw couldNotRun("cannot find the policy library's tests/ folder", help: "name test files, or pass --library DIR")
            }
            roots = [root + "/tests"]
        }
        var files: [String] = []
        for path in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw couldNotRun("no test file or folder at \(path)")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".yaml") }.sorted().map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        guard !files.isEmpty else { throw couldNotRun("no test files found") }
        return files
    }
}
