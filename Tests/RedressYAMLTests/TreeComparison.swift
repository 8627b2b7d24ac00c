import RedressYAML

/// Compares a loaded tree with the suite's JSON, scalars as text: JSON strings must equal the
/// scalar's text; null, booleans and numbers must be what a plain scalar of that text means.
enum TreeComparison {
    static func matches(_ node: YAMLNode, _ json: OrderedJSON) -> Bool {
        switch (node, json) {
        case (.scalar(let scalar), .string(let text)):
            return scalar.text == text
        case (.scalar(let scalar), .null):
            return scalar.isNull || scalar.tag == "tag:yaml.org,2002:null"
        case (.scalar(let scalar), .bool(let value)):
            return scalar.text.lowercased() == (value ? "true" : "false")
        case (.scalar(let scalar), .number(let number)):
            if scalar.text == number { return true }
            guard let a = Double(scalar.text), let b = Double(number) else { return false }
            return a == b
        case (.sequence(let sequence), .array(let items)):
            return sequence.items.count == items.count && zip(sequence.items, items).allSatisfy { matches($0, $1) }
        case (.mapping(let mapping), .object(let members)):
            guard mapping.entries.count == members.count else { return false }
            return members.allSatisfy { member in
                mapping.entries.contains { entry in
                    entry.key.scalar?.text == member.key && matches(entry.value, member.value)
                }
            }
        default:
            return false
        }
    }
}
