import RedressDiagnostics

/// An ombudsman a procedure can end with (`then:`): who it is, what the complainant is told about
/// going there, and its own time limit.
public struct Ombudsman: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Where the complainant goes next, in words for letters and diagrams.
    public var next: String?
    public var timeLimit: PolicyDuration?
    public var range: SourceRange?
}

/// The words policies and complaints may use: the library's shared vocabulary (`vocabulary.yaml`)
/// with a council's own additions (`vocabulary:` in its policy). Data, not code: a council adds a
/// `webchat` channel or an ombudsman without a new Redress.
public struct PolicyVocabulary: Sendable, Hashable {
    public var feedbackTypes: [String]
    public var channels: [String]
    public var makers: [String]
    public var services: [String]
    public var ombudsmen: [Ombudsman]

    public init(feedbackTypes: [String] = [], channels: [String] = [], makers: [String] = [], services: [String] = [], ombudsmen: [Ombudsman] = []) {
        self.feedbackTypes = feedbackTypes
        self.channels = channels
        self.makers = makers
        self.services = services
        self.ombudsmen = ombudsmen
    }

    public func ombudsman(_ id: String) -> Ombudsman? { ombudsmen.first { $0.id == id } }

    /// This vocabulary with another's words added after its own (duplicates once).
    public func adding(_ other: PolicyVocabulary) -> PolicyVocabulary {
        func merged(_ a: [String], _ b: [String]) -> [String] { a + b.filter { !a.contains($0) } }
        return PolicyVocabulary(
            feedbackTypes: merged(feedbackTypes, other.feedbackTypes), channels: merged(channels, other.channels),
            makers: merged(makers, other.makers), services: merged(services, other.services),
            ombudsmen: ombudsmen + other.ombudsmen.filter { addition in !ombudsmen.contains { $0.id == addition.id } })
    }
}
