/// The fields of a decision, in the order a decision's JSON object writes them: the one home of
/// the decision contract. The encoder's reserved names, `openapi.yaml`'s `Decision` schema and
/// the table in docs/input-output.md come from this list or are tested field by field against it.
public enum DecisionField: String, CaseIterable, Sendable {
    case id, policy, type, procedure, stage, handler, excluded, redirect
    case exclusionReason = "exclusion_reason"
    case deemedReceived = "deemed_received"
    case acknowledgeBy = "acknowledge_by"
    case respondBy = "respond_by"
    case inTime = "in_time"
    case rule, source, flags, tried

    /// The field's JSON Schema (as inline YAML for the API document).
    public var schema: String {
        switch self {
        case .id, .type, .rule: "{ type: string }"
        case .policy: "{ type: object, required: [council, version], properties: { council: { type: string }, version: { type: string } } }"
        case .procedure, .stage, .handler, .redirect, .exclusionReason: "{ type: [string, \"null\"] }"
        case .excluded, .inTime: "{ type: boolean }"
        case .deemedReceived: "{ type: string, format: date }"
        case .acknowledgeBy, .respondBy: "{ type: [string, \"null\"], format: date }"
        case .source: "{ type: string, description: \"path:line:column\" }"
        case .flags: "{ type: array, items: { type: string } }"
        case .tried:
            "{ type: array, items: { type: object, required: [rule, source, reason], properties: { rule: { type: string }, source: { type: string }, reason: { type: string } } } }"
        }
    }

    /// True when every decision has the field (`exclusion_reason` only when excluded, `tried`
    /// only with `--explain`).
    public var isAlwaysPresent: Bool { self != .exclusionReason && self != .tried }

    /// What the field means (docs/input-output.md's table says the same).
    public var meaning: String {
        switch self {
        case .id: "the complaint's id"
        case .policy: "the council's id (`council`) and the version in force on the deemed receipt day (`version`)"
        case .type: "the complaint's type"
        case .procedure: "the procedure's id, or null when excluded or feedback"
        case .stage: "the first stage's id (a rule may enter a later stage), or null"
        case .handler: "who handles it: the deciding rule's `handler`, else the stage's or the feedback type's, or null"
        case .excluded: "true when the complaint is outside the procedure"
        case .redirect: "where the complainant goes instead, when excluded"
        case .exclusionReason: "why, when excluded"
        case .deemedReceived: "the first working day on or after receipt (after the cut-off: the next)"
        case .acknowledgeBy: "the first stage's acknowledgement date, or null when it awaits an event"
        case .respondBy: "the first stage's response date, or null when it awaits an event"
        case .inTime: "false when the complaint was made after the time limit (flagged, never excluded)"
        case .rule: "the routing rule that decided"
        case .source: "`path:line:column` of that rule"
        case .flags: "words a reader must see"
        case .tried: "with `--explain`: each rule tried before, with its `rule`, `source` and `reason` for not matching"
        }
    }

    /// Names a pass-through input field may not take (they are the decision's own).
    public static let reservedNames: Set<String> = Set(allCases.map(\.rawValue))
}
