import Foundation
import RedressPolicy

/// Random JSON Lines complaints for a policy, seeded (the same records every run), built to probe
/// every boundary of `LineClassifier`'s plain form: each field is usually plain and valid, and
/// sometimes escaped, misspelt, of the wrong kind, non-ASCII, duplicated or missing.
public struct RecordGenerator {
    private var random: SeededRandom
    private let types, services, channels, makers, categories, phrases: [String]
    private var serial = 0
    /// Receipt years: from the earliest version's start, a few years on.
    private let firstYear: Int

    public init(policies: [Policy], seed: UInt64) {
        random = SeededRandom(seed: seed | 1)
        let rules = policies.flatMap(\.routing)
        types = Array(Set(policies.flatMap(\.vocabulary.feedbackTypes))).sorted()
        services = Array(Set(policies.flatMap(\.services))).sorted()
        channels = Array(Set(policies.flatMap(\.vocabulary.channels))).sorted()
        makers = Array(Set(policies.flatMap(\.vocabulary.makers))).sorted()
        categories = Array(Set(rules.flatMap { $0.conditions?.categories ?? [] })).sorted()
        phrases = Array(Set(rules.flatMap { $0.conditions?.mentions ?? [] })).sorted()
        firstYear = policies.map(\.version.effectiveFrom.year).min() ?? 2020
    }

    private mutating func below(_ n: Int) -> Int { Int(random.next() % UInt64(max(1, n))) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick(_ words: [String]) -> String { words.isEmpty ? "none" : words[below(words.count)] }
    private mutating func pick(_ words: String...) -> String { pick(words) }

    private mutating func date(yearFrom: Int, span: Int) -> String {
        let year = yearFrom + below(span)
        let month = 1 + below(12)
        let day = 1 + below(chance(3) ? 31 : 28)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    private mutating func received() -> String {
        // Now and then a year before the first version or past the announced bank holidays.
        let day = date(yearFrom: firstYear - (chance(5) ? 2 : 0), span: chance(5) ? 15 : 4)
        switch below(16) {
        case 0, 1, 2, 3, 12, 13, 14, 15: return day
        case 4, 5: return day + String(format: "T%02d:%02d", below(24), below(60))
        case 6, 7: return day + String(format: "T%02d:%02d:%02d", below(24), below(60), below(60))
        case 8: return day + String(format: " %02d:%02d:%02d", 15 + below(4), below(60), below(60))
        case 9: return day + pick("T17:30:00Z", "T16:59:00+01:00", "T09:00:00.250", "T25:00", "T12:60")
        case 10: return pick("2025-02-30", "2025-13-01", "25-01-01", "", "0999-01-01", "2024-02-29", "2023-02-29")
        default: return day + "T17:" + String(format: "%02d", below(60))
        }
    }

    /// A vocabulary word: usually as the policy spells it, sometimes in capitals, misspelt or
    /// unknown, non-ASCII or escaped.
    private mutating func word(_ words: [String]) -> String {
        let chosen = pick(words)
        switch below(40) {
        case 0: return chosen.uppercased()
        case 1: return String(chosen.dropLast())
        case 2: return "caf\u{E9}"
        case 3: return chosen.replacingOccurrences(of: "-", with: "\\u002d")
        default: return chosen
        }
    }

    private mutating func text() -> String {
        var parts: [String] = []
        for _ in 0..<(1 + below(4)) {
            switch below(10) {
            case 0, 1, 2: parts.append(pick(phrases))
            case 3: parts.append(pick(phrases).uppercased().replacingOccurrences(of: " ", with: "  "))
            case 4: parts.append("x" + pick(phrases))
            case 5: parts.append(pick("caf\u{E9}", "na\u{EF}ve \u{2014} r\u{F4}le", "\u{1F600}"))
            case 6: parts.append(pick("line\\nbreak", "a \\\"quote\\\"", "tab\\there", "back\\/slash"))
            // `\u` escapes: letters of a phrase, non-ASCII, surrogate pairs, and ones the reader
            // reads differently or rejects (a lone surrogate, too few or wrong hex digits).
            case 7 where chance(50):
                parts.append(
                    pick(
                        "caf\\u00e9", "\\u2014 dash", "smile \\ud83d\\ude00", "p\\u0063n", "PARKING\\u0020ticket",
                        "penalty\\ncharge \\u006Eotice", "lone \\ud83d high", "low \\ude00 alone", "bad \\u12G4", "nul\\u0000byte",
                        "\\u+123", "end\\u002"))
            default: parts.append(pick("the bin was not collected", "staff were rude", "a pothole on the road", "my council tax bill"))
            }
        }
        return parts.joined(separator: pick(" ", ", ", ". ", "  "))
    }

    private mutating func extra() -> (String, String) {
        switch below(14) {
        case 0: return ("crm_ref", "\"CRM/\(below(99999))\"")
        case 1: return ("priority", pick("1", "-2.5", "3e2", "0", "true", "false", "null", "01", "1.", "-"))
        case 2: return ("meta", pick("{\"a\":1}", "[1,2]", "[]", "{}"))
        case 3: return (pick("rule", "policy", "flags", "source", "tried", "stage"), "\"x\"")
        case 4: return (pick("servce", "Service", "service_area", "date_received", "catgories", "made by"), "\"x\"")
        case 5: return (pick("caf\u{E9}", "\u{212A}", "na\\u006de"), "1")
        case 6: return ("note", "\"" + pick("plain", "caf\u{E9}", "with \\\"escape\\\"", "") + "\"")
        case 7: return ("events", pick("[]", "null", "1"))
        default: return ("ref_\(below(1000))", "\"r\(below(1000))\"")
        }
    }

    /// One record, as a line of JSON.
    public mutating func next() -> String {
        serial += 1
        var fields: [(String, String)] = []
        func quoted(_ s: String) -> String { "\"" + s + "\"" }
        switch below(30) {
        case 0: break
        case 1: fields.append(("id", pick("\"\"", "\" \"", "17", "null", "\"\\u0041-1\"", "\"\u{E9}-1\"", "\"\\t1\"")))
        case 2: fields.append(("id", quoted(String(repeating: "L", count: 250 + below(12)))))
        default: fields.append(("id", quoted("G-\(serial)")))
        }
        let receivedText = received()
        if !chance(3) { fields.append(("received", quoted(receivedText))) }
        if chance(80) { fields.append(("type", chance(3) ? pick("null", "\"\"", "3") : quoted(word(types)))) }
        if chance(85) { fields.append(("service", chance(3) ? pick("null", "\"\"", "[\"highways\"]") : quoted(word(services)))) }
        if chance(70) { fields.append(("channel", quoted(word(channels)))) }
        if chance(70) { fields.append(("made_by", quoted(word(makers)))) }
        if chance(50) {
            let value: String
            switch below(8) {
            case 0: value = quoted(word(categories))
            case 1: value = pick("null", "[]", "[1]", "[[\"a\"]]", "\"\"")
            default: value = "[" + (0..<(1 + below(3))).map { _ in quoted(word(categories)) }.joined(separator: pick(",", ", ", " ,\t")) + "]"
            }
            fields.append(("categories", value))
        }
        if chance(60) {
            // Usually before receipt; sometimes after it, or not a date.
            let prefix = String(receivedText.prefix(10))
            let value = chance(90) && prefix.count == 10 ? date(yearFrom: firstYear - 2, span: 3) : pick(prefix, "2099-01-01", "yesterday", "2025-02-29")
            fields.append(("aware_on", chance(3) ? "null" : quoted(value)))
        }
        if chance(75) { fields.append(("text", quoted(text()))) }
        for _ in 0..<below(3) where chance(60) { fields.append(extra()) }
        if chance(2), let first = fields.first { fields.append(first) }
        // Shuffle now and then: the contract does not fix an order.
        if chance(20) {
            for index in fields.indices.reversed() where index > 0 { fields.swapAt(index, below(index + 1)) }
        }
        let separator = chance(10) ? pick(", ", " ,", ",\t") : ","
        let colon = chance(10) ? pick(": ", " :") : ":"
        var line = "{" + fields.map { quoted($0.0) + colon + $0.1 }.joined(separator: separator) + "}"
        if chance(2) { line = pick(" ", "\t") + line + pick(" ", "x", "}", "") }
        return line
    }
}
