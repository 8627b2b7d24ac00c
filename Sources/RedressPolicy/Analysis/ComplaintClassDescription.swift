extension ComplaintSpace {
    /// Words for a set of classes, naming only the conditions that narrow it: "type `complaint`,
    /// service `send`, channel other than `social-media`". Each condition is described on its own,
    /// so the words can cover a little more than the set (never less).
    public func describe(_ classes: [ComplaintClass]) -> String {
        guard !classes.isEmpty else { return "no complaint" }
        var parts: [String] = []
        if let part = Self.values("type", Set(classes.map(\.type)), types.map { Optional($0) }) { parts.append(part) }
        if let part = Self.values("service", Set(classes.map(\.service)), services) { parts.append(part) }
        if let part = Self.values("channel", Set(classes.map(\.channel)), channels) { parts.append(part) }
        if let part = Self.values("made_by", Set(classes.map(\.maker)), makers) { parts.append(part) }
        parts += Self.groupsPresent("category", classes.map(\.categories), categoryGroups)
        parts += Self.groupsPresent("mentioning", classes.map(\.mentions), mentionGroups)
        let ranks = Set(classes.map(\.ageRank))
        if let low = ranks.min(), let high = ranks.max(), ranks.count <= thresholds.count {
            if low > 0 { parts.append("matter older than \(thresholds[low - 1])") }
            if high < thresholds.count { parts.append("matter not older than \(thresholds[high]) (or `aware_on` unknown)") }
        }
        return parts.isEmpty ? "every complaint" : parts.joined(separator: ", ")
    }

    static func values(_ name: String, _ seen: Set<String?>, _ domain: [String?]) -> String? {
        guard seen.count < domain.count else { return nil }
        let named = domain.compactMap { $0 }
        let quoted = { (values: [String]) in values.map { "`\($0)`" }.joined(separator: " or ") }
        if !seen.contains(nil) {
            return "\(name) \(quoted(named.filter { seen.contains($0) }))"
        }
        let missing = named.filter { !seen.contains($0) }
        return "\(name) other than \(quoted(missing).replacingOccurrences(of: " or ", with: ", "))"
    }

    static func groupsPresent(_ name: String, _ seen: [Set<Int>], _ groups: [[String]]) -> [String] {
        var parts: [String] = []
        for (index, group) in groups.enumerated() {
            let words = group.map { "`\($0)`" }.joined(separator: " or ")
            if seen.allSatisfy({ $0.contains(index) }) {
                parts.append(name == "category" ? "category \(words)" : "mentioning \(words)")
            } else if seen.allSatisfy({ !$0.contains(index) }) {
                parts.append(name == "category" ? "no category \(words)" : "not mentioning \(words)")
            }
        }
        return parts
    }
}
