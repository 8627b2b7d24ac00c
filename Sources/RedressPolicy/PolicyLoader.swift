import Foundation
import RedressCalendar
import RedressDiagnostics
import RedressYAML

/// The shared library of policy parts: `calendars/`, `statutory/`, `codes/`.
public struct PolicyLibrary: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public var calendars: CalendarLibrary { CalendarLibrary(directory: root + "/calendars") }

    public func path(forImport name: String) -> String { root + "/" + name + ".yaml" }

    /// The library's shared vocabularies (feedback types, channels, made_by, services, ombudsmen).
    public var vocabularyPath: String { root + "/vocabulary.yaml" }
}

/// Everything known after reading a policy: the policy (nil when too broken to decode), its
/// calendar, the fragments it imported, the text of every file read, and all diagnostics so far.
public struct PolicyLoadResult: Sendable {
    public var policy: Policy?
    public var calendar: WorkingDayCalendar?
    public var fragments: [PolicyFragment] = []
    public var sources = SourceFiles()
    public var diagnostics: [Diagnostic] = []
    /// The policy file's own YAML tree (what `diff` compares value by value).
    public var document: YAMLNode?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A policy that decoded and passed every check: what the engine compiles.
public struct LoadedPolicy: Sendable {
    public var policy: Policy
    public var calendar: WorkingDayCalendar
    public var sources: SourceFiles
    /// Warnings and notes from the checks.
    public var diagnostics: [Diagnostic]
    /// The policy file's own YAML tree.
    public var document: YAMLNode?
}

/// Reads a policy file, resolves its imports (detecting cycles) and its calendar.
public struct PolicyLoader: Sendable {
    public let library: PolicyLibrary
    public var limits: YAMLLimits
    /// The checks `loadChecked` runs: all of them, or (`.deciding`) those that can refuse a policy.
    public var checker: PolicyChecker

    public init(library: PolicyLibrary, limits: YAMLLimits = .default, checker: PolicyChecker = .standard) {
        self.library = library
        self.limits = limits
        self.checker = checker
    }

    /// Loads, decodes and checks; throws every diagnostic when any is an error.
    public func loadChecked(path: String) throws(DiagnosticList) -> LoadedPolicy {
        try checked(load(path: path))
    }

    public func loadChecked(bytes: [UInt8], path: String) throws(DiagnosticList) -> LoadedPolicy {
        try checked(load(bytes: bytes, path: path))
    }

    private func checked(_ loaded: PolicyLoadResult) throws(DiagnosticList) -> LoadedPolicy {
        var result = loaded
        result.diagnostics += checker.check(result)
        guard !result.hasErrors, let policy = result.policy, policy.isComplete, let calendar = result.calendar else {
            throw DiagnosticList(result.diagnostics, sources: result.sources)
        }
        return LoadedPolicy(policy: policy, calendar: calendar, sources: result.sources, diagnostics: result.diagnostics, document: result.document)
    }

    public func load(path: String) -> PolicyLoadResult {
        // The size limit applies before reading: a 100 MB file is refused, not read whole.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limits.maxBytes {
            var result = PolicyLoadResult()
            result.diagnostics.append(
                .error(
                    .yamlTooLarge, "the file is \(size) bytes, more than the limit of \(limits.maxBytes)",
                    at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1)), help: "a policy is a few kilobytes; is this the right file?"))
            return result
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            var result = PolicyLoadResult()
            result.diagnostics.append(
                .error(.policyUnreadable, "cannot read the policy file", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1))))
            return result
        }
        return load(bytes: Array(data), path: path)
    }

    public func load(bytes: [UInt8], path: String) -> PolicyLoadResult {
        var result = PolicyLoadResult()
        guard let document = readYAML(bytes, path: path, into: &result) else { return result }
        result.document = document.root
        guard let vocabulary = VocabularyDecoder.load(library: library, limits: limits, diagnostics: &result.diagnostics, sources: &result.sources) else {
            return result
        }
        let (decoded, diagnostics, _) = PolicyDecoder.decode(document, vocabulary: vocabulary)
        result.diagnostics += diagnostics
        guard var policy = decoded else { return result }
        var stack = [ImportFrame(name: policy.council.id, path: path)]
        resolve(policy.imports, into: &policy, result: &result, stack: &stack)
        result.policy = policy
        guard policy.isComplete else { return result }
        do {
            let calendar = try library.calendars.calendar(for: policy.calendar.region, requestedAt: policy.calendar.range)
            result.calendar = (policy.calendar.closures.isEmpty ? calendar : calendar.adding(closures: policy.calendar.closures)).adding(rules: policy.calendar.rules)
        } catch {
            result.sources.merge(error.sources)
            result.diagnostics += error.diagnostics
        }
        return result
    }

    /// Loads a YAML file into the result: its text (for quoting) and its problems. Nil when the
    /// problems leave no tree to decode.
    private func readYAML(_ bytes: [UInt8], path: String, into result: inout PolicyLoadResult) -> YAMLDocument? {
        do {
            let (document, problems) = try YAMLLoader(limits: limits).loadRecovering(bytes, path: path)
            result.diagnostics += problems
            result.sources.add(document.source)
            return document
        } catch {
            result.sources.merge(error.sources)
            result.diagnostics += error.diagnostics
            return nil
        }
    }

    private struct ImportFrame {
        var name: String
        var path: String
    }

    /// Loads each import (and what it imports), adding its procedures to the policy.
    private func resolve(
        _ imports: [PolicyImport], into policy: inout Policy, result: inout PolicyLoadResult, stack: inout [ImportFrame]
    ) {
        for reference in imports {
            if let cycleStart = stack.firstIndex(where: { $0.name == reference.name }) {
                let chain = stack[cycleStart...].map(\.name) + [reference.name]
                result.diagnostics.append(
                    .error(
                        .policyImportCycle, "import cycle: \(chain.joined(separator: " → "))", at: reference.range,
                        related: [RelatedLocation("`\(reference.name)` is \(stack[cycleStart].path)", at: SourceRange(file: stack[cycleStart].path, at: SourceLocation(line: 1, column: 1)))]))
                continue
            }
            if result.fragments.contains(where: { $0.name == reference.name }) { continue }
            let path = library.path(forImport: reference.name)
            guard let data = FileManager.default.contents(atPath: path) else {
                result.diagnostics.append(
                    .error(
                        .policyUnknownImport, "cannot find import `\(reference.name)` (looked for \(path))",
                        at: reference.range, help: "imports name files in the policy library, like `statutory/children-england`"))
                continue
            }
            guard let document = readYAML(Array(data), path: path, into: &result) else { continue }
            let (decoded, diagnostics) = FragmentDecoder.decode(document, expectedName: reference.name, vocabulary: policy.vocabulary)
            result.diagnostics += diagnostics
            guard let fragment = decoded else { continue }
            result.fragments.append(fragment)
            stack.append(ImportFrame(name: reference.name, path: path))
            resolve(fragment.imports, into: &policy, result: &result, stack: &stack)
            stack.removeLast()
            for procedure in fragment.procedures {
                if let existing = policy.procedure(procedure.id) {
                    result.diagnostics.append(
                        .error(
                            .policyDuplicateProcedure,
                            "procedure `\(procedure.id)` from `\(reference.name)` clashes with one defined in \(existing.definedIn)",
                            at: reference.range,
                            related: [
                                RelatedLocation("defined here", at: existing.range),
                                RelatedLocation("and here", at: procedure.range),
                            ]))
                    continue
                }
                policy.procedures.append(procedure)
            }
            policy.numbers += fragment.numbers
            policy.citations += fragment.citations
        }
    }
}
