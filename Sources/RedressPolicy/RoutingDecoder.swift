import RedressDiagnostics
import RedressYAML

/// Decodes `routing:`, the ordered rule table.
enum RoutingDecoder {
    static let ruleKeys = [
        "id", "description", "when", "procedure", "stage", "exclude", "feedback", "flags", "handler", "source", "assumed",
    ]
    static let conditionKeys = ["type", "service", "categories", "channel", "made_by", "mentions", "matter_older_than"]
    static let exclusionKeys = ["reason", "redirect", "source", "assumed"]

    static func rules(_ node: YAMLNode, _ context: inout DecodeContext) -> [RoutingRule] {
        guard let items = node.expectSequence("`routing`", &context.diagnostics)?.items else { return [] }
        var seen: [String: SourceRange] = [:]
        var rules: [RoutingRule] = []
        for item in items {
            guard let rule = rule(item, &context) else {
                context.routingIncomplete = true
                continue
            }
            if let first = seen[rule.id] {
                context.add(
                    .error(
                        .policyDuplicateId, "routing rule id `\(rule.id)` is used twice", at: rule.range,
                        related: [RelatedLocation("first used here", at: first)]))
            }
            seen[rule.id] = rule.range
            rules.append(rule)
        }
        return rules
    }

    static func rule(_ node: YAMLNode, _ context: inout DecodeContext) -> RoutingRule? {
        guard let body = node.expectMapping("a routing rule", &context.diagnostics) else { return nil }
        body.checkKeys(known: ruleKeys, required: ["id"], in: "a routing rule", &context.diagnostics)
        return context.cited(by: body) { context in
            guard let id = context.identifier(body["id"], "a routing rule") else { return nil }
            let outcomes = ["procedure", "exclude", "feedback"].filter { body[$0] != nil }
            // `procedur: corporate` is already reported as an unknown key with "did you mean": no second error.
            let misspeltOutcome = body.entries.contains { entry in
                entry.key.scalar.map { !ruleKeys.contains($0.text) && SpellingSuggestion.closest(to: $0.text, in: ["procedure", "exclude", "feedback"]) != nil } ?? false
            }
            if outcomes.isEmpty, misspeltOutcome { return nil }
            guard outcomes.count == 1 else {
                context.add(
                    .error(
                        .policyRuleOutcome,
                        outcomes.isEmpty
                            ? "routing rule `\(id)` says neither `procedure`, `exclude` nor `feedback`"
                            : "routing rule `\(id)` has more than one outcome: \(outcomes.map { "`\($0)`" }.joined(separator: ", "))",
                        at: body.keyRange, help: "give exactly one of `procedure`, `exclude` or `feedback`"))
                return nil
            }
            let outcome: RoutingOutcome
            if let procedure = body["procedure"] {
                guard let procedureID = context.identifier(procedure, "`procedure`") else { return nil }
                outcome = .procedure(procedureID, stage: context.identifier(body["stage"], "`stage`"))
            } else if let exclude = body["exclude"] {
                guard let exclusion = exclusion(exclude, &context) else { return nil }
                outcome = .exclude(exclusion)
            } else {
                guard let type = context.oneOf(body["feedback"], "`feedback`", allowed: context.vocabulary.feedbackTypes) else {
                    return nil
                }
                outcome = .feedback(type)
            }
            if body["stage"] != nil, body["procedure"] == nil, let stage = body.entry("stage") {
                context.add(.error(.policyStageWithoutProcedure, "`stage` needs `procedure`", at: stage.key.range))
            }
            var rule = RoutingRule(
                id: id, description: context.text(body["description"], "`description`"),
                conditions: body["when"].flatMap { conditions($0, &context) }, outcome: outcome,
                flags: body["flags"].flatMap { context.words($0, "`flags`") } ?? [], range: body.keyRange,
                referenceRange: (body["stage"] ?? body["procedure"])?.range ?? body.keyRange)
            rule.handler = context.text(body["handler"], "`handler`")
            if let node = body["flags"] {
                for word in rule.flags where FlagKind(word: word) != nil {
                    context.add(
                        .error(
                            .policyReservedFlag, "`\(word)` is a flag Redress sets itself: on this rule's decisions it would say something else",
                            at: node.range, help: "choose another word (`redress explain \(word)` says what Redress means by it)"))
                }
            }
            return rule
        }
    }

    static func conditions(_ node: YAMLNode, _ context: inout DecodeContext) -> RoutingConditions? {
        guard let body = node.expectMapping("`when`", &context.diagnostics) else { return nil }
        body.checkKeys(known: conditionKeys, in: "`when`", &context.diagnostics)
        var conditions = RoutingConditions(range: body.keyRange)
        conditions.types = body["type"].flatMap { context.words($0, "`type`", allowed: context.vocabulary.feedbackTypes) }
        conditions.services = body["service"].flatMap { context.words($0, "`service`") }
        conditions.categories = body["categories"].flatMap { context.words($0, "`categories`") }
        conditions.channels = body["channel"].flatMap { context.words($0, "`channel`", allowed: context.vocabulary.channels) }
        conditions.makers = body["made_by"].flatMap { context.words($0, "`made_by`", allowed: context.vocabulary.makers) }
        conditions.mentions = body["mentions"].flatMap { context.words($0, "`mentions`") }
        if let mentions = conditions.mentions, let node = body["mentions"],
            mentions.contains(where: { $0.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator } })
        {
            context.add(.error(.policyEmptyPhrase, "an empty phrase in `mentions` would match everything", at: node.range))
        }
        conditions.matterOlderThan = body["matter_older_than"].flatMap { context.duration($0, "`matter_older_than`") }
        return conditions
    }

    static func exclusion(_ node: YAMLNode, _ context: inout DecodeContext) -> Exclusion? {
        guard let body = node.expectMapping("`exclude`", &context.diagnostics) else { return nil }
        body.checkKeys(known: exclusionKeys, required: ["reason"], in: "`exclude`", &context.diagnostics)
        let citation = context.readCitation(body)
        guard let reason = context.text(body["reason"], "`reason`") else { return nil }
        return Exclusion(reason: reason, redirect: context.text(body["redirect"], "`redirect`"), citation: citation)
    }
}

import Foundation
