/// How serious a diagnostic is. Only errors make a policy unusable.
public enum Severity: String, Sendable, Hashable, Comparable, Codable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A stable identifier for a kind of diagnostic (`yaml.duplicate-key`, `policy.unknown-key`), so
/// tests, documentation and tooling can name a diagnostic without matching its wording.
public struct DiagnosticID: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

/// A secondary location that helps explain a diagnostic ("first defined here").
public struct RelatedLocation: Sendable, Hashable {
    public var message: String
    public var range: SourceRange

    public init(_ message: String, at range: SourceRange) {
        self.message = message
        self.range = range
    }
}

/// One message about an input: what is wrong, where, and what to do about it.
///
/// Wording follows compiler conventions: one line, lowercase, no final period, user-supplied names
/// in backticks; advice goes in `help`.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public var id: DiagnosticID
    public var severity: Severity
    public var message: String
    public var range: SourceRange?
    public var help: String?
    public var related: [RelatedLocation]

    public init(
        _ severity: Severity, _ id: DiagnosticID, _ message: String, at range: SourceRange?,
        help: String? = nil, related: [RelatedLocation] = []
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.range = range
        self.help = help
        self.related = related
    }

    public static func error(
        _ id: DiagnosticID, _ message: String, at range: SourceRange?, help: String? = nil,
        related: [RelatedLocation] = []
    ) -> Diagnostic {
        Diagnostic(.error, id, message, at: range, help: help, related: related)
    }

    public static func warning(
        _ id: DiagnosticID, _ message: String, at range: SourceRange?, help: String? = nil,
        related: [RelatedLocation] = []
    ) -> Diagnostic {
        Diagnostic(.warning, id, message, at: range, help: help, related: related)
    }

    public static func note(
        _ id: DiagnosticID, _ message: String, at range: SourceRange?, help: String? = nil
    ) -> Diagnostic {
        Diagnostic(.note, id, message, at: range, help: help)
    }

    /// The one-line form `path:line:column: severity: message`.
    public var description: String {
        let location = range.map { "\($0): " } ?? ""
        return "\(location)\(severity.rawValue): \(message)"
    }
}

/// A non-empty set of diagnostics thrown by a stage that could not produce its result.
/// Stages collect every problem they can find before throwing, rather than stopping at the first.
///
/// It carries the text of the files it speaks of, so the caller can quote them when rendering.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var sources: SourceFiles

    public init(_ diagnostics: [Diagnostic], sources: SourceFiles = SourceFiles()) {
        self.diagnostics = diagnostics
        self.sources = sources
    }

    public init(_ diagnostic: Diagnostic, sources: SourceFiles = SourceFiles()) {
        self.init([diagnostic], sources: sources)
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
