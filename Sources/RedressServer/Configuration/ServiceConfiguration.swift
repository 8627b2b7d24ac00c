import Foundation
import RedressDiagnostics
import RedressYAML

/// The service's settings: defaults, then the configuration file, then `REDRESS_*` environment
/// variables, then command-line options — each later one wins. Every value is checked against its
/// key's kind; a bad file is refused with each problem at its line.
///
/// ```yaml
/// redress-server: 1
/// library: /srv/redress/policies
/// listen: { host: 0.0.0.0, port: 8443 }
/// tls: { certificate: /etc/redress/tls.crt, private_key: /etc/redress/tls.key }
/// records: { store: /var/lib/redress/records.sqlite, mask: [text, contact.name] }
/// ```
public struct ServiceConfiguration: Sendable {
    /// The values as text, by key (unset keys are absent).
    public private(set) var values: [ConfigurationKey: String] = [:]
    /// Lists (`records.mask`, `access.oidc.audiences`, `access.oidc.councils`).
    public private(set) var lists: [ConfigurationKey: [String]] = [:]
    /// Relative paths in the file are read from the file's folder; elsewhere from the working folder.
    private var base: [ConfigurationKey: String] = [:]

    public init() {
        for key in ConfigurationKey.allCases {
            if let value = key.defaultValue { values[key] = value }
        }
    }

    /// Reads a configuration file over the defaults.
    public mutating func read(file path: String) throws(DiagnosticList) {
        let start = SourceRange(file: path, at: SourceLocation(line: 1, column: 1))
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList(.error(.configUnreadable, "cannot read the configuration file", at: start))
        }
        let document = try YAMLLoader().load([UInt8](data), path: path)
        var diagnostics: [Diagnostic] = []
        guard let root = (document.root ?? .scalar(YAMLScalar(text: "", range: start))).expectMapping("the configuration", &diagnostics) else {
            throw DiagnosticList(diagnostics, sources: SourceFiles([document.source]))
        }
        let folder = (path as NSString).deletingLastPathComponent
        var seen: Set<String> = []
        walk(root, prefix: "", folder: folder.isEmpty ? "." : folder, seen: &seen, &diagnostics)
        if root["redress-server"]?.scalar?.text != "1" {
            diagnostics.append(.error(.configFormat, "the configuration must start with `redress-server: 1`", at: root["redress-server"]?.range ?? start))
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics, sources: SourceFiles([document.source])) }
    }

    private mutating func walk(_ mapping: YAMLMapping, prefix: String, folder: String, seen: inout Set<String>, _ diagnostics: inout [Diagnostic]) {
        let byPath = Dictionary(uniqueKeysWithValues: ConfigurationKey.allCases.map { ($0.path, $0) })
        let sections = Set(ConfigurationKey.allCases.flatMap { key in
            key.path.split(separator: ".").dropLast().indices.map { key.path.split(separator: ".")[...$0].joined(separator: ".") }
        })
        for entry in mapping.entries {
            guard let name = entry.key.scalar?.text else { continue }
            let path = prefix.isEmpty ? name : prefix + "." + name
            if path == "redress-server" { continue }
            if let key = byPath[path] {
                let what = "`\(path)`"
                if key.kind == .list {
                    if let items = entry.value.expectItems(what, &diagnostics) {
                        lists[key] = items.compactMap { $0.expectText("an item of \(what)", &diagnostics)?.text }
                    }
                } else if let scalar = entry.value.expectText(what, &diagnostics) {
                    if let problem = Self.problem(scalar.text, for: key) {
                        diagnostics.append(.error(.configValue, "\(what): \(problem)", at: scalar.range, help: key.summary))
                    } else {
                        values[key] = scalar.text
                        base[key] = folder
                    }
                }
            } else if sections.contains(path), let inner = entry.value.mapping {
                walk(inner, prefix: path, folder: folder, seen: &seen, &diagnostics)
            } else {
                let known = (sections.map { $0 } + byPath.keys.map { $0 }).filter { prefix.isEmpty ? !$0.contains(".") : $0.hasPrefix(prefix + ".") }
                    .map { prefix.isEmpty ? $0 : String($0.dropFirst(prefix.count + 1)) }.filter { !$0.contains(".") }
                diagnostics.append(
                    .error(
                        .configUnknownKey, "unknown key `\(name)`\(prefix.isEmpty ? "" : " in `\(prefix)`")", at: entry.key.range,
                        help: SpellingSuggestion.closest(to: name, in: known).map { "did you mean `\($0)`?" }
                            ?? "expected one of: \(known.sorted().joined(separator: ", "))"))
            }
        }
    }

    /// Applies `REDRESS_*` variables; returns a message per bad one.
    public mutating func read(environment: [String: String]) -> [String] {
        var problems: [String] = []
        for key in ConfigurationKey.allCases {
            guard let value = environment[key.environmentVariable] else { continue }
            if let problem = set(key, value) { problems.append("\(key.environmentVariable): \(problem)") }
        }
        return problems
    }

    /// Sets one value (from the environment or a command-line option); returns why it is refused.
    @discardableResult
    public mutating func set(_ key: ConfigurationKey, _ value: String) -> String? {
        if key.kind == .list {
            lists[key] = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return nil
        }
        if let problem = Self.problem(value, for: key) { return problem }
        values[key] = value
        base[key] = nil
        return nil
    }

    static func problem(_ text: String, for key: ConfigurationKey) -> String? {
        switch key.kind {
        case .text, .path, .list: return nil
        case .integer(let range):
            guard let number = Int(text), range.contains(number) else { return "`\(text)` is not a whole number from \(range.lowerBound) to \(range.upperBound)" }
        case .number(let range):
            guard let number = Double(text), range.contains(number) else { return "`\(text)` is not a number from \(range.lowerBound) to \(range.upperBound)" }
        case .boolean:
            guard ["true", "false"].contains(text) else { return "`\(text)` is not true or false" }
        case .choice(let choices):
            guard choices.contains(text) else { return "`\(text)` is not one of \(choices.joined(separator: ", "))" }
        }
        return nil
    }

    // MARK: Typed values

    public func text(_ key: ConfigurationKey) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }
    public func list(_ key: ConfigurationKey) -> [String] { lists[key] ?? [] }
    public func integer(_ key: ConfigurationKey) -> Int { values[key].flatMap { Int($0) } ?? key.defaultValue.flatMap { Int($0) } ?? 0 }
    public func number(_ key: ConfigurationKey) -> Double { values[key].flatMap { Double($0) } ?? key.defaultValue.flatMap { Double($0) } ?? 0 }
    public func flag(_ key: ConfigurationKey) -> Bool { values[key] == "true" }
    public func duration(_ key: ConfigurationKey) -> Duration { .milliseconds(Int64(number(key) * 1000)) }

    /// A path setting resolved: relative paths from the configuration file's folder (when set
    /// there), the keys file and SQLite store beside the library when left at their defaults.
    public func path(_ key: ConfigurationKey) -> String? {
        guard let value = text(key) else { return nil }
        if value.hasPrefix("/") || value.contains("://") { return value }
        if let folder = base[key] { return folder + "/" + value }
        if [.keysFile, .recordsStore].contains(key), values[key] == key.defaultValue, let library = path(.library) {
            let parent = (library as NSString).deletingLastPathComponent
            return (parent.isEmpty ? "." : parent) + "/" + value
        }
        return value
    }
}
