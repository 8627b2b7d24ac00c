import RedressPolicy
import RedressYAML

/// Short one-line renderings of YAML values for diff lines: scalars as written (quoted when they
/// hold spaces at the ends or are empty), lists and mappings in flow style, cut at `limit`.
enum ValueText {
    static func short(_ node: YAMLNode?, limit: Int = 80) -> String {
        guard let node else { return "nothing" }
        let text = flow(node)
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    static func flow(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.isNull { return "null" }
            let text = scalar.text.replacingOccurrences(of: "\n", with: "\\n")
            let needsQuotes = text.isEmpty || text.first == " " || text.last == " " || text.contains(", ") || text.contains(": ")
            return needsQuotes ? "\"\(text)\"" : text
        case .sequence(let sequence):
            return "[" + sequence.items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            return "{" + mapping.entries.map { flow($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        }
    }
}

/// Pairs two versions' stages: by id, then a stage whose id is new is paired with a removed
/// stage at the same rank (a rename), the same way the value comparison pairs list items.
enum StagePairing {
    static func pair(_ old: [Stage], _ new: [Stage]) -> [(Stage?, Stage?)] {
        let oldIDs = Set(old.map(\.id))
        let newIDs = Set(new.map(\.id))
        let orphansOld = old.filter { !newIDs.contains($0.id) }
        var orphanIterator = orphansOld.makeIterator()
        var used: Set<String> = []
        var pairs: [(Stage?, Stage?)] = []
        for stage in new {
            if let same = old.first(where: { $0.id == stage.id }) {
                pairs.append((same, stage))
            } else if let renamed = orphanIterator.next() {
                used.insert(renamed.id)
                pairs.append((renamed, stage))
            } else {
                pairs.append((nil, stage))
            }
        }
        for stage in orphansOld where !used.contains(stage.id) && !oldIDs.isEmpty { pairs.append((stage, nil)) }
        return pairs
    }
}
