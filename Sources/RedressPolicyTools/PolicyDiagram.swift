import RedressPolicy

/// The process of a policy as a flowchart a member of the public can read: a title with the council
/// and version, the routing questions in order in plain words, every exclusion in one box with where
/// each goes instead, feedback in one box, and each procedure's stages with handlers and timescales
/// (each saying what it runs from), ending at the ombudsman. `PolicyDiagram.Format.text` gives the
/// same process as numbered steps.
public struct PolicyDiagram: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case mermaid, dot, text
    }

    enum Shape { case start, decision, stage, exclusions, feedback, ombudsman }

    struct Node {
        var id: String
        var lines: [String]
        var shape: Shape
    }

    struct Edge {
        var from: String
        var to: String
        var label: String?
    }

    /// Where a routing rule sends a complaint.
    enum Target: Equatable {
        case stage(procedure: String, stage: String)
        case exclusion(number: Int)
        case feedback
    }

    /// One routing question shown in the diagram, with where "yes" goes.
    struct Question {
        var rule: RoutingRule
        var text: String
        var target: Target
    }

    let policy: Policy
    let title: String
    private(set) var questions: [Question] = []
    private(set) var fallThrough: Target?
    private(set) var exclusions: [Exclusion] = []
    private(set) var procedures: [Procedure] = []

    public init(policy: Policy) {
        self.policy = policy
        title = "\(policy.council.name): complaints and feedback, version \(policy.version.id) (in force from \(policy.version.effectiveFrom))"
        for rule in policy.routing {
            let target = self.target(rule.outcome)
            if rule.isCatchAll {
                fallThrough = target
                break
            }
            questions.append(Question(rule: rule, text: PlainWords.question(rule.conditions), target: target))
        }
        // A last question whose "yes" goes where "no" goes decides nothing for the reader (it only
        // adds flags): leave it out, so no question has yes and no to the same box.
        while let last = questions.last, last.target == fallThrough { questions.removeLast() }
    }

    private mutating func target(_ outcome: RoutingOutcome) -> Target {
        switch outcome {
        case .procedure(let id, let stage):
            if let procedure = policy.procedure(id), !procedures.contains(where: { $0.id == id }) { procedures.append(procedure) }
            return .stage(procedure: id, stage: stage ?? policy.procedure(id)?.stages.first?.id ?? "")
        case .exclude(let exclusion):
            if let index = exclusions.firstIndex(of: exclusion) { return .exclusion(number: index + 1) }
            exclusions.append(exclusion)
            return .exclusion(number: exclusions.count)
        case .feedback:
            return .feedback
        }
    }

    static func stageID(_ procedure: String, _ stage: String) -> String { "\(procedure)--\(stage)" }

    func nodeID(_ target: Target) -> String {
        switch target {
        case .stage(let procedure, let stage): Self.stageID(procedure, stage)
        case .exclusion: "exclusions"
        case .feedback: "feedback"
        }
    }

    /// The lines of a stage box: procedure and stage, who handles it, each timescale.
    static func stageLines(_ procedure: Procedure, _ stage: Stage) -> [String] {
        var lines = ["\(procedure.name): \(stage.name)"]
        if let handler = stage.handler { lines.append("by \(handler)") }
        if let acknowledge = stage.acknowledge { lines.append(PlainWords.timescale("acknowledge", acknowledge, milestones: stage.milestones)) }
        for milestone in stage.milestones {
            lines.append(PlainWords.timescale(milestone.name ?? milestone.id, milestone.timescale, milestones: stage.milestones))
        }
        if let respond = stage.respond { lines.append(PlainWords.timescale("respond", respond, milestones: stage.milestones)) }
        if stage.optional { lines.append("(optional: may be skipped)") }
        if stage.repeatable > 1 { lines.append("may run \(stage.repeatable) times") }
        return lines
    }

    /// The words on the arrow to the next stage or the ombudsman.
    static func escalation(_ stage: Stage) -> String {
        stage.escalate.map { "if still dissatisfied: " + PlainWords.timescale("ask", $0) } ?? "if still dissatisfied"
    }

    func exclusionLines() -> [String] {
        ["Not handled under this policy; go instead to:"]
            + exclusions.enumerated().map { index, exclusion in
                "(\(index + 1)) \(exclusion.reason): \(exclusion.redirect ?? "no other route given")"
            }
    }

    func feedbackLines() -> [String] {
        let types = questions.compactMap { question -> String? in
            if case .feedback(let type) = question.rule.outcome { type } else { nil }
        }
        return ["Recorded as feedback, not a complaint"]
            + types.map { type in
                let handler = policy.feedback.first { $0.type == type }?.handler
                return PlainWords.word(type, in: [:]) + "s" + (handler.map { ": \($0)" } ?? "")
            }
    }

    func graph() -> (nodes: [Node], edges: [Edge]) {
        var nodes = [Node(id: "received", lines: ["Complaint or feedback received"], shape: .start)]
        var edges: [Edge] = []
        var previous = "received"
        var previousLabel: String?
        for (index, question) in questions.enumerated() {
            let id = "question\(index + 1)"
            nodes.append(Node(id: id, lines: [question.text], shape: .decision))
            edges.append(Edge(from: previous, to: id, label: previousLabel))
            let yes = if case .exclusion(let number) = question.target { "yes (\(number))" } else { "yes" }
            edges.append(Edge(from: id, to: nodeID(question.target), label: yes))
            previous = id
            previousLabel = "no"
        }
        if let fallThrough { edges.append(Edge(from: previous, to: nodeID(fallThrough), label: previousLabel)) }
        if !exclusions.isEmpty { nodes.append(Node(id: "exclusions", lines: exclusionLines(), shape: .exclusions)) }
        if questions.contains(where: { $0.target == .feedback }) || fallThrough == .feedback {
            nodes.append(Node(id: "feedback", lines: feedbackLines(), shape: .feedback))
        }
        var ombudsmen: [String] = []
        for procedure in procedures {
            for (index, stage) in procedure.stages.enumerated() {
                let id = Self.stageID(procedure.id, stage.id)
                nodes.append(Node(id: id, lines: Self.stageLines(procedure, stage), shape: .stage))
                if index + 1 < procedure.stages.count {
                    edges.append(Edge(from: id, to: Self.stageID(procedure.id, procedure.stages[index + 1].id), label: Self.escalation(stage)))
                } else if let then = procedure.then {
                    if !ombudsmen.contains(then) {
                        ombudsmen.append(then)
                        nodes.append(Node(id: "ombudsman-\(then)", lines: [policy.vocabulary.ombudsman(then)?.name ?? then], shape: .ombudsman))
                    }
                    edges.append(Edge(from: id, to: "ombudsman-\(then)", label: Self.escalation(stage)))
                }
            }
        }
        return (nodes, edges)
    }

    /// DOT at its natural size (for a screen, which scrolls and zooms), not scaled to A4.
    public var screenDOT: String { dot(fitsPage: false) }

    public func render(_ format: Format) -> String {
        switch format {
        case .mermaid: mermaid()
        case .dot: dot()
        case .text: text()
        }
    }
}
