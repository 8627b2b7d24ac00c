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
        discussion: "Exit status: 0 when every case passes, 1 when any fails or a file is invalid, 2 when nothing can run.")

    @Argument(help: "Test files or folders (default: the library's tests/ folder).")
    var paths: [String] = []

    @Flag(help: "List the routing rules, stages and retention rules no test exercises.")
    var coverage = false

    @OptionGroup var library: LibraryOptions

    func run() throws {
        let files = try testFiles()
        var passed = 0
        var failed = 0
        for path in files {
            Console.out("\(path)\n")
            let file: PolicyTestFile
            do {
                file = try PolicyTestFile.load(path: path)
            } catch {
                report(error)
                failed += 1
                continue
            }
            guard let root = library.resolvedLibrary(near: file.policyPath) else {
                throw couldNotRun("cannot find the policy library for \(file.policyPath)", help: "pass --library DIR")
            }
            let engine: Engine
            do {
                engine = try Engine.load(path: file.policyPath, library: PolicyLibrary(root: root))
            } catch {
                report(error)
                Console.out("  ✗ the policy \(file.policyPath) does not load; \(file.cases.count) cases not run\n")
                failed += file.cases.count
                continue
            }
            let results = PolicyTestRunner.run(file, engine: engine)
            for result in results {
                if result.passed {
                    passed += 1
                    Console.out("  ✓ \(result.testCase.name)\n")
                    continue
                }
                failed += 1
                Console.out("  ✗ \(result.testCase.name) (\(result.testCase.range))\n")
                for failure in result.failures {
                    Console.out("      \(failure.key): expected \(failure.expected)\n")
                    Console.out("      \(String(repeating: " ", count: failure.key.count))  actual   \(failure.actual)\n")
                }
                if let rule = result.rule, let source = result.ruleSource {
                    Console.out("      decided by rule `\(rule)` at \(source)\n")
                }
            }
            if coverage {
                let missing = PolicyTestRunner.uncovered(engine: engine, results: results)
                Console.out(missing.isEmpty ? "  coverage: every rule, stage and retention rule is exercised\n" : "  not exercised by any case:\n")
                for line in missing { Console.out("    \(line)\n") }
            }
        }
        Console.out("\(passed) passed, \(failed) failed\n")
        if failed > 0 { throw ExitCode(ExitStatus.invalid) }
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
