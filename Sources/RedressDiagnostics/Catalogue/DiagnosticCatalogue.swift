/// What one diagnostic id means: its severity, a one-line summary, a longer explanation, and an
/// example that triggers it beside the same example put right. `redress explain ID` prints it;
/// docs/diagnostics.md is generated from the whole catalogue.
public struct DiagnosticEntry: Sendable {
    public let id: DiagnosticID
    public let severity: Severity
    public let summary: String
    public let explanation: String
    /// A file (or command) that gets this diagnostic; empty where none can be shown (a file that
    /// cannot be read).
    public let wrong: String
    /// The same put right.
    public let right: String

    public init(_ id: DiagnosticID, _ severity: Severity, _ summary: String, explanation: String, wrong: String = "", right: String = "") {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
        self.wrong = wrong
        self.right = right
    }
}

/// Every diagnostic Redress can emit, documented: the one home for diagnostic ids. A test scans the
/// sources and fails on an id that is not here, or an entry no code emits.
public enum DiagnosticCatalogue {
    public static let entries: [DiagnosticEntry] =
        yamlEntries + schemaEntries + policyEntries + statutoryEntries + fileEntries + serviceEntries

    /// The entry for `id`, if it is one.
    public static func entry(_ id: DiagnosticID) -> DiagnosticEntry? {
        entries.first { $0.id == id }
    }

    /// The id closest in spelling to `text`, for "did you mean" help.
    public static func suggestion(for text: String) -> DiagnosticID? {
        SpellingSuggestion.closest(to: text, in: entries.map(\.id.rawValue)).map(DiagnosticID.init(rawValue:))
    }

    /// `redress explain ID`: the entry as a terminal reads it.
    public static func explanation(of entry: DiagnosticEntry) -> String {
        var out = "\(entry.id) (\(entry.severity.rawValue)): \(entry.summary)\n\n\(wrapped(entry.explanation, width: 100))\n"
        if !entry.wrong.isEmpty {
            out += "\nFor example, this gets `\(entry.id)`:\n\n" + indented(entry.wrong) + "\nPut right:\n\n" + indented(entry.right)
        }
        return out
    }

    /// docs/diagnostics.md: every entry, grouped by the part of Redress that emits it.
    public static var markdown: String {
        var out = """
            # Diagnostics

            Every message Redress prints about a file names an id in brackets, e.g.
            `policy.yaml:12:7: error: unknown key \\`respnd\\` in a stage [schema.unknown-key]`.
            `redress explain ID` prints the entry below for that id. This page is generated from the
            catalogue in `Sources/RedressDiagnostics/Catalogue` (`redress explain --markdown`); a test
            checks it is up to date and that every id the code can emit is here.

            Errors make a file unusable; warnings are worth fixing but do not stop a policy loading;
            notes are information (`check --assumptions` lists the `policy.assumption` notes).

            """
        var group = ""
        for entry in entries {
            let prefix = String(entry.id.rawValue.prefix { $0 != "." })
            if prefix != group {
                group = prefix
                out += "\n## \(groupTitles[prefix] ?? prefix)\n"
            }
            out += "\n### `\(entry.id)`\n\n**\(entry.severity.rawValue)**: \(entry.summary)\n\n\(entry.explanation)\n"
            if !entry.wrong.isEmpty {
                out += "\nWrong:\n\n```\(fence(entry.wrong))\n\(entry.wrong)\n```\n\nRight:\n\n```\(fence(entry.right))\n\(entry.right)\n```\n"
            }
        }
        return out
    }

    static let groupTitles = [
        "yaml": "YAML syntax and limits (`yaml.*`)", "schema": "Shape of a file (`schema.*`)", "policy": "Policies (`policy.*`)",
        "tests": "Policy test files (`tests.*`)", "map": "CRM field maps (`map.*`)", "calendar": "Bank holiday calendars (`calendar.*`)",
        "code": "Code conformance files (`code.*`)", "engine": "Loading policies (`engine.*`)", "keys": "The service's keys file (`keys.*`)",
        "config": "The service's configuration file (`config.*`)",
    ]

    /// `text` broken into lines of at most `width` characters, at spaces.
    static func wrapped(_ text: String, width: Int) -> String {
        WordWrap.lines(text, width: width).joined(separator: "\n")
    }

    static func fence(_ example: String) -> String { example.hasPrefix("$ ") ? "console" : "yaml" }

    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
    }
}
