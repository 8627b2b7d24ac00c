import RedressEngine
import RedressTestSupport
import Testing

@testable import RedressFormats

/// The shortcut for events in their usual form against the full reader, on events made at random
/// from right and wrong values for every field: whatever the shortcut reads, the full reader reads
/// the same; whatever it declines, the full reader reads or explains. And it does take the usual
/// form, so the comparison is not won by declining everything.
@Suite("Plain event reader")
struct PlainEventReaderTests {
    /// Values for each field, right and wrong: text with and without escapes, numbers, literals,
    /// `null`, nested values, dates in every form the full reader knows and some it refuses.
    private static func values(_ field: CaseEventField) -> [String] {
        let texts = [#""text""#, #""""#, #""a, b: \"c\"""#, #""caf\u00e9""#, #""café""#, "12", "true", "null", "[]", "{}"]
        switch field {
        case .on:
            return [#""2024-01-10""#, #""2024-01-10T09:30""#, #""2024-01-10 09:30:15""#, #""2024-01-10T23:30:00Z""#, #""2024-02-30""#,
                #""10/01/2024""#, #""2024-01-1\u0030""#, "20240110", "null"]
        case .event: return CaseEvent.Kind.allCases.map { "\"\($0.rawValue)\"" } + [#""Responded""#, #""respon\u0064ed""#, "1", "null"]
        case .days: return ["5", "1", "500", "501", "0", "05", "-1", "1.5", "1e2", #""5""#, #""05""#, #""+5""#, #""five""#, "true", "null"]
        case .agreed, .resolved: return ["true", "false", #""true""#, #""false""#, #""yes""#, "1", "null", "tru"]
        case .outcome: return CaseEvent.Outcome.allCases.map { "\"\($0.rawValue)\"" } + [#""maybe""#, "1", "null"]
        case .remedyType: return CaseEvent.RemedyType.allCases.map { "\"\($0.rawValue)\"" } + [#""gift""#, "null"]
        case .finding: return CaseEvent.OmbudsmanFinding.allCases.map { "\"\($0.rawValue)\"" } + [#""partly""#, "null"]
        case .lead: return CaseEvent.JointLead.allCases.map { "\"\($0.rawValue)\"" } + [#""both""#, "null"]
        case .remedyAmount: return ["150", "150.5", "0", #""150""#, #""150.50""#, #""150.505""#, #""£150""#, "-5", "1e3", "null"]
        case .stage, .milestone, .remedy, .learning, .reason, .means, .partner, .note, .by: return texts
        }
    }

    private static func random(_ generator: inout SeededRandom) -> String {
        let kind = CaseEvent.Kind.allCases.randomElement(using: &generator) ?? .responded
        var pairs: [(String, String)] = [("on", #""2024-01-10""#), ("event", "\"\(kind.rawValue)\"")]
        for field in CaseEventField.allCases where field.isRequired(on: kind) && field != .on && field != .event {
            pairs.append((field.rawValue, values(field)[0]))
        }
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            let field = CaseEventField.allCases.randomElement(using: &generator) ?? .stage
            let value = values(field).randomElement(using: &generator) ?? "null"
            if let existing = pairs.firstIndex(where: { $0.0 == field.rawValue }), Int.random(in: 0..<4, using: &generator) > 0 {
                pairs[existing].1 = value
            } else {
                pairs.append((field.rawValue, value))
            }
        }
        if Int.random(in: 0..<20, using: &generator) == 0 { pairs.append(("colour", #""red""#)) }
        if Int.random(in: 0..<20, using: &generator) == 0 { pairs.remove(at: Int.random(in: 0..<pairs.count, using: &generator)) }
        pairs.shuffle(using: &generator)
        let (colon, comma, edge) = [(":", ",", ""), (": ", ", ", " "), (" :\n", "\t,\r\n", "\n ")].randomElement(using: &generator) ?? (":", ",", "")
        return "{" + edge + pairs.map { "\"\($0.0)\"\(colon)\($0.1)" }.joined(separator: comma) + edge + "}"
    }

    private static func full(_ raw: String) -> CaseEvent? {
        try? CaseHistory.event(JSONObjectReader.read(Array(raw.utf8)), number: 1)
    }

    @Test("whatever the shortcut reads, the full reader reads the same")
    func agreesWithTheFullReader() {
        var generator = SeededRandom(seed: 0x5EED_E7E7)
        var taken = 0
        var readByBoth = 0
        for _ in 0..<20_000 {
            let raw = Self.random(&generator)
            let full = Self.full(raw)
            guard let plain = PlainEventReader.event(raw) else { continue }
            taken += 1
            #expect(full == plain, "\(raw)")
            if full != nil { readByBoth += 1 }
        }
        #expect(taken == readByBoth)
        // About a third of these events are in the usual form: the shortcut must take them.
        #expect(taken > 3_000, "the shortcut took only \(taken) of 20,000 events")
    }

    @Test("the usual events are taken", arguments: [
        #"{"on":"2024-06-18","event":"responded","outcome":"upheld"}"#,
        #"{"on":"2024-06-18","event":"escalated"}"#,
        #"{ "on": "2024-06-20", "event": "closed", "note": "by phone" }"#,
        #"{"on":"2024-06-18T10:15","event":"extended","days":10,"agreed":true}"#,
        #"{"on":"2024-03-11","event":"responded","outcome":"upheld","remedy":"refund of fee","remedy_type":"financial","remedy_amount":"150.5"}"#,
        #"{"on":"2024-03-20","event":"escalation-refused","reason":"Stage 1 answered every point"}"#,
        #"{"on":"2024-01-10","event":"joint-agreed","partner":"nhs","lead":"council"}"#,
    ])
    func takesTheUsualForm(raw: String) throws {
        let plain = try #require(PlainEventReader.event(raw))
        #expect(plain == Self.full(raw))
    }

    @Test("what the full reader refuses, the shortcut declines", arguments: [
        #"{"on":"2024-06-18","event":"responded","finding":"upheld"}"#,
        #"{"on":"2024-06-18","event":"extended"}"#,
        #"{"on":"2024-06-18","event":"extended","days":501}"#,
        #"{"on":"2024-06-18","event":"responded","outcome":"maybe"}"#,
        #"{"on":"2024-02-30","event":"responded"}"#,
        #"{"on":"2024-06-18","event":"responded","on":"2024-06-19"}"#,
        #"{"on":"2024-06-18","event":"answered"}"#,
        #"{"on":"2024-06-18","event":"responded","colour":"red"}"#,
        #"{"on":"2024-06-18","event":"responded","remedy_amount":"150.505"}"#,
        #"{"event":"responded"}"#,
    ])
    func declinesWhatTheFullReaderRefuses(raw: String) {
        #expect(Self.full(raw) == nil)
        #expect(PlainEventReader.event(raw) == nil)
    }
}
