import RedressDiagnostics
import RedressYAML

/// Decodes `retention:`, `behaviour:` and `feedback:`.
enum RetentionBehaviourDecoder {
    static let retentionKeys = ["id", "when", "keep", "from", "source", "assumed"]
    static let retentionConditionKeys = ["type", "procedure", "closed_at"]
    static let behaviourKeys = ["criteria", "review_after", "decided_by", "source", "assumed"]
    static let criterionKeys = ["id", "text", "signal", "source", "assumed"]
    static let reviewKeys = ["within", "source", "assumed"]
    static let signalKeys = ["contacts", "repeat_complaints", "parallel_complaints", "review_after_exhausted"]
    static let feedbackKeys = ["handler", "acknowledge", "respond", "source", "assumed"]

    static func retention(_ node: YAMLNode, _ context: inout DecodeContext) -> [RetentionRule] {
        guard let items = node.expectSequence("`retention`", &context.diagnostics)?.items else { return [] }
        return items.compactMap { item -> RetentionRule? in
            guard let body = item.expectMapping("a retention rule", &context.diagnostics) else { return nil }
            body.checkKeys(known: retentionKeys, required: ["id", "keep"], in: "a retention rule", &context.diagnostics)
            return context.cited(by: body) { context in
                guard let id = context.identifier(body["id"], "a retention rule"),
                    let keep = body["keep"].flatMap({ context.duration($0, "`keep`") })
                else { return nil }
                var rule = RetentionRule(
                    id: id, keep: keep,
                    from: context.oneOf(body["from"], "`from`", allowed: RetentionRule.Anchor.allCases.map(\.rawValue))
                        .flatMap(RetentionRule.Anchor.init(rawValue:)) ?? .closure,
                    citation: context.citation, range: body.keyRange)
                if let when = body["when"]?.expectMapping("`when`", &context.diagnostics) {
                    when.checkKeys(known: retentionConditionKeys, in: "`when` of a retention rule", &context.diagnostics)
                    rule.types = when["type"].flatMap { context.words($0, "`type`", allowed: context.vocabulary.feedbackTypes) }
                    rule.procedures = when["procedure"].flatMap { context.words($0, "`procedure`") }
                    rule.closedAt = when["closed_at"].flatMap { context.words($0, "`closed_at`") }
                }
                return rule
            }
        }
    }

    static func behaviour(_ node: YAMLNode, _ context: inout DecodeContext) -> BehaviourPolicy? {
        guard let body = node.expectMapping("`behaviour`", &context.diagnostics) else { return nil }
        body.checkKeys(known: behaviourKeys, required: ["criteria"], in: "`behaviour`", &context.diagnostics)
        return context.cited(by: body) { context in
            var criteria: [BehaviourCriterion] = []
            for item in body["criteria"]?.expectSequence("`criteria`", &context.diagnostics)?.items ?? [] {
                guard let mapping = item.expectMapping("a criterion", &context.diagnostics) else { continue }
                mapping.checkKeys(known: criterionKeys, required: ["id", "text"], in: "a criterion", &context.diagnostics)
                let criterion: BehaviourCriterion? = context.cited(by: mapping) { context in
                    guard let id = context.identifier(mapping["id"], "a criterion"),
                        let text = context.text(mapping["text"], "`text`")
                    else { return nil }
                    return BehaviourCriterion(
                        id: id, text: text, signal: mapping["signal"].flatMap { signal($0, &context) },
                        citation: context.citation, range: mapping.keyRange)
                }
                if let criterion { criteria.append(criterion) }
            }
            return BehaviourPolicy(
                criteria: criteria, reviewAfter: body["review_after"].flatMap { reviewAfter($0, &context) },
                decidedBy: context.text(body["decided_by"], "`decided_by`"), range: body.keyRange)
        }
    }

    /// `6 months`, or `{ within: 6 months, source|assumed: … }` when the period has its own citation.
    static func reviewAfter(_ node: YAMLNode, _ context: inout DecodeContext) -> PolicyDuration? {
        guard node.scalar == nil else { return context.duration(node, "`review_after`") }
        guard let body = node.expectMapping("`review_after`", &context.diagnostics) else { return nil }
        body.checkKeys(known: reviewKeys, required: ["within"], in: "`review_after`", &context.diagnostics)
        return context.cited(by: body) { context in body["within"].flatMap { context.duration($0, "`review_after`") } }
    }

    static func signal(_ node: YAMLNode, _ context: inout DecodeContext) -> BehaviourSignal? {
        guard let body = node.expectMapping("`signal`", &context.diagnostics) else { return nil }
        body.checkKeys(known: signalKeys, in: "`signal`", &context.diagnostics)
        guard body.entries.count == 1, let entry = body.entries.first, let kind = entry.key.scalar?.text,
            let settings = entry.value.expectMapping("`\(kind)`", &context.diagnostics)
        else {
            if body.entries.count != 1 {
                context.add(.error(.policySignal, "a signal has exactly one kind", at: body.keyRange))
            }
            return nil
        }
        switch kind {
        case "contacts", "repeat_complaints":
            settings.checkKeys(known: ["at_least", "within"], required: ["at_least", "within"], in: "`\(kind)`", &context.diagnostics)
            guard let atLeast = settings["at_least"].flatMap({ context.count($0, "`at_least`", in: 1...10_000) }),
                let within = settings["within"].flatMap({ context.duration($0, "`within`") })
            else { return nil }
            return kind == "contacts"
                ? .contacts(atLeast: atLeast, within: within) : .repeatComplaints(atLeast: atLeast, within: within)
        case "parallel_complaints":
            settings.checkKeys(known: ["routes"], required: ["routes"], in: "`\(kind)`", &context.diagnostics)
            let routes = settings["routes"].flatMap {
                context.words($0, "`routes`", allowed: Vocabulary.parallelRoutes)
            }
            return routes.map { .parallelComplaints(routes: $0) }
        case "review_after_exhausted":
            settings.checkKeys(known: ["at_least"], required: ["at_least"], in: "`\(kind)`", &context.diagnostics)
            return settings["at_least"].flatMap { context.count($0, "`at_least`", in: 1...1000) }.map {
                .reviewAfterExhausted(atLeast: $0)
            }
        default:
            return nil
        }
    }

    static func feedback(_ node: YAMLNode, _ context: inout DecodeContext) -> [FeedbackHandling] {
        guard let body = node.expectMapping("`feedback`", &context.diagnostics) else { return [] }
        var result: [FeedbackHandling] = []
        for entry in body.entries {
            guard let key = entry.key.scalar else { continue }
            guard context.vocabulary.feedbackTypes.contains(key.text), key.text != "complaint" else {
                context.add(
                    context.unknownValue(key, what: "a feedback type", allowed: context.vocabulary.feedbackTypes.filter { $0 != "complaint" }))
                continue
            }
            guard let handling = entry.value.expectMapping("feedback `\(key.text)`", &context.diagnostics) else { continue }
            handling.checkKeys(known: feedbackKeys, in: "feedback `\(key.text)`", &context.diagnostics)
            let decoded = context.cited(by: handling) { context in
                FeedbackHandling(
                    type: key.text, handler: context.text(handling["handler"], "`handler`"),
                    acknowledge: handling["acknowledge"].flatMap {
                        ProcedureDecoder.timescale($0, "`acknowledge`", defaultFrom: "receipt", &context)
                    },
                    respond: handling["respond"].flatMap {
                        ProcedureDecoder.timescale($0, "`respond`", defaultFrom: "receipt", &context)
                    }, range: key.range)
            }
            result.append(decoded)
        }
        return result
    }
}
