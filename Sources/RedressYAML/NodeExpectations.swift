import RedressDiagnostics

/// Schema-level checks on the node tree, shared by every decoder of Redress's YAML files. Each
/// appends a positioned diagnostic to `diagnostics` and returns nil when the node is not what the
/// format expects, so a decoder can go on and report every problem in one pass.
extension YAMLNode {
    public func expectMapping(_ what: String, _ diagnostics: inout [Diagnostic]) -> YAMLMapping? {
        if let mapping { return mapping }
        diagnostics.append(wrongKind(expected: "a mapping", what))
        return nil
    }

    public func expectSequence(_ what: String, _ diagnostics: inout [Diagnostic]) -> YAMLSequence? {
        if let sequence { return sequence }
        diagnostics.append(wrongKind(expected: "a list", what))
        return nil
    }

    /// A list, or a single value standing for a list of one (`services: waste`).
    public func expectItems(_ what: String, _ diagnostics: inout [Diagnostic]) -> [YAMLNode]? {
        switch self {
        case .sequence(let sequence): return sequence.items
        case .scalar(let scalar) where !scalar.isNull: return [self]
        default:
            diagnostics.append(wrongKind(expected: "a list", what))
            return nil
        }
    }

    /// A non-empty text value.
    public func expectText(_ what: String, _ diagnostics: inout [Diagnostic]) -> YAMLScalar? {
        if let scalar, !scalar.isNull || !scalar.style.isPlain { return scalar }
        diagnostics.append(wrongKind(expected: "a text value", what))
        return nil
    }

    public func wrongKind(expected: String, _ what: String) -> Diagnostic {
        .error(
            .schemaWrongType, "expected \(expected) for \(what), found \(kindDescription)", at: range)
    }
}

extension YAMLMapping {
    /// Reports every key not in `known` (with a "did you mean" when one is close) and every key of
    /// `required` that is missing.
    public func checkKeys(
        known: [String], required: [String] = [], in what: String, _ diagnostics: inout [Diagnostic]
    ) {
        for entry in entries {
            guard let key = entry.key.scalar else {
                diagnostics.append(.error(.schemaComplexKey, "keys in \(what) must be plain text", at: entry.key.range))
                continue
            }
            if known.contains(key.text) { continue }
            let suggestion = SpellingSuggestion.closest(to: key.text, in: known)
            diagnostics.append(
                .error(
                    .schemaUnknownKey, "unknown key `\(key.text)` in \(what)", at: key.range,
                    help: suggestion.map { "did you mean `\($0)`?" }
                        ?? "expected one of: \(known.map { "`\($0)`" }.joined(separator: ", "))"))
        }
        for key in required where self[key] == nil {
            diagnostics.append(
                .error(.schemaMissingKey, "\(what) is missing the required key `\(key)`", at: keyRange))
        }
    }

    /// Where to point when the mapping as a whole is at fault: its first key, or its start.
    public var keyRange: SourceRange {
        entries.first?.key.range ?? range
    }
}

extension YAMLScalar {
    public func invalid(_ message: String, help: String? = nil) -> Diagnostic {
        .error(.schemaInvalidValue, message, at: range, help: help)
    }

    /// A whole number in `bounds`, written in decimal digits.
    public func expectInteger(_ what: String, in bounds: ClosedRange<Int>, _ diagnostics: inout [Diagnostic]) -> Int? {
        guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) || text.hasPrefix("-"),
            let value = Int(text)
        else {
            diagnostics.append(invalid("expected a whole number for \(what), found `\(text)`"))
            return nil
        }
        guard bounds.contains(value) else {
            diagnostics.append(
                invalid("\(what) must be between \(bounds.lowerBound) and \(bounds.upperBound), found \(value)"))
            return nil
        }
        return value
    }

    /// `true` or `false` (no YAML 1.1 `yes`/`no`/`on`/`off`: they are refused with a suggestion).
    public func expectBool(_ what: String, _ diagnostics: inout [Diagnostic]) -> Bool? {
        switch text {
        case "true": return true
        case "false": return false
        default:
            let hint = ["yes", "on", "y", "True", "TRUE"].contains(text) ? "true" : "false"
            diagnostics.append(invalid("expected `true` or `false` for \(what), found `\(text)`", help: "write `\(hint)`"))
            return nil
        }
    }
}
