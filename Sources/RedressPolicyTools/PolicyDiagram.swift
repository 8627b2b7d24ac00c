import RedressPolicy

/// The process of a policy as a flowchart: the routing rules in order, exclusions with their
/// redirects, feedback, and each procedure's stages with handlers, timescales and escalation
/// windows, ending at the ombudsman.
public struct PolicyDiagram: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case mermaid, dot
    }

    enum Shape { case start, decision, stage, exclusion, feedback, ombudsman }

    struct Node {
        var id: String
        var label: String
        var shape: Shape
    }

    struct Edge {
        var from: String
        var to: String
        var label: String?
    }

    private(set) var nodes: [Node] = []
    private(set) var edges: [Edge] = []

    public init(policy: Policy) {
        nodes.append(Node(id: "received", label: "\(policy.council.name): complaint or feedback received", shape: .start))
        var previous = "received"
        var previousLabel: String?
        var usedProcedures: [String] = []
        for (index, rule) in policy.routing.enumerated() {
            let outcome = outcomeNode(rule.outcome, policy: policy, index: index, used: &usedProcedures)
            if rule.isCatchAll {
                edges.append(Edge(from: previous, to: outcome, label: previousLabel ?? "everything else"))
                previous = ""
                break
            }
            let decision = "rule\(index)"
            nodes.append(Node(id: decision, label: "\(rule.id): \(Self.describe(rule.conditions))?", shape: .decision))
            edges.append(Edge(from: previous, to: decision, label: previousLabel))
            edges.append(Edge(from: decision, to: outcome, label: "yes"))
            previous = decision
            previousLabel = "no"
        }
        for id in usedProcedures {
            guard let procedure = policy.procedure(id) else { continue }
            addStages(procedure)
        }
    }

    private mutating func outcomeNode(_ outcome: RoutingOutcome, policy: Policy, index: Int, used: inout [String]) -> String {
        switch outcome {
        case .procedure(let id, let stage):
            if !used.contains(id) { used.append(id) }
            let first = stage ?? policy.procedure(id)?.stages.first?.id ?? ""
            return Self.stageID(id, first)
        case .exclude(let exclusion):
            let node = "excluded\(index)"
            nodes.append(Node(id: node, label: "Not under this policy: \(exclusion.reason)\nGo to: \(exclusion.redirect ?? "(no redirect given)")", shape: .exclusion))
            return node
        case .feedback(let type):
            let node = "feedback-\(type)"
            if !nodes.contains(where: { $0.id == node }) {
                let handling = policy.feedback.first { $0.type == type }
                nodes.append(Node(id: node, label: "Recorded as \(type)" + (handling?.handler.map { " (\($0))" } ?? ""), shape: .feedback))
            }
            return node
        }
    }

    private mutating func addStages(_ procedure: Procedure) {
        for (index, stage) in procedure.stages.enumerated() {
            var lines = ["\(procedure.name): \(stage.name)"]
            if let handler = stage.handler { lines.append("by \(handler)") }
            if let acknowledge = stage.acknowledge { lines.append("acknowledge within \(acknowledge.within)") }
            for milestone in stage.milestones { lines.append("\(milestone.name ?? milestone.id) within \(milestone.timescale.within) of \(milestone.timescale.from)") }
            if let respond = stage.respond {
                lines.append("respond within \(respond.within) of \(respond.from)" + (respond.extendableTo.map { ", at most \($0)" } ?? ""))
            }
            if stage.repeatable > 1 { lines.append("may run \(stage.repeatable) times") }
            nodes.append(Node(id: Self.stageID(procedure.id, stage.id), label: lines.joined(separator: "\n"), shape: .stage))
            let window = stage.escalate.map { "ask within \($0.within) of the response" + ($0.advisory ? " (recommended)" : "") } ?? "if still dissatisfied"
            if index + 1 < procedure.stages.count {
                edges.append(Edge(from: Self.stageID(procedure.id, stage.id), to: Self.stageID(procedure.id, procedure.stages[index + 1].id), label: window))
            } else if let then = procedure.then {
                let ombudsman = "ombudsman-\(then)"
                if !nodes.contains(where: { $0.id == ombudsman }) {
                    nodes.append(Node(id: ombudsman, label: Vocabulary.ombudsmen[then] ?? then, shape: .ombudsman))
                }
                edges.append(Edge(from: Self.stageID(procedure.id, stage.id), to: ombudsman, label: window))
            }
        }
    }

    static func stageID(_ procedure: String, _ stage: String) -> String { "\(procedure)--\(stage)" }

    static func describe(_ conditions: RoutingConditions?) -> String {
        guard let conditions else { return "anything" }
        var parts: [String] = []
        if let types = conditions.types { parts.append("type " + types.joined(separator: "/")) }
        if let services = conditions.services { parts.append("service " + services.joined(separator: "/")) }
        if let categories = conditions.categories { parts.append("category " + categories.joined(separator: "/")) }
        if let channels = conditions.channels { parts.append("via " + channels.joined(separator: "/")) }
        if let makers = conditions.makers { parts.append("made by " + makers.joined(separator: "/")) }
        if let mentions = conditions.mentions { parts.append("mentions " + mentions.map { "'\($0)'" }.joined(separator: "/")) }
        if let age = conditions.matterOlderThan { parts.append("matter older than \(age)") }
        return parts.joined(separator: " and ")
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .mermaid: mermaid()
        case .dot: dot()
        }
    }

    func mermaid() -> String {
        func safeID(_ id: String) -> String { "n_" + id.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() }
        func label(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: "<br/>") + "\""
        }
        var out = "flowchart TD\n"
        for node in nodes {
            let text = label(node.label)
            switch node.shape {
            case .start: out += "  \(safeID(node.id))([\(text)])\n"
            case .decision: out += "  \(safeID(node.id)){\(text)}\n"
            case .stage: out += "  \(safeID(node.id))[\(text)]\n"
            case .exclusion: out += "  \(safeID(node.id))[/\(text)/]\n"
            case .feedback: out += "  \(safeID(node.id))([\(text)])\n"
            case .ombudsman: out += "  \(safeID(node.id))[[\(text)]]\n"
            }
        }
        for edge in edges {
            let text = edge.label.map { "|\(label($0))|" } ?? ""
            out += "  \(safeID(edge.from)) -->\(text) \(safeID(edge.to))\n"
        }
        return out
    }

    func dot() -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        var out = "digraph policy {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n"
        for node in nodes {
            let shape: String
            switch node.shape {
            case .start: shape = "shape=oval, style=filled, fillcolor=\"#e8f0fe\""
            case .decision: shape = "shape=diamond"
            case .stage: shape = "shape=box, style=rounded"
            case .exclusion: shape = "shape=parallelogram, style=filled, fillcolor=\"#fdecea\""
            case .feedback: shape = "shape=oval, style=filled, fillcolor=\"#e6f4ea\""
            case .ombudsman: shape = "shape=box, peripheries=2"
            }
            out += "  \(quoted(node.id)) [label=\(quoted(node.label)), \(shape)];\n"
        }
        for edge in edges {
            out += "  \(quoted(edge.from)) -> \(quoted(edge.to))" + (edge.label.map { " [label=\(quoted($0))]" } ?? "") + ";\n"
        }
        return out + "}\n"
    }
}
