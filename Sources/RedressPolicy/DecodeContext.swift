import RedressCalendar
import RedressDiagnostics
import RedressYAML

/// State carried through one decoding pass: the diagnostics found so far, the citation in force
/// (the nearest enclosing `source:` or `assumed:`), and every number decoded with its citation.
struct DecodeContext {
    var diagnostics: [Diagnostic] = []
    /// The words values may take: the library's vocabulary with the policy's own additions.
    var vocabulary = PolicyVocabulary()
    /// Set when a routing rule could not be decoded: checks over the whole table then stay quiet
    /// rather than report what the missing rule would have decided.
    var routingIncomplete = false
    var numbers: [CitedNumber] = []
    /// Every `source:` and `assumed:` written in the file, wherever it stands (stages, timescales,
    /// routing rules, exclusions, retention, behaviour, the version): `check --assumptions` lists
    /// the assumed ones.
    var written: [Citation] = []
    private var citations: [Citation] = []
    /// Source ids declared in `sources:`, for checking `source: id: section` references.
    var sourceIDs: Set<String> = []

    var citation: Citation? { citations.last }

    init(vocabulary: PolicyVocabulary = PolicyVocabulary()) {
        self.vocabulary = vocabulary
    }

    mutating func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Decodes the body with the mapping's own `source:` or `assumed:` (if any) in force.
    mutating func cited<T>(by mapping: YAMLMapping, _ body: (inout DecodeContext) -> T) -> T {
        guard let own = readCitation(mapping) else { return body(&self) }
        citations.append(own)
        defer { citations.removeLast() }
        return body(&self)
    }

    /// The `source:` or `assumed:` written on this mapping.
    mutating func readCitation(_ mapping: YAMLMapping) -> Citation? {
        let source = mapping["source"]?.expectText("`source`", &diagnostics)
        let assumed = mapping["assumed"]?.expectText("`assumed`", &diagnostics)
        if let source, let assumed {
            add(
                .error(
                    .policySourceAndAssumed, "a value cannot be both sourced and assumed", at: assumed.range,
                    related: [RelatedLocation("source given here", at: source.range)]))
        }
        let citation: Citation?
        if let source {
            checkSourceReference(source)
            citation = .source(source.text, at: source.range)
        } else {
            citation = assumed.map { .assumed($0.text, at: $0.range) }
        }
        if let citation { written.append(citation) }
        return citation
    }

    /// `source: policy: Stage 1` must name a declared source id before the colon.
    private mutating func checkSourceReference(_ scalar: YAMLScalar) {
        guard !sourceIDs.isEmpty else { return }
        let head = scalar.text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? scalar.text
        let looksLikeID = !head.isEmpty && head.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
        guard looksLikeID, !sourceIDs.contains(head) else { return }
        add(
            .error(
                .policyUnknownSource, "source `\(head)` is not declared in `sources`", at: scalar.range,
                help: SpellingSuggestion.closest(to: head, in: sourceIDs).map { "did you mean `\($0)`?" }
                    ?? "declare it under `sources:` or write the citation in full"))
    }

    /// Records a number the policy states, with the citation in force (or the given one).
    mutating func recordNumber(_ what: String, at range: SourceRange, citation: Citation? = nil) {
        numbers.append(CitedNumber(what: what, range: range, citation: citation ?? self.citation))
    }

    mutating func duration(_ node: YAMLNode, _ what: String) -> PolicyDuration? {
        guard let scalar = node.expectText(what, &diagnostics) else { return nil }
        do {
            let duration = try PolicyDuration(parsing: scalar.text)
            recordNumber(what, at: scalar.range)
            return duration
        } catch {
            add(.error(.policyInvalidDuration, "\(error.message) for \(what)", at: scalar.range, help: error.suggestion))
            return nil
        }
    }

    mutating func count(_ node: YAMLNode, _ what: String, in bounds: ClosedRange<Int>) -> Int? {
        guard let scalar = node.expectText(what, &diagnostics),
            let value = scalar.expectInteger(what, in: bounds, &diagnostics)
        else { return nil }
        recordNumber(what, at: scalar.range)
        return value
    }

    mutating func text(_ node: YAMLNode?, _ what: String) -> String? {
        node?.expectText(what, &diagnostics)?.text
    }

    /// An id: lowercase letters, digits and hyphens, starting with a letter or digit.
    mutating func identifier(_ node: YAMLNode?, _ what: String) -> String? {
        guard let scalar = node?.expectText(what, &diagnostics) else { return nil }
        guard Self.isIdentifier(scalar.text) else {
            add(
                scalar.invalid(
                    "`\(scalar.text)` is not a valid id for \(what)",
                    help: "use lowercase letters, digits and hyphens, like `stage-1`"))
            return nil
        }
        return scalar.text
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.utf8.count <= 64 else { return false }
        let allowed = { (s: Unicode.Scalar) in ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "-" }
        return allowed(first) && first != "-" && text.unicodeScalars.allSatisfy(allowed)
    }

    /// A list of values (or one value), each checked against `allowed` when given.
    mutating func words(_ node: YAMLNode, _ what: String, allowed: [String]? = nil) -> [String]? {
        guard let items = node.expectItems(what, &diagnostics) else { return nil }
        var result: [String] = []
        for item in items {
            guard let scalar = item.expectText("an item of \(what)", &diagnostics) else { continue }
            if let allowed, !allowed.contains(scalar.text) {
                add(unknownValue(scalar, what: what, allowed: allowed))
                continue
            }
            result.append(scalar.text)
        }
        return result
    }

    func unknownValue(_ scalar: YAMLScalar, what: String, allowed: [String]) -> Diagnostic {
        .error(
            .policyUnknownValue, "unknown value `\(scalar.text)` for \(what)", at: scalar.range,
            help: SpellingSuggestion.closest(to: scalar.text, in: allowed).map { "did you mean `\($0)`?" }
                ?? "expected one of: \(allowed.joined(separator: ", "))")
    }

    mutating func oneOf(_ node: YAMLNode?, _ what: String, allowed: [String]) -> String? {
        guard let scalar = node?.expectText(what, &diagnostics) else { return nil }
        guard allowed.contains(scalar.text) else {
            add(unknownValue(scalar, what: what, allowed: allowed))
            return nil
        }
        return scalar.text
    }

    mutating func date(_ node: YAMLNode?, _ what: String) -> LocalDate? {
        node?.expectText(what, &diagnostics)?.expectDate(what, &diagnostics)
    }
}
