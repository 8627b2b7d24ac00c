import Foundation
import RedressDiagnostics
import RedressYAML

/// Reads the library's `vocabulary.yaml` and a policy's own additions (`vocabulary:`).
enum VocabularyDecoder {
    static let fileKeys = ["redress-vocabulary", "feedback_types", "channels", "made_by", "services", "ombudsmen"]
    static let additionKeys = ["feedback_types", "channels", "made_by", "services", "ombudsmen"]
    static let ombudsmanKeys = ["id", "name", "next", "time_limit", "source", "assumed"]

    /// The library's vocabulary file; nil with diagnostics when it is missing or wrong.
    static func load(library: PolicyLibrary, limits: YAMLLimits, diagnostics: inout [Diagnostic], sources: inout SourceFiles) -> PolicyVocabulary? {
        let path = library.vocabularyPath
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(
                .error(
                    .policyNoVocabulary, "the policy library has no vocabulary file", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1)),
                    help: "a library holds vocabulary.yaml beside councils/, statutory/ and calendars/"))
            return nil
        }
        let document: YAMLDocument
        do {
            document = try YAMLLoader(limits: limits).load(Array(data), path: path)
        } catch {
            diagnostics += error.diagnostics
            sources.merge(error.sources)
            return nil
        }
        sources.add(document.source)
        var context = DecodeContext()
        guard let root = document.root?.expectMapping("a vocabulary file", &context.diagnostics) else {
            diagnostics += context.diagnostics
            return nil
        }
        root.checkKeys(known: fileKeys, required: ["redress-vocabulary", "feedback_types", "channels", "made_by", "ombudsmen"], in: "a vocabulary file", &context.diagnostics)
        let vocabulary = decode(root, &context)
        if !vocabulary.feedbackTypes.contains("complaint"), let node = root["feedback_types"] {
            context.add(.error(.policyVocabularyComplaint, "`feedback_types` must include `complaint`", at: node.range))
        }
        diagnostics += context.diagnostics
        return context.diagnostics.contains { $0.severity == .error } ? nil : vocabulary
    }

    /// The lists of a vocabulary mapping (the file's, or a policy's `vocabulary:` additions).
    static func decode(_ mapping: YAMLMapping, _ context: inout DecodeContext) -> PolicyVocabulary {
        func identifiers(_ key: String) -> [String] {
            guard let node = mapping[key], let words = context.words(node, "`\(key)`") else { return [] }
            var seen: Set<String> = []
            for (index, word) in words.enumerated() {
                let scalar = node.sequence?.items[safe: index]?.scalar
                if !DecodeContext.isIdentifier(word), let scalar { context.add(scalar.invalid("`\(word)` is not a valid id (lower-case letters, digits and hyphens)")) }
                if !seen.insert(word).inserted, let scalar { context.add(scalar.invalid("`\(word)` is listed twice in `\(key)`")) }
            }
            return words
        }
        var ombudsmen: [Ombudsman] = []
        for item in mapping["ombudsmen"].flatMap({ $0.expectItems("`ombudsmen`", &context.diagnostics) }) ?? [] {
            guard let body = item.expectMapping("an ombudsman", &context.diagnostics) else { continue }
            body.checkKeys(known: ombudsmanKeys, required: ["id", "name"], in: "an ombudsman", &context.diagnostics)
            let ombudsman = context.cited(by: body) { context -> Ombudsman? in
                guard let id = context.identifier(body["id"], "an ombudsman"), let name = context.text(body["name"], "`name`") else { return nil }
                let limit = body["time_limit"].flatMap { ProcedureDecoder.timeLimit($0, &context) }
                return Ombudsman(id: id, name: name, next: context.text(body["next"], "`next`"), timeLimit: limit?.within, range: body.keyRange)
            }
            if let ombudsman {
                if ombudsmen.contains(where: { $0.id == ombudsman.id }) {
                    context.add(.error(.policyDuplicateId, "ombudsman `\(ombudsman.id)` is listed twice", at: body.keyRange))
                } else {
                    ombudsmen.append(ombudsman)
                }
            }
        }
        return PolicyVocabulary(
            feedbackTypes: identifiers("feedback_types"), channels: identifiers("channels"), makers: identifiers("made_by"),
            services: identifiers("services"), ombudsmen: ombudsmen)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
