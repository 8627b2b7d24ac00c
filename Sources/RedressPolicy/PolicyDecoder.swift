import RedressCalendar
import RedressDiagnostics
import RedressYAML

/// Decodes a policy file's node tree into a `Policy`, collecting every error in one pass.
/// Imports are listed but not resolved here (see `PolicyLoader`).
public enum PolicyDecoder {
    static let topKeys = [
        "redress", "council", "version", "sources", "calendar", "imports", "services", "vocabulary", "statutory_routes", "procedures",
        "feedback", "routing", "time_limit", "retention", "behaviour", "directorates",
    ]
    static let statutoryRoutesNoneKeys = ["none", "source", "assumed"]
    static let councilKeys = ["id", "name", "nation"]
    static let versionKeys = ["id", "effective_from", "effective_to", "approved", "source", "assumed"]
    static let calendarKeys = ["region", "closures", "cutoff", "local_holidays"]
    static let localHolidayKeys = ["name", "rule", "substitute", "source", "assumed"]
    static let cutoffKeys = ["at", "source", "assumed"]
    static let sourceKeys = ["title", "url", "file"]

    /// The decoded policy, or nil when errors made it unusable; diagnostics either way.
    static func decode(_ document: YAMLDocument, vocabulary library: PolicyVocabulary) -> (Policy?, [Diagnostic], [CitedNumber]) {
        var context = DecodeContext(vocabulary: library)
        let path = document.source.path
        let start = SourceRange(file: path, at: SourceLocation(line: 1, column: 1))
        guard let rootNode = document.root else {
            return (nil, [.error(.policyEmpty, "the policy file is empty", at: start)], [])
        }
        guard let root = rootNode.expectMapping("a policy file", &context.diagnostics) else {
            return (nil, context.diagnostics, [])
        }
        root.checkKeys(
            known: topKeys, required: ["redress", "council", "version", "calendar", "procedures", "routing"],
            in: "a policy file", &context.diagnostics)
        if let version = context.text(root["redress"], "`redress`"), version != "1", let node = root["redress"]?.scalar {
            context.add(node.invalid("unsupported policy format version `\(version)`", help: "this Redress reads `redress: 1`"))
        }
        // The council's own words come first: routing, procedures and retention may use them.
        if let additions = root["vocabulary"]?.expectMapping("`vocabulary`", &context.diagnostics) {
            additions.checkKeys(known: VocabularyDecoder.additionKeys, in: "`vocabulary`", &context.diagnostics)
            context.vocabulary = library.adding(VocabularyDecoder.decode(additions, &context))
        }
        let sources = root["sources"].map { decodeSources($0, &context) } ?? []
        context.sourceIDs = Set(sources.map(\.id))
        let council = root["council"].flatMap { decodeCouncil($0, &context) }
        let version = root["version"].flatMap { decodeVersion($0, &context) }
        let calendar = root["calendar"].flatMap { decodeCalendar($0, &context) }
        let imports = root["imports"].flatMap { decodeImports($0, &context) } ?? []
        let services = root["services"].flatMap { context.words($0, "`services`") } ?? []
        for (index, service) in services.enumerated() where !DecodeContext.isIdentifier(service) {
            if let node = root["services"]?.sequence?.items[index].scalar {
                context.add(node.invalid("`\(service)` is not a valid service id"))
            }
        }
        let statutoryRoutes = root["statutory_routes"].flatMap { decodeStatutoryRoutes($0, &context) }
        let procedures = root["procedures"].map { ProcedureDecoder.procedures($0, file: path, &context) } ?? []
        let feedback = root["feedback"].map { RetentionBehaviourDecoder.feedback($0, &context) } ?? []
        let routing = root["routing"].map { RoutingDecoder.rules($0, &context) } ?? []
        let timeLimit = root["time_limit"].flatMap { ProcedureDecoder.timeLimit($0, &context) }
        let retention = root["retention"].map { RetentionBehaviourDecoder.retention($0, &context) } ?? []
        let behaviour = root["behaviour"].flatMap { RetentionBehaviourDecoder.behaviour($0, &context) }
        // A header that did not decode does not hold back the checks of the rest: the policy is
        // built with empty placeholders and marked incomplete, so nothing is compiled or compared
        // across versions from it, and checks that need the missing part are skipped.
        let isComplete = council != nil && version != nil && calendar != nil
        var policy = Policy(
            path: path, council: council ?? Council(id: "", name: "", nation: ""),
            version: version
                ?? PolicyVersion(id: "", effectiveFrom: LocalDate(dayNumber: 0), effectiveTo: nil, effectiveFromRange: start, effectiveToRange: nil),
            sources: sources, calendar: calendar ?? CalendarSettings(region: "", closures: [], cutoff: nil, range: start), imports: imports,
            statutoryRoutes: statutoryRoutes, localServices: services, procedures: procedures, feedback: feedback, routing: routing, timeLimit: timeLimit,
            retention: retention, behaviour: behaviour, numbers: context.numbers, range: root.range)
        policy.isComplete = isComplete
        policy.directorates = root["directorates"].map { decodeDirectorates($0, &context) } ?? []
        policy.citations = context.written
        policy.vocabulary = context.vocabulary
        policy.routingIsComplete = !context.routingIncomplete
        return (policy, context.diagnostics, context.numbers)
    }

    static func decodeSources(_ node: YAMLNode, _ context: inout DecodeContext) -> [SourceDocument] {
        guard let mapping = node.expectMapping("`sources`", &context.diagnostics) else { return [] }
        return mapping.entries.compactMap { entry in
            guard let id = context.identifier(entry.key, "a source") else { return nil }
            if let detail = entry.value.mapping {
                detail.checkKeys(known: sourceKeys, required: ["title"], in: "source `\(id)`", &context.diagnostics)
                guard let title = context.text(detail["title"], "`title`") else { return nil }
                let extra = [detail["file"], detail["url"]].compactMap { $0?.scalar?.text }
                return SourceDocument(
                    id: id, title: ([title] + extra).joined(separator: " — "), range: entry.key.range)
            }
            guard let title = context.text(entry.value, "source `\(id)`") else { return nil }
            return SourceDocument(id: id, title: title, range: entry.key.range)
        }
    }

    static func decodeCouncil(_ node: YAMLNode, _ context: inout DecodeContext) -> Council? {
        guard let body = node.expectMapping("`council`", &context.diagnostics) else { return nil }
        body.checkKeys(known: councilKeys, required: ["id", "name", "nation"], in: "`council`", &context.diagnostics)
        guard let id = context.identifier(body["id"], "the council"), let name = context.text(body["name"], "`name`"),
            let nation = context.oneOf(body["nation"], "`nation`", allowed: Vocabulary.nations)
        else { return nil }
        return Council(id: id, name: name, nation: nation)
    }

    static func decodeVersion(_ node: YAMLNode, _ context: inout DecodeContext) -> PolicyVersion? {
        guard let body = node.expectMapping("`version`", &context.diagnostics) else { return nil }
        body.checkKeys(known: versionKeys, required: ["id", "effective_from"], in: "`version`", &context.diagnostics)
        let citation = context.readCitation(body)
        guard let id = context.text(body["id"], "the version id"), let fromNode = body["effective_from"],
            let from = context.date(fromNode, "`effective_from`")
        else { return nil }
        context.recordNumber("`effective_from`", at: fromNode.range, citation: citation)
        let to = context.date(body["effective_to"], "`effective_to`")
        if let to, to < from, let node = body["effective_to"] {
            context.add(.error(.policyVersionDates, "`effective_to` (\(to)) is before `effective_from` (\(from))", at: node.range))
        }
        var version = PolicyVersion(
            id: id, effectiveFrom: from, effectiveTo: to, effectiveFromRange: fromNode.range, effectiveToRange: body["effective_to"]?.range)
        version.approval = body["approved"].flatMap { decodeApproval($0, &context) }
        return version
    }

    static let approvalKeys = ["by", "on", "minute", "source", "assumed"]

    /// `approved: { by: Cabinet, on: 2019-09-12, minute: "…", source: "…" }` (or free text, as
    /// policies written before the structured form have it).
    static func decodeApproval(_ node: YAMLNode, _ context: inout DecodeContext) -> PolicyVersion.Approval? {
        if let scalar = node.scalar { return PolicyVersion.Approval(by: scalar.text, on: nil, minute: nil, range: scalar.range) }
        guard let body = node.expectMapping("`approved`", &context.diagnostics) else { return nil }
        body.checkKeys(known: approvalKeys, required: ["by", "on"], in: "`approved`", &context.diagnostics)
        let citation = context.readCitation(body)
        guard let by = context.text(body["by"], "`by`"), let onNode = body["on"], let on = context.date(onNode, "`on`") else { return nil }
        context.recordNumber("the approval date", at: onNode.range, citation: citation)
        return PolicyVersion.Approval(by: by, on: on, minute: body["minute"].flatMap { context.text($0, "`minute`") }, range: body.keyRange)
    }

    static func decodeCalendar(_ node: YAMLNode, _ context: inout DecodeContext) -> CalendarSettings? {
        guard let body = node.expectMapping("`calendar`", &context.diagnostics) else { return nil }
        body.checkKeys(known: calendarKeys, required: ["region"], in: "`calendar`", &context.diagnostics)
        guard let region = context.identifier(body["region"], "`region`") else { return nil }
        let closures = body["closures"].map { HolidayListDecoder.decode($0, what: "`closures`", &context.diagnostics) } ?? []
        var cutoff: TimeOfDay?
        if let cutoffNode = body["cutoff"], let mapping = cutoffNode.expectMapping("`cutoff`", &context.diagnostics) {
            mapping.checkKeys(known: cutoffKeys, required: ["at"], in: "`cutoff`", &context.diagnostics)
            let citation = context.readCitation(mapping)
            if let at = mapping["at"]?.expectText("`at`", &context.diagnostics) {
                cutoff = at.expectTimeOfDay("`cutoff`", &context.diagnostics)
                context.recordNumber("`cutoff`", at: at.range, citation: citation)
            }
        }
        var settings = CalendarSettings(region: region, closures: closures, cutoff: cutoff, range: body.keyRange)
        settings.rules = body["local_holidays"].map { decodeLocalHolidays($0, &context) } ?? []
        return settings
    }

    /// `local_holidays: [{ name: Spring holiday, rule: first monday of april, substitute: true, source: … }]`.
    static func decodeLocalHolidays(_ node: YAMLNode, _ context: inout DecodeContext) -> [HolidayRule] {
        guard let items = node.expectItems("`local_holidays`", &context.diagnostics) else { return [] }
        return items.compactMap { item in
            guard let body = item.expectMapping("a local holiday", &context.diagnostics) else { return nil }
            body.checkKeys(known: localHolidayKeys, required: ["name", "rule"], in: "a local holiday", &context.diagnostics)
            let citation = context.readCitation(body)
            guard let name = context.text(body["name"], "`name`"), let ruleNode = body["rule"]?.expectText("`rule`", &context.diagnostics) else { return nil }
            guard let day = HolidayRule.parse(ruleNode.text) else {
                context.add(
                    ruleNode.invalid(
                        "`\(ruleNode.text)` is not a rule for a day each year",
                        help: "write a date (`12-24`), a day from Easter (`easter + 1`), or a weekday of a month (`first monday of april`, `last monday of september`)"))
                return nil
            }
            context.recordNumber("local holiday `\(name)`", at: ruleNode.range, citation: citation)
            var substitute = false
            if let node = body["substitute"]?.expectText("`substitute`", &context.diagnostics) {
                guard node.text == "true" || node.text == "false" else {
                    context.add(node.invalid("`substitute` must be true or false", help: "true moves the day to the next working day when it is not one"))
                    return nil
                }
                substitute = node.text == "true"
            }
            return HolidayRule(name: name, day: day, substitute: substitute)
        }
    }

    /// `statutory_routes: { childrens-social-care: children-statutory, … }`, or
    /// `statutory_routes: { none: "why", source|assumed: … }`.
    static func decodeStatutoryRoutes(_ node: YAMLNode, _ context: inout DecodeContext) -> StatutoryRoutes? {
        guard let body = node.expectMapping("`statutory_routes`", &context.diagnostics) else { return nil }
        if body["none"] != nil {
            body.checkKeys(known: statutoryRoutesNoneKeys, required: ["none"], in: "`statutory_routes` with `none`", &context.diagnostics)
            _ = context.readCitation(body)
            guard let reason = context.text(body["none"], "`none`") else { return nil }
            return StatutoryRoutes(routes: [], noneReason: reason, range: body.keyRange)
        }
        var routes: [StatutoryRoutes.Route] = []
        for entry in body.entries {
            guard let service = context.identifier(entry.key, "a service"),
                let procedure = context.identifier(entry.value, "the statutory procedure for `\(service)`")
            else { continue }
            routes.append(StatutoryRoutes.Route(service: service, procedure: procedure, range: entry.key.range))
        }
        if routes.isEmpty {
            context.add(
                .error(
                    .policyStatutoryRoutesEmpty, "`statutory_routes` names no service", at: body.keyRange,
                    help: "map each statutory service to its procedure, or write `none: \"reason\"`"))
        }
        return StatutoryRoutes(routes: routes, noneReason: nil, range: body.keyRange)
    }

    static func decodeImports(_ node: YAMLNode, _ context: inout DecodeContext) -> [PolicyImport]? {
        guard let items = node.expectItems("`imports`", &context.diagnostics) else { return nil }
        return items.compactMap { item in
            guard let scalar = item.expectText("an import", &context.diagnostics) else { return nil }
            let parts = scalar.text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 1, parts.allSatisfy(DecodeContext.isIdentifier) else {
                context.add(
                    scalar.invalid(
                        "`\(scalar.text)` is not an import name", help: "name a library file without `.yaml`, like `statutory/children-england`"))
                return nil
            }
            return PolicyImport(name: scalar.text, range: scalar.range)
        }
    }
}
