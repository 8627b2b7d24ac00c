import RedressDiagnostics
import RedressYAML

/// Decodes `procedures:` (in a policy or an imported fragment) and the timescales inside them.
enum ProcedureDecoder {
    static let procedureKeys = ["name", "kind", "implements", "stages", "then", "time_limit", "alternative_resolution", "joint_working", "source", "assumed"]
    static let stageKeys = [
        "id", "name", "handler", "acknowledge", "respond", "milestones", "repeatable", "escalate", "optional", "refer_back_to",
        "gate", "source", "assumed",
    ]
    static let timescaleKeys = ["within", "from", "extendable_to", "or_if_later", "advisory", "source", "assumed"]
    static let milestoneKeys = ["id", "name", "within", "from", "source", "assumed"]
    static let timeLimitKeys = ["within", "from", "source", "assumed"]

    static func procedures(_ node: YAMLNode, file: String, _ context: inout DecodeContext) -> [Procedure] {
        guard let mapping = node.expectMapping("`procedures`", &context.diagnostics) else { return [] }
        var result: [Procedure] = []
        for entry in mapping.entries {
            guard let id = context.identifier(entry.key, "a procedure") else { continue }
            guard let body = entry.value.expectMapping("procedure `\(id)`", &context.diagnostics) else { continue }
            if let procedure = procedure(id: id, body, keyRange: entry.key.range, file: file, &context) {
                result.append(procedure)
            }
        }
        return result
    }

    static func procedure(id: String, _ body: YAMLMapping, keyRange: SourceRange, file: String, _ context: inout DecodeContext)
        -> Procedure?
    {
        body.checkKeys(known: procedureKeys, required: ["stages"], in: "procedure `\(id)`", &context.diagnostics)
        return context.cited(by: body) { context in
            let kind = context.oneOf(body["kind"], "`kind`", allowed: Procedure.Kind.allCases.map(\.rawValue))
                .flatMap(Procedure.Kind.init(rawValue:)) ?? .corporate
            var stages: [Stage] = []
            if let items = body["stages"]?.expectSequence("`stages`", &context.diagnostics)?.items {
                for item in items {
                    if let stage = stage(item, procedure: id, &context) { stages.append(stage) }
                }
                if items.isEmpty {
                    context.add(.error(.policyNoStages, "procedure `\(id)` has no stages", at: keyRange))
                }
            }
            var procedure = Procedure(
                id: id, name: context.text(body["name"], "`name`") ?? id, kind: kind,
                implements: context.identifier(body["implements"], "`implements`"), stages: stages,
                then: context.oneOf(body["then"], "`then`", allowed: context.vocabulary.ombudsmen.map(\.id)),
                timeLimit: body["time_limit"].flatMap { timeLimit($0, &context) }, definedIn: file, range: keyRange,
                implementsRange: body["implements"]?.range)
            procedure.alternativeMeans = body["alternative_resolution"].flatMap { alternativeMeans($0, &context) } ?? []
            procedure.partners = body["joint_working"].flatMap { partners($0, &context) } ?? []
            return procedure
        }
    }

    static func stage(_ node: YAMLNode, procedure: String, _ context: inout DecodeContext) -> Stage? {
        guard let body = node.expectMapping("a stage of `\(procedure)`", &context.diagnostics) else { return nil }
        body.checkKeys(known: stageKeys, required: ["id"], in: "a stage", &context.diagnostics)
        return context.cited(by: body) { context in
            guard let id = context.identifier(body["id"], "a stage") else { return nil }
            var milestones: [Milestone] = []
            if let items = body["milestones"]?.expectSequence("`milestones`", &context.diagnostics)?.items {
                for item in items {
                    guard let mapping = item.expectMapping("a milestone", &context.diagnostics) else { continue }
                    mapping.checkKeys(known: milestoneKeys, required: ["id", "within", "from"], in: "a milestone", &context.diagnostics)
                    guard let milestoneID = context.identifier(mapping["id"], "a milestone"),
                        let timescale = timescale(item, "milestone `\(milestoneID)`", defaultFrom: "receipt", keys: milestoneKeys, &context)
                    else { continue }
                    milestones.append(Milestone(id: milestoneID, name: context.text(mapping["name"], "`name`"), timescale: timescale))
                }
            }
            var gate: StageGate?
            if let gateNode = body["gate"], let mapping = gateNode.expectMapping("`gate`", &context.diagnostics) {
                mapping.checkKeys(known: ["decided_by", "source", "assumed"], required: [], in: "`gate`", &context.diagnostics)
                gate = context.cited(by: mapping) { context in
                    StageGate(decidedBy: context.text(mapping["decided_by"], "`decided_by`"), range: gateNode.range)
                }
            }
            var stage = Stage(
                id: id, name: context.text(body["name"], "`name`") ?? id, handler: context.text(body["handler"], "`handler`"),
                acknowledge: body["acknowledge"].flatMap { timescale($0, "`acknowledge`", defaultFrom: "receipt", &context) },
                respond: body["respond"].flatMap { timescale($0, "`respond`", defaultFrom: "receipt", &context) },
                respondWritten: body["respond"] != nil, milestones: milestones,
                repeatable: body["repeatable"].flatMap { context.count($0, "`repeatable`", in: 1...10) } ?? 1,
                escalate: body["escalate"].flatMap { timescale($0, "`escalate`", defaultFrom: "response", &context) },
                optional: body["optional"]?.expectText("`optional`", &context.diagnostics)?.expectBool("`optional`", &context.diagnostics)
                    ?? false,
                referBackTo: context.identifier(body["refer_back_to"], "`refer_back_to`"), range: body.keyRange)
            stage.gate = gate
            return stage
        }
    }

    /// `joint_working: { partners: [{ id: nhs, name: …, respond: … }], source: … }`.
    static func partners(_ node: YAMLNode, _ context: inout DecodeContext) -> [JointPartner]? {
        guard let body = node.expectMapping("`joint_working`", &context.diagnostics) else { return nil }
        body.checkKeys(known: ["partners", "source", "assumed"], required: ["partners"], in: "`joint_working`", &context.diagnostics)
        return context.cited(by: body) { context in
            guard let items = body["partners"]?.expectSequence("`partners`", &context.diagnostics)?.items else { return nil }
            return items.compactMap { item -> JointPartner? in
                guard let mapping = item.expectMapping("a partner", &context.diagnostics) else { return nil }
                mapping.checkKeys(known: ["id", "name", "respond", "source", "assumed"], required: ["id", "name"], in: "a partner", &context.diagnostics)
                return context.cited(by: mapping) { context in
                    guard let id = context.identifier(mapping["id"], "a partner") else { return nil }
                    return JointPartner(
                        id: id, name: context.text(mapping["name"], "`name`") ?? id,
                        respond: mapping["respond"].flatMap { timescale($0, "`respond` of partner `\(id)`", defaultFrom: "receipt", &context) },
                        range: mapping.keyRange)
                }
            }
        }
    }

    /// `alternative_resolution: { means: [mediation], source: … }`.
    static func alternativeMeans(_ node: YAMLNode, _ context: inout DecodeContext) -> [String]? {
        guard let body = node.expectMapping("`alternative_resolution`", &context.diagnostics) else { return nil }
        body.checkKeys(known: ["means", "source", "assumed"], required: ["means"], in: "`alternative_resolution`", &context.diagnostics)
        return context.cited(by: body) { context in body["means"].flatMap { context.words($0, "`means`") } }
    }

    /// `10 working days`, or `{ within: 10 working days, from: escalation, extendable_to: …, source: … }`.
    static func timescale(
        _ node: YAMLNode, _ what: String, defaultFrom: String, keys: [String] = timescaleKeys, _ context: inout DecodeContext
    ) -> Timescale? {
        if let scalar = node.scalar, !scalar.isNull {
            guard let within = context.duration(node, what) else { return nil }
            return Timescale(from: defaultFrom, within: within, citation: context.citation, range: scalar.range)
        }
        guard let body = node.expectMapping(what, &context.diagnostics) else { return nil }
        if keys == timescaleKeys {
            body.checkKeys(known: keys, required: ["within"], in: what, &context.diagnostics)
        }
        return context.cited(by: body) { context in
            guard let withinNode = body["within"], let within = context.duration(withinNode, "`within` of \(what)") else {
                return nil
            }
            let from = context.identifier(body["from"], "`from`") ?? defaultFrom
            let byAgreement = body["extendable_to"]?.scalar.map { $0.text == "by agreement" } ?? false
            var timescale = Timescale(
                from: from, within: within,
                extendableTo: byAgreement ? nil : body["extendable_to"].flatMap { context.duration($0, "`extendable_to` of \(what)") },
                advisory: body["advisory"]?.expectText("`advisory`", &context.diagnostics)?.expectBool(
                    "`advisory`", &context.diagnostics) ?? false,
                citation: context.citation, range: withinNode.range, fromRange: body["from"]?.range,
                extendableToRange: body["extendable_to"]?.range)
            timescale.extensionByAgreement = byAgreement
            timescale.orIfLater = body["or_if_later"].flatMap { alternative($0, what, &context) }
            return timescale
        }
    }

    /// `or_if_later: { within: 6 months, from: aware }`.
    static func alternative(_ node: YAMLNode, _ what: String, _ context: inout DecodeContext) -> AlternativeWindow? {
        guard let body = node.expectMapping("`or_if_later` of \(what)", &context.diagnostics) else { return nil }
        body.checkKeys(known: ["within", "from"], required: ["within", "from"], in: "`or_if_later` of \(what)", &context.diagnostics)
        guard let withinNode = body["within"], let within = context.duration(withinNode, "`within` of `or_if_later`"),
            let from = context.oneOf(body["from"], "`from` of `or_if_later`", allowed: AlternativeWindow.Anchor.allCases.map(\.rawValue))
                .flatMap(AlternativeWindow.Anchor.init(rawValue:))
        else { return nil }
        return AlternativeWindow(within: within, from: from, range: withinNode.range)
    }

    static func timeLimit(_ node: YAMLNode, _ context: inout DecodeContext) -> TimeLimit? {
        guard let body = node.expectMapping("`time_limit`", &context.diagnostics) else { return nil }
        body.checkKeys(known: timeLimitKeys, required: ["within"], in: "`time_limit`", &context.diagnostics)
        return context.cited(by: body) { context in
            guard let withinNode = body["within"], let within = context.duration(withinNode, "`time_limit`") else { return nil }
            let from = context.oneOf(body["from"], "`from`", allowed: TimeLimit.Anchor.allCases.map(\.rawValue))
                .flatMap(TimeLimit.Anchor.init(rawValue:)) ?? .aware
            return TimeLimit(within: within, from: from, citation: context.citation, range: withinNode.range)
        }
    }
}
