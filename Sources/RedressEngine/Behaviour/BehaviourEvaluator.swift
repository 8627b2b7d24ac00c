import RedressCalendar
import RedressPolicy

extension Engine {
    /// Evaluates the behaviour criteria of the version in force on `asOf` over one complainant's
    /// contacts. Every finding is advice with its evidence; nothing here restricts anyone.
    public func behaviour(complainant: String, contacts: [ContactRecord], asOf: LocalDate) throws(RecordError) -> BehaviourReport {
        guard let compiled = version(on: asOf) else { throw RecordError("no version of the \(councilID) policy is in force on \(asOf)") }
        guard let section = compiled.policy.behaviour else {
            throw RecordError("the \(councilID) policy \(compiled.policy.version.id) has no `behaviour` section")
        }
        let calendar = compiled.calendar
        let history = contacts.filter { $0.on <= asOf }.sorted { ($0.on, $0.line) < ($1.on, $1.line) }
        let criteria = Dictionary(section.criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var findings: [CriterionFinding] = []
        for criterion in section.criteria {
            guard let signal = criterion.signal else { continue }
            let evidence = try Self.evidence(for: signal, in: history, calendar: calendar)
            if !evidence.isEmpty {
                findings.append(
                    CriterionFinding(criterion: criterion.id, text: criterion.text, citation: criterion.citation, basis: "signal", evidence: evidence))
            }
        }
        for flag in history where flag.kind == .staffFlag {
            guard let id = flag.criterion, let criterion = criteria[id] else {
                throw RecordError("line \(flag.line): no criterion `\(flag.criterion ?? "")` in the policy's behaviour section")
            }
            if let index = findings.firstIndex(where: { $0.criterion == id && $0.basis == "staff" }) {
                findings[index].evidence.append(flag)
            } else {
                findings.append(CriterionFinding(criterion: id, text: criterion.text, citation: criterion.citation, basis: "staff", evidence: [flag]))
            }
        }
        var restrictions: [RestrictionReview] = []
        for decision in history where decision.kind == .restriction {
            if let unknown = decision.criteria.first(where: { criteria[$0] == nil }) {
                throw RecordError("line \(decision.line): the restriction cites unknown criterion `\(unknown)`")
            }
            let reviewBy = try section.reviewAfter.map { (duration) throws(RecordError) in
                do {
                    return try duration.date(after: decision.on, calendar: calendar)
                } catch {
                    throw RecordError("\(error)")
                }
            }
            restrictions.append(
                RestrictionReview(
                    decidedOn: decision.on, decidedBy: decision.officer ?? "", criteria: decision.criteria,
                    restriction: decision.restriction ?? "", reviewBy: reviewBy,
                    status: reviewBy.map { $0 <= asOf ? "due" : "scheduled" } ?? "no-review-period"))
        }
        return BehaviourReport(
            complainant: complainant, councilID: compiled.policy.council.id, versionID: compiled.policy.version.id,
            contacts: history.filter { $0.kind != .staffFlag && $0.kind != .restriction }.count, findings: findings,
            restrictions: restrictions)
    }

    /// The contacts that make a signal hold (empty when it does not).
    static func evidence(for signal: BehaviourSignal, in history: [ContactRecord], calendar: WorkingDayCalendar) throws(RecordError)
        -> [ContactRecord]
    {
        switch signal {
        case .contacts(let atLeast, let within):
            let contacts = history.filter { $0.kind != .staffFlag && $0.kind != .restriction }
            return try windows(contacts, atLeast: atLeast, within: within, calendar: calendar)
        case .repeatComplaints(let atLeast, let within):
            let complaints = history.filter { $0.kind == .complaint }
            var groups: [String: [ContactRecord]] = [:]
            var order: [String] = []
            for complaint in complaints {
                let key = (complaint.service ?? "") + "|" + complaint.categories.map { $0.lowercased() }.sorted().joined(separator: ",")
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(complaint)
            }
            var evidence: [ContactRecord] = []
            for key in order { evidence += try windows(groups[key] ?? [], atLeast: atLeast, within: within, calendar: calendar) }
            return evidence.sorted { ($0.on, $0.line) < ($1.on, $1.line) }
        case .parallelComplaints(let routes):
            return history.filter { $0.kind == .parallel && routes.contains($0.route ?? "") }
        case .reviewAfterExhausted(let atLeast):
            let requests = history.filter { $0.kind == .reviewRequest && $0.procedureExhausted }
            return requests.count >= atLeast ? requests : []
        }
    }

    /// Every record inside some window of length `within` (starting at a record) that holds at
    /// least `atLeast` records: two pointers over the date-sorted records.
    static func windows(_ records: [ContactRecord], atLeast: Int, within: PolicyDuration, calendar: WorkingDayCalendar)
        throws(RecordError) -> [ContactRecord]
    {
        guard records.count >= atLeast else { return [] }
        var inWindow = [Bool](repeating: false, count: records.count)
        var end = 0
        for start in records.indices {
            let limit: LocalDate
            do {
                limit = try within.date(after: records[start].on, calendar: calendar)
            } catch {
                throw RecordError("\(error)")
            }
            end = max(end, start)
            while end + 1 < records.count, records[end + 1].on < limit { end += 1 }
            if end - start + 1 >= atLeast {
                for index in start...end { inWindow[index] = true }
            }
        }
        return records.indices.filter { inWindow[$0] }.map { records[$0] }
    }
}
