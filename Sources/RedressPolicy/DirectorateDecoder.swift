import RedressDiagnostics
import RedressYAML

extension PolicyDecoder {
    static let directorateKeys = ["name", "services", "source", "assumed"]

    /// `directorates: { place: { name: Place, services: [waste, highways], source: "…" } }`.
    static func decodeDirectorates(_ node: YAMLNode, _ context: inout DecodeContext) -> [Directorate] {
        guard let mapping = node.expectMapping("`directorates`", &context.diagnostics) else { return [] }
        return mapping.entries.compactMap { entry in
            guard let id = context.identifier(entry.key, "a directorate"),
                let body = entry.value.expectMapping("directorate `\(id)`", &context.diagnostics)
            else { return nil }
            body.checkKeys(known: directorateKeys, required: ["name", "services"], in: "directorate `\(id)`", &context.diagnostics)
            _ = context.readCitation(body)
            guard let name = context.text(body["name"], "`name`"), let servicesNode = body["services"],
                let services = context.words(servicesNode, "`services`")
            else { return nil }
            let ranges = servicesNode.sequence?.items.map(\.range) ?? []
            return Directorate(
                id: id, name: name, services: services, serviceRanges: ranges.count == services.count ? ranges : services.map { _ in entry.key.range },
                range: entry.key.range)
        }
    }
}

extension ReferenceCheck {
    /// Each directorate names known services, and no service is in two directorates.
    func directorates(_ policy: Policy) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen: [String: String] = [:]
        for directorate in policy.directorates {
            for (service, range) in zip(directorate.services, directorate.serviceRanges) {
                if !policy.services.contains(service) {
                    found.append(
                        .error(
                            .policyUnknownService, "directorate `\(directorate.id)` names unknown service `\(service)`", at: range,
                            help: policy.services.suggestion(for: service) ?? "add it to `services:` if it is a service of this council"))
                } else if let other = seen[service] {
                    found.append(
                        .error(
                            .policyDuplicateId, "service `\(service)` is in directorate `\(other)` and again in `\(directorate.id)`", at: range,
                            help: "a service belongs to one directorate; remove it from one of them"))
                }
                seen[service] = seen[service] ?? directorate.id
            }
        }
        return found
    }
}
