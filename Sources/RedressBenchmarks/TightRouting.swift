import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressPolicy

/// North Somerset 2021-01 (policies/councils/north-somerset/2021-01.yaml) decided by hand, the way a
/// good engineer would write it without a rules engine: `switch`es on the policy's words, rules as
/// an enum indexing an array of their source lines, categories compared with ASCII case folding in
/// place (exact for these words: no other character lowercases to their letters), one byte scan of
/// the text for the parking phrases (ASCII case folding, whitespace runs as one space, word
/// boundaries), integer dates from the same calendar, and each decision built once. It makes the
/// same full `Decision` the engine makes — every field, flag and source line — which the benchmark
/// checks on every input before timing. Only the validation the contract requires is done: the
/// words checked against the policy's vocabulary, so an unknown one is an error record as in the
/// engine.
struct TightRouting {
    let calendar: WorkingDayCalendar
    /// Each rule's source range and `path:line:column`, by `Rule.rawValue` (read once from the
    /// policy, as a hand-written version would hard-code them).
    let sources: [(range: SourceRange, text: String)]

    enum Rule: Int, CaseIterable {
        case compliments, comments, suggestions, adultSocialCare, childrensSocialCare, parkingPenalty, schools, councillorConduct
        case statutoryAppeal, councilDecision, everythingElse

        var id: String {
            switch self {
            case .compliments: "compliments"
            case .comments: "comments"
            case .suggestions: "suggestions"
            case .adultSocialCare: "adult-social-care"
            case .childrensSocialCare: "childrens-social-care"
            case .parkingPenalty: "parking-penalty"
            case .schools: "schools"
            case .councillorConduct: "councillor-conduct"
            case .statutoryAppeal: "statutory-appeal"
            case .councilDecision: "council-decision"
            case .everythingElse: "everything-else"
            }
        }
    }

    init(_ loaded: LoadedPolicy) {
        calendar = loaded.calendar
        let routing = loaded.policy.routing
        sources = Rule.allCases.map { rule in
            let found = routing.first { $0.id == rule.id }
            let range = found?.range ?? SourceRange(file: "", start: .init(line: 0, column: 0), end: .init(line: 0, column: 0))
            return (range, range.description)
        }
    }

    static let pcnReason = "a penalty charge notice is a legal matter with its own appeal"
    static let pcnRedirect = "Challenge the penalty charge notice (n-somerset.gov.uk, how to challenge a penalty charge notice)"

    /// What a rule decides, before the complaint's own dates.
    private struct Outcome {
        var rule: Rule
        var procedure: String? = nil
        var stage: String? = nil
        var handler: String? = nil
        var excluded = false
        var exclusionReason: String? = nil
        var redirect: String? = nil
    }

    /// The decision, or nil where the engine reports an error record.
    func decide(_ complaint: Complaint) -> Decision? {
        guard let deemed = try? calendar.workingDay(onOrAfter: complaint.received.date) else { return nil }
        switch complaint.channel {
        case nil, "web"?, "email"?, "phone"?, "letter"?, "in-person"?, "social-media"?: break
        default: return nil
        }
        switch complaint.madeBy {
        case nil, "customer"?, "representative"?, "mp"?, "councillor"?: break
        default: return nil
        }
        switch complaint.service {
        case nil, "adult-social-care"?, "childrens-social-care"?, "send"?, "schools"?, "planning"?, "parking"?, "council-tax"?,
            "benefits"?, "housing"?, "waste"?, "highways"?, "libraries"?, "councillor-conduct"?, "other"?:
            break
        default: return nil
        }
        var acknowledgeBy: LocalDate?
        var respondBy: LocalDate?
        var inTime = true
        /// The flags after the rule's own (this policy's rules have none) and `service-missing`.
        var timeFlag: CaseFlag?
        /// A statutory time limit in months from `aware_on`.
        func timeLimit(months: Int) {
            guard let awareOn = complaint.awareOn else { return timeFlag = .awareOnMissing }
            if complaint.received.date > awareOn.adding(months: months) {
                inTime = false
                timeFlag = .outOfTime
            }
        }
        let outcome: Outcome
        var feedback = false
        switch complaint.type {
        case "compliment", "comment", "suggestion":
            let rule: Rule = complaint.type == "compliment" ? .compliments : complaint.type == "comment" ? .comments : .suggestions
            outcome = Outcome(rule: rule, handler: "relevant service team")
            feedback = true
        case "complaint":
            switch complaint.service {
            case "adult-social-care"?:
                outcome = Outcome(
                    rule: .adultSocialCare, procedure: "adults-statutory", stage: "local-resolution",
                    handler: "Complaints and Directorate Governance Team")
                acknowledgeBy = try? calendar.adding(workingDays: 3, to: deemed)
                respondBy = deemed.adding(months: 6)
                timeLimit(months: 12)
            case "childrens-social-care"?:
                outcome = Outcome(
                    rule: .childrensSocialCare, procedure: "children-statutory", stage: "stage-1",
                    handler: "Complaints and Directorate Governance Manager")
                respondBy = try? calendar.adding(workingDays: 10, to: deemed)
                timeLimit(months: 12)
            default:
                if let excluded = Self.exclusion(complaint) {
                    outcome = excluded
                } else {
                    outcome = Outcome(rule: .everythingElse, procedure: "corporate", stage: "stage-1", handler: "relevant service team")
                    respondBy = try? calendar.adding(workingDays: 10, to: deemed)
                }
            }
        default: return nil
        }
        let projected =
            calendar.isProjected(deemed) || respondBy.map(calendar.isProjected) == true || acknowledgeBy.map(calendar.isProjected) == true
        // In the engine's order: `service-missing`, the outcome's, the time limit's, `projected-calendar`.
        var flags: [CaseFlag] = []
        if complaint.service == nil { flags.append(.serviceMissing) }
        if feedback { flags.append(.feedback) }
        if let timeFlag { flags.append(timeFlag) }
        if projected { flags.append(.projectedCalendar) }
        let source = sources[outcome.rule.rawValue]
        var decision = Decision(
            id: complaint.id, councilID: "north-somerset", versionID: "2021-01", type: complaint.type, procedure: outcome.procedure,
            stage: outcome.stage, excluded: outcome.excluded, exclusionReason: outcome.exclusionReason, redirect: outcome.redirect,
            deemedReceived: deemed, acknowledgeBy: acknowledgeBy, respondBy: respondBy, inTime: inTime, rule: outcome.rule.id,
            source: source.range, sourceText: source.text, flags: flags, extra: complaint.extra, tried: nil, received: complaint.received.date)
        decision.handler = outcome.handler
        return decision
    }

    /// The exclusions, in the policy's order, for a complaint outside the statutory routes.
    private static func exclusion(_ complaint: Complaint) -> Outcome? {
        if let text = complaint.text, mentionsParking(text) {
            return Outcome(rule: .parkingPenalty, excluded: true, exclusionReason: pcnReason, redirect: pcnRedirect)
        }
        switch complaint.service {
        case "schools"?:
            return Outcome(
                rule: .schools, excluded: true, exclusionReason: "each school and academy has its own complaints procedure",
                redirect: "The school's own complaints procedure (n-somerset.gov.uk, complaints about schools)")
        case "councillor-conduct"?:
            return Outcome(
                rule: .councillorConduct, excluded: true,
                exclusionReason: "complaints about councillors' conduct follow the members' code of conduct process",
                redirect: "Complaints about councillors (n-somerset.gov.uk, complaints about councillors)")
        default: break
        }
        var councilDecision = false
        for category in complaint.categories {
            if foldedEqual(category, "statutory-appeal") || foldedEqual(category, "planning-appeal") || foldedEqual(category, "legal-remedy") {
                return Outcome(
                    rule: .statutoryAppeal, excluded: true,
                    exclusionReason: "there is a formal right of appeal external to the council or another legal remedy",
                    redirect: "The prescribed legal or appeal procedure; the service will advise how")
            }
            councilDecision = councilDecision || foldedEqual(category, "council-decision")
        }
        guard councilDecision else { return nil }
        return Outcome(
            rule: .councilDecision, excluded: true,
            exclusionReason: "disagreements with properly made council, executive and committee decisions are not complaints",
            redirect: "The Council Constitution (n-somerset.gov.uk, council constitution)")
    }

    /// `text.lowercased() == word` for a lowercase ASCII word with no `k` (no other character
    /// lowercases to its letters), compared in place.
    static func foldedEqual(_ text: String, _ word: StaticString) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            let expected = word.utf8Start
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if (byte >= 65 && byte <= 90 ? byte | 0x20 : byte) != expected[index] { return false }
            }
            return true
        }
    }

    /// One pass over the text: "penalty charge notice", "parking ticket" or "pcn" as whole words,
    /// any ASCII case, any run of whitespace between words.
    static func mentionsParking(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                if index == 0 || !isWordByte(bytes[index - 1]) {
                    let first = bytes[index] | 0x20
                    if first == UInt8(ascii: "p") {
                        for phrase in phrases where matches(phrase, bytes, at: index) { return true }
                    }
                }
                index += 1
            }
            return false
        }
    }

    static let phrases: [[UInt8]] = [Array("penalty charge notice".utf8), Array("parking ticket".utf8), Array("pcn".utf8)]

    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte >= 0x80
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    static func matches(_ phrase: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var index = start
        for byte in phrase {
            guard index < bytes.count else { return false }
            if byte == 0x20 {
                guard isSpace(bytes[index]) else { return false }
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                continue
            }
            let folded = bytes[index] >= 65 && bytes[index] <= 90 ? bytes[index] | 0x20 : bytes[index]
            guard folded == byte else { return false }
            index += 1
        }
        return index == bytes.count || !isWordByte(bytes[index])
    }
}
