import RedressDiagnostics
import RedressPolicy

/// The policy's ids in words a member of the public reads: `childrens-social-care` → "children's
/// social care", `mp` → "an MP", `from: escalation` → "the request for the next stage".
enum PlainWords {
    static let services: [String: String] = [
        "adult-social-care": "adult social care", "childrens-social-care": "children's social care",
        "send": "special educational needs and disabilities (SEND)", "council-tax": "council tax",
        "councillor-conduct": "councillors' conduct", "other": "another service",
    ]
    static let channels: [String: String] = [
        "web": "the website", "email": "email", "phone": "phone", "letter": "letter", "in-person": "in person", "social-media": "social media",
    ]
    static let makers: [String: String] = ["customer": "the customer", "representative": "a representative", "mp": "an MP", "councillor": "a councillor"]
    static let types: [String: String] = ["complaint": "a complaint", "compliment": "a compliment", "comment": "a comment", "suggestion": "a suggestion"]
    static let anchors: [String: String] = [
        "receipt": "receiving it", "acknowledgement": "the acknowledgement", "escalation": "the request for this stage",
        "agreed-record": "agreeing the complaint record", "response": "the response",
    ]

    static func word(_ id: String, in table: [String: String]) -> String {
        table[id] ?? id.replacingOccurrences(of: "-", with: " ")
    }

    /// "a, b or c".
    static func list(_ items: [String], joiner: String = "or") -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(joiner) " + last
    }

    /// A routing rule's conditions as a yes/no question: "Is it about adult social care?"
    static func question(_ conditions: RoutingConditions?) -> String {
        guard let conditions, !conditions.isEmpty else { return "Anything else" }
        var parts: [String] = []
        if let types = conditions.types { parts.append(list(types.map { word($0, in: Self.types) })) }
        if let services = conditions.services { parts.append("about " + list(services.map { word($0, in: Self.services) })) }
        if let categories = conditions.categories { parts.append("in the category " + list(categories.map { word($0, in: [:]) })) }
        if let channels = conditions.channels { parts.append("made through " + list(channels.map { word($0, in: Self.channels) })) }
        if let makers = conditions.makers { parts.append("made by " + list(makers.map { word($0, in: Self.makers) })) }
        if let mentions = conditions.mentions { parts.append("mentioning " + list(mentions.map { "‘\($0)’" })) }
        if let age = conditions.matterOlderThan { parts.append("about a matter older than \(age)") }
        if parts.count == 1, let mentions = conditions.mentions { return "Does it mention " + list(mentions.map { "‘\($0)’" }) + "?" }
        return "Is it " + parts.joined(separator: " and ") + "?"
    }

    /// "respond within 10 working days of receiving it, at most 20 working days".
    static func timescale(_ verb: String, _ timescale: Timescale, milestones: [Milestone] = []) -> String {
        let from = milestones.first { $0.id == timescale.from }.map { "‘\($0.name ?? $0.id)’" } ?? word(timescale.from, in: anchors)
        return "\(verb) within \(timescale.within) of \(from)" + (timescale.extendableTo.map { " (at most \($0) if extended)" } ?? "")
            + (timescale.advisory ? " (recommended)" : "")
    }

    /// Lines of at most `width` characters, broken between words.
    static func wrap(_ text: String, width: Int = 34) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
            let lines = WordWrap.lines(paragraph, width: width)
            return lines.isEmpty ? [""] : lines
        }
    }
}
