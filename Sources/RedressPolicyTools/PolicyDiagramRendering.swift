import RedressPolicy

extension PolicyDiagram {
    /// Labels are wrapped to this many characters so the picture stays narrow enough for a page.
    static let labelWidth = 34

    static func wrapped(_ lines: [String]) -> [String] { lines.flatMap { PlainWords.wrap($0, width: labelWidth) } }

    func mermaid() -> String {
        func safeID(_ id: String) -> String { "n_" + id.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() }
        func label(_ lines: [String]) -> String {
            "\"" + lines.joined(separator: "<br/>").replacingOccurrences(of: "\"", with: "#quot;") + "\""
        }
        let (nodes, edges) = graph()
        var out = "---\ntitle: \(title.replacingOccurrences(of: "\n", with: " "))\n---\nflowchart TD\n"
        for node in nodes {
            let text = label(Self.wrapped(node.lines))
            switch node.shape {
            case .start: out += "  \(safeID(node.id))([\(text)])\n"
            case .decision: out += "  \(safeID(node.id)){\(text)}\n"
            case .stage: out += "  \(safeID(node.id))[\(text)]\n"
            case .exclusions: out += "  \(safeID(node.id))[/\(text)/]\n"
            case .feedback: out += "  \(safeID(node.id))([\(text)])\n"
            case .ombudsman: out += "  \(safeID(node.id))[[\(text)]]\n"
            }
        }
        for edge in edges {
            let text = edge.label.map { "|\(label(Self.wrapped([$0])))|" } ?? ""
            out += "  \(safeID(edge.from)) -->\(text) \(safeID(edge.to))\n"
        }
        return out
    }

    func dot(fitsPage: Bool = true) -> String {
        func quoted(_ lines: [String]) -> String {
            "\"" + lines.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }.joined(separator: "\\n") + "\""
        }
        let (nodes, edges) = graph()
        // `size` caps the drawing at an A4 page's printable width (7.5 inches); wrapped labels keep
        // the natural width close to it, so little scaling is needed. On screen (the workbench) the
        // drawing keeps its natural size, so no text is smaller than Graphviz set it.
        var out = "digraph policy {\n  graph [label=\(quoted(Self.wrapped([title]).count > 2 ? [title] : Self.wrapped([title]))), labelloc=t, fontname=\"Helvetica\", fontsize=14\(fitsPage ? ", size=\"7.5,100\"" : "")];\n"
        // On screen at least 11 and 10 points (14.7 and 13.3 CSS pixels) at 100%.
        let (nodeSize, edgeSize) = fitsPage ? (10, 9) : (11, 10)
        out += "  node [fontname=\"Helvetica\", fontsize=\(nodeSize)];\n  edge [fontname=\"Helvetica\", fontsize=\(edgeSize)];\n"
        for node in nodes {
            let shape =
                switch node.shape {
                case .start: "shape=oval, style=filled, fillcolor=\"#e8f0fe\""
                case .decision: "shape=diamond"
                case .stage: "shape=box, style=rounded"
                case .exclusions: "shape=note, style=filled, fillcolor=\"#fdecea\""
                case .feedback: "shape=oval, style=filled, fillcolor=\"#e6f4ea\""
                case .ombudsman: "shape=box, peripheries=2"
                }
            out += "  \(quoted([node.id])) [label=\(quoted(Self.wrapped(node.lines))), \(shape)];\n"
        }
        for edge in edges {
            out += "  \(quoted([edge.from])) -> \(quoted([edge.to]))" + (edge.label.map { " [label=\(quoted(PlainWords.wrap($0, width: 24)))]" } ?? "") + ";\n"
        }
        return out + "}\n"
    }

    /// The same process as numbered steps: the accessible alternative to the picture.
    func text() -> String {
        var stepOf: [String: Int] = [:]
        var step = 2
        for procedure in procedures {
            for stage in procedure.stages {
                stepOf[Self.stageID(procedure.id, stage.id)] = step
                step += 1
            }
        }
        func outcome(_ target: Target, _ rule: RoutingRule?) -> String {
            switch target {
            case .stage(let procedure, let stage):
                let name = policy.procedure(procedure).map { p in "\(p.name), \(p.stage(stage)?.name ?? stage)" } ?? procedure
                return "\(name) (step \(stepOf[Self.stageID(procedure, stage)] ?? 0))"
            case .exclusion(let number):
                let exclusion = exclusions[number - 1]
                return "not handled under this policy (\(exclusion.reason)); go instead to: \(exclusion.redirect ?? "no other route given")"
            case .feedback:
                if case .feedback(let type)? = rule?.outcome {
                    let handler = policy.feedback.first { $0.type == type }?.handler
                    return "recorded as a \(type)" + (handler.map { ", passed to the \($0)" } ?? "")
                }
                return "recorded as feedback"
            }
        }
        var out = title + "\n\n1. When a complaint or feedback is received, the council asks these questions in order and follows the first \"yes\":\n"
        for (index, question) in questions.enumerated() {
            out += "   \(index + 1). \(question.text) If yes: \(outcome(question.target, question.rule)).\n"
        }
        if let fallThrough {
            let last = policy.routing.last { $0.isCatchAll }
            out += "   \(questions.count + 1). Otherwise: \(outcome(fallThrough, last)).\n"
        }
        for procedure in procedures {
            for (index, stage) in procedure.stages.enumerated() {
                out += "\n\(stepOf[Self.stageID(procedure.id, stage.id)] ?? 0). " + Self.stageLines(procedure, stage).joined(separator: "; ") + ".\n"
                if index + 1 < procedure.stages.count {
                    let next = procedure.stages[index + 1]
                    out += "   \(Self.escalation(stage).prefix(1).uppercased() + Self.escalation(stage).dropFirst()): go to step \(stepOf[Self.stageID(procedure.id, next.id)] ?? 0).\n"
                } else if let then = procedure.then {
                    out += "   \(Self.escalation(stage).prefix(1).uppercased() + Self.escalation(stage).dropFirst()): the \(policy.vocabulary.ombudsman(then)?.name ?? then).\n"
                }
            }
        }
        return out
    }
}
