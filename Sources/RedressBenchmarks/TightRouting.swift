import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressPolicy

/// North Somerset 2021-01 (policies/councils/north-somerset/2021-01.yaml) decided by hand, the way a
/// good engineer would write it without a rules engine: a `switch` on interned-by-hand strings, one
/// byte scan of the text for the parking phrases (ASCII case folding, whitespace runs as one space,
/// word boundaries), integer dates from the same calendar. It makes the same full `Decision` the
/// engine makes — every field, flag and source line — which the benchmark checks on every input.
struct TightRouting {
    let calendar: WorkingDayCalendar
    let services: Set<String>
    /// Each rule's id, source range and `path:line:column`, in policy order (read once, as a
    /// hand-written version would hard-code them).
    let rules: [String: (range: SourceRange, text: String)]

    init(_ loaded: LoadedPolicy) {
        calendar = loaded.calendar
        services = Set(loaded.policy.services)
        rules = Dictionary(uniqueKeysWithValues: loaded.policy.routing.map { ($0.id, ($0.range, $0.range.description)) })
    }

    static let pcnReason = "a penalty charge notice is a legal matter with its own appeal"
    static let pcnRedirect = "Challenge the penalty charge notice (n-somerset.gov.uk, how to challenge a penalty charge notice)"

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
        if let service = complaint.service, !services.contains(service) { return nil }
        var decision = Decision(
            id: complaint.id, councilID: "north-somerset", versionID: "2021-01", type: complaint.type, procedure: nil, stage: nil,
            excluded: false, exclusionReason: nil, redirect: nil, deemedReceived: deemed, acknowledgeBy: nil, respondBy: nil, inTime: true,
            rule: "", source: SourceRange(file: "", start: .init(line: 0, column: 0), end: .init(line: 0, column: 0)), sourceText: "",
            flags: [], extra: complaint.extra, tried: nil, received: complaint.received.date)
        func rule(_ id: String) {
            decision.rule = id
            if let found = rules[id] {
                decision.source = found.range
                decision.sourceText = found.text
            }
            if complaint.service == nil { decision.flags.append(.serviceMissing) }
        }
        func exclude(_ id: String, _ reason: String, _ redirect: String) -> Decision {
            rule(id)
            decision.excluded = true
            decision.exclusionReason = reason
            decision.redirect = redirect
            return decision
        }
        /// A statutory time limit in months from `aware_on`.
        func timeLimit(months: Int) {
            guard let awareOn = complaint.awareOn else { return decision.flags.append(.awareOnMissing) }
            if complaint.received.date > awareOn.adding(months: months) {
                decision.inTime = false
                decision.flags.append(.outOfTime)
            }
        }
        switch complaint.type {
        case "compliment", "comment", "suggestion":
            rule(complaint.type == "compliment" ? "compliments" : complaint.type == "comment" ? "comments" : "suggestions")
            decision.handler = "relevant service team"
            decision.flags.append(.feedback)
            return finished(decision)
        case "complaint": break
        default: return nil
        }
        switch complaint.service {
        case "adult-social-care"?:
            rule("adult-social-care")
            decision.procedure = "adults-statutory"
            decision.stage = "local-resolution"
            decision.handler = "Complaints and Directorate Governance Team"
            decision.acknowledgeBy = try? calendar.adding(workingDays: 3, to: deemed)
            decision.respondBy = deemed.adding(months: 6)
            timeLimit(months: 12)
            return finished(decision)
        case "childrens-social-care"?:
            rule("childrens-social-care")
            decision.procedure = "children-statutory"
            decision.stage = "stage-1"
            decision.handler = "Complaints and Directorate Governance Manager"
            decision.respondBy = try? calendar.adding(workingDays: 10, to: deemed)
            timeLimit(months: 12)
            return finished(decision)
        default: break
        }
        if let text = complaint.text, Self.mentionsParking(text) {
            return finished(exclude("parking-penalty", Self.pcnReason, Self.pcnRedirect))
        }
        switch complaint.service {
        case "schools"?:
            return finished(
                exclude(
                    "schools", "each school and academy has its own complaints procedure",
                    "The school's own complaints procedure (n-somerset.gov.uk, complaints about schools)"))
        case "councillor-conduct"?:
            return finished(
                exclude(
                    "councillor-conduct", "complaints about councillors' conduct follow the members' code of conduct process",
                    "Complaints about councillors (n-somerset.gov.uk, complaints about councillors)"))
        default: break
        }
        for category in complaint.categories {
            switch category.lowercased() {
            case "statutory-appeal", "planning-appeal", "legal-remedy":
                return finished(
                    exclude(
                        "statutory-appeal", "there is a formal right of appeal external to the council or another legal remedy",
                        "The prescribed legal or appeal procedure; the service will advise how"))
            default: continue
            }
        }
        if complaint.categories.contains(where: { $0.lowercased() == "council-decision" }) {
            return finished(
                exclude(
                    "council-decision", "disagreements with properly made council, executive and committee decisions are not complaints",
                    "The Council Constitution (n-somerset.gov.uk, council constitution)"))
        }
        rule("everything-else")
        decision.procedure = "corporate"
        decision.stage = "stage-1"
        decision.handler = "relevant service team"
        decision.respondBy = try? calendar.adding(workingDays: 10, to: deemed)
        return finished(decision)
    }

    private func finished(_ decision: Decision) -> Decision {
        var decision = decision
        if calendar.isProjected(decision.deemedReceived) || decision.respondBy.map(calendar.isProjected) == true
            || decision.acknowledgeBy.map(calendar.isProjected) == true
        {
            decision.flags.append(.projectedCalendar)
        }
        return decision
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
