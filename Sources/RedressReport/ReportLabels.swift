import RedressPolicy

/// The names a committee reads in place of ids: procedures and stages from the policy, services
/// grouped into the policy's directorates, and other values (channels, who made the complaint,
/// feedback types) written as words. An id the policy gives no name keeps its words
/// (`adult-social-care` → `Adult social care`), never vanishes.
public struct ReportLabels: Sendable {
    var procedures: [String: String] = [:]
    var stages: [String: String] = [:]
    var stagePositions: [String: Int] = [:]
    var directorateOfService: [String: String] = [:]
    var directorateNames: [String: String] = [:]
    /// The ombudsman's name by id (`lgsco` → the Local Government and Social Care Ombudsman).
    var ombudsmen: [String: String] = [:]
    /// Feedback types (compliments, comments, suggestions): not complaints.
    public var feedbackTypes: Set<String> = []
    /// Directorate ids in the order the policy declares them.
    public var directorateOrder: [String] = []

    public init() {}

    /// Names from every version of the policy, later versions winning.
    public init(policies: [Policy]) {
        for policy in policies {
            for procedure in policy.procedures {
                procedures[procedure.id] = procedure.name
                for (position, stage) in procedure.stages.enumerated() {
                    stages[Self.stageKey(procedure.id, stage.id)] = stage.name
                    stagePositions[Self.stageKey(procedure.id, stage.id)] = position
                }
            }
            if !policy.directorates.isEmpty {
                directorateOfService = [:]
                directorateOrder = policy.directorates.map(\.id)
            }
            for directorate in policy.directorates {
                directorateNames[directorate.id] = directorate.name
                for service in directorate.services { directorateOfService[service] = directorate.id }
            }
            for ombudsman in policy.vocabulary.ombudsmen { ombudsmen[ombudsman.id] = ombudsman.name }
            // Every type but `complaint` is feedback (the vocabulary's rule).
            feedbackTypes.formUnion(policy.vocabulary.feedbackTypes.filter { $0 != "complaint" })
            feedbackTypes.formUnion(policy.feedback.map(\.type))
        }
    }

    static func stageKey(_ procedure: String, _ stage: String) -> String { "\(procedure)/\(stage)" }

    public var hasDirectorates: Bool { !directorateOrder.isEmpty }

    public func procedure(_ id: String) -> String { procedures[id] ?? Self.words(id) }

    /// `Corporate complaints: Stage 1`.
    public func stage(_ procedure: String, _ stage: String) -> String {
        "\(self.procedure(procedure)): \(stages[Self.stageKey(procedure, stage)] ?? Self.words(stage))"
    }

    /// The stage's place in its procedure (0 for the first), when the policy has it.
    public func position(_ procedure: String, _ stage: String) -> Int? { stagePositions[Self.stageKey(procedure, stage)] }

    /// The directorate id a service belongs to (`(not in a directorate)` when the map leaves it out).
    public func directorate(ofService service: String) -> String { directorateOfService[service] ?? Self.unassigned }

    public func directorateName(_ id: String) -> String { id == Self.unassigned ? "Not in a directorate" : directorateNames[id] ?? Self.words(id) }

    public func ombudsman(_ id: String) -> String { ombudsmen[id] ?? Self.words(id) }

    static let unassigned = "(none)"
    /// Ids that are acronyms in the vocabulary, written as such.
    static let acronyms = ["mp": "MP", "send": "SEND", "msp": "MSP", "ms": "MS", "mla": "MLA"]

    /// An id as words: `adult-social-care` → `Adult social care`; `(none)` → `Not recorded`.
    public static func words(_ id: String) -> String {
        if id == unassigned { return "Not recorded" }
        if let acronym = acronyms[id] { return acronym }
        let spaced = String(id.map { $0 == "-" || $0 == "_" ? " " : $0 })
        guard let first = spaced.first else { return spaced }
        return first.uppercased() + spaced.dropFirst()
    }
}
