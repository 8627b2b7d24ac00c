import RedressDiagnostics

/// Where a number in a policy comes from: a source (seed document and section, statute, published
/// page) or an explicit assumption with its reason. Every number in a policy should have one,
/// written on the value itself or on a mapping that encloses it.
public enum Citation: Sendable, Hashable {
    case source(String, at: SourceRange)
    case assumed(String, at: SourceRange)

    public var text: String {
        switch self {
        case .source(let text, _), .assumed(let text, _): text
        }
    }

    public var range: SourceRange {
        switch self {
        case .source(_, let range), .assumed(_, let range): range
        }
    }

    public var isAssumed: Bool {
        if case .assumed = self { return true }
        return false
    }
}

/// A number the policy states (a timescale, a count, a retention period), with its citation if
/// any. Collected while decoding so `check` can report uncited numbers and list assumptions.
public struct CitedNumber: Sendable, Hashable {
    public var what: String
    public var range: SourceRange
    public var citation: Citation?
}
