import RedressEngine

/// What a period's cases record besides a stage's answer: late complaints accepted or refused,
/// refused requests for a gated stage, other means of resolution, joint complaints, remedies by
/// type, and the ombudsman's decisions with the council's compliance.
public struct ResolutionFigures: Sendable, Hashable {
    public internal(set) var timeLimitWaived = 0
    public internal(set) var refusedOutOfTime = 0
    public internal(set) var escalationsRefused = 0
    /// By means: how many times tried, and how many resolved the complaint.
    public internal(set) var alternatives: [String: AlternativeTally] = [:]
    /// By remedy type (`not-recorded` when a remedy has no type): how many, and the sums paid.
    public internal(set) var remedies: [String: RemedyTally] = [:]
    public internal(set) var ombudsman = OmbudsmanFigures()
    /// Joint complaints by partner and who led (`nhs led by the partner`).
    public internal(set) var joint: [JointKey: Int] = [:]
    /// The partners' names, as the policy gives them.
    public internal(set) var partnerNames: [String: String] = [:]

    public struct AlternativeTally: Sendable, Hashable {
        public internal(set) var tried = 0
        public internal(set) var resolved = 0
    }

    public struct RemedyTally: Sendable, Hashable {
        public internal(set) var count = 0
        public internal(set) var pence = 0
    }

    public struct JointKey: Sendable, Hashable, Comparable {
        public var partner: String
        public var lead: CaseEvent.JointLead

        public static func < (a: JointKey, b: JointKey) -> Bool { (a.partner, a.lead.rawValue) < (b.partner, b.lead.rawValue) }
    }

    public struct OmbudsmanFigures: Sendable, Hashable {
        public internal(set) var decided = 0
        public internal(set) var upheld = 0
        public internal(set) var notInvestigated = 0
        public internal(set) var recommended = 0
        public internal(set) var complied = 0
        public internal(set) var pence = 0
    }

    mutating func add(_ schedule: CaseSchedule) {
        let outcomes = schedule.outcomes
        if outcomes.timeLimitWaived != nil { timeLimitWaived += 1 }
        switch outcomes.refusal?.kind {
        case .outOfTime?: refusedOutOfTime += 1
        case .escalation?: escalationsRefused += 1
        case nil: break
        }
        if let joint = outcomes.joint {
            self.joint[JointKey(partner: joint.partner, lead: joint.lead), default: 0] += 1
            partnerNames[joint.partner] = joint.partnerName
        }
        for item in outcomes.alternatives {
            alternatives[item.means, default: AlternativeTally()].tried += 1
            if item.resolved { alternatives[item.means, default: AlternativeTally()].resolved += 1 }
        }
        for run in schedule.stages where run.remedy != nil || run.remedyType != nil || run.remedyAmount != nil {
            let key = run.remedyType?.rawValue ?? "not-recorded"
            remedies[key, default: RemedyTally()].count += 1
            remedies[key, default: RemedyTally()].pence += run.remedyAmount?.pence ?? 0
        }
        guard let decision = outcomes.ombudsman else { return }
        switch decision.finding {
        case .upheld:
            ombudsman.decided += 1
            ombudsman.upheld += 1
        case .notUpheld: ombudsman.decided += 1
        case .notInvestigated: ombudsman.notInvestigated += 1
        }
        if decision.recommendsRemedy {
            ombudsman.recommended += 1
            if decision.compliedOn != nil { ombudsman.complied += 1 }
            ombudsman.pence += decision.remedyAmount?.pence ?? 0
        }
    }

    mutating func merge(_ other: ResolutionFigures) {
        timeLimitWaived += other.timeLimitWaived
        refusedOutOfTime += other.refusedOutOfTime
        escalationsRefused += other.escalationsRefused
        alternatives.merge(other.alternatives) { AlternativeTally(tried: $0.tried + $1.tried, resolved: $0.resolved + $1.resolved) }
        joint.merge(other.joint, uniquingKeysWith: +)
        partnerNames.merge(other.partnerNames) { mine, _ in mine }
        remedies.merge(other.remedies) { RemedyTally(count: $0.count + $1.count, pence: $0.pence + $1.pence) }
        ombudsman.decided += other.ombudsman.decided
        ombudsman.upheld += other.ombudsman.upheld
        ombudsman.notInvestigated += other.ombudsman.notInvestigated
        ombudsman.recommended += other.ombudsman.recommended
        ombudsman.complied += other.ombudsman.complied
        ombudsman.pence += other.ombudsman.pence
    }
}

extension ComplaintsReport {
    /// Late complaints, refusals and other means; remedies by type; the ombudsman's decisions on
    /// the period's cases (from their events: the annual review letter's figures are separate).
    func resolutionTables() -> [ReportTable] {
        let figures = resolutions
        var ended: [ReportRow] = [
            ReportRow(key: "time-limit-waived", label: "Made after the time limit and accepted", values: [.count(figures.timeLimitWaived)]),
            ReportRow(key: "refused-out-of-time", label: "Refused as made after the time limit", values: [.count(figures.refusedOutOfTime)]),
            ReportRow(key: "escalation-refused", label: "Requests for a further stage refused (at the council's discretion)", values: [.count(figures.escalationsRefused)]),
        ]
        for (means, counts) in figures.alternatives.sorted(by: { $0.key < $1.key }) {
            ended.append(
                ReportRow(
                    key: "alternative:\(means)", label: "\(ReportLabels.words(means)): resolved of those tried",
                    values: [.share(counts.resolved, of: counts.tried, showWhole: true)]))
        }
        for (key, count) in figures.joint.sorted(by: { $0.key < $1.key }) {
            ended.append(
                ReportRow(
                    key: "joint:\(key.partner):\(key.lead.rawValue)",
                    label: "Joint with \(figures.partnerNames[key.partner] ?? key.partner), led by \(key.lead == .council ? "the council" : "the partner")", values: [.count(count)]))
        }
        let remedyRows = CaseEvent.RemedyType.allCases.map(\.rawValue) + ["not-recorded"]
        let remedies = remedyRows.compactMap { key -> ReportRow? in
            guard let counts = figures.remedies[key] else { return nil }
            return ReportRow(key: key, label: ReportLabels.words(key), values: [.count(counts.count), .money(pence: counts.pence)])
        }
        let o = figures.ombudsman
        let ombudsman = [
            ReportRow(key: "decided", label: "Decided after investigation", values: [.count(o.decided)]),
            ReportRow(key: "upheld", label: "Upheld", values: [.share(o.upheld, of: o.decided, showWhole: true)]),
            ReportRow(key: "not-investigated", label: "Not investigated (closed after initial enquiries, premature)", values: [.count(o.notInvestigated)]),
            ReportRow(key: "recommended", label: "Remedies recommended", values: [.count(o.recommended)]),
            ReportRow(key: "complied", label: "Recommendations complied with", values: [.share(o.complied, of: o.recommended, showWhole: true)]),
            ReportRow(key: "sums", label: "Sums recommended", values: [.money(pence: o.pence)]),
        ]
        return [
            ReportTable(id: "late-refused-alternative", title: "Late complaints, refusals, other means of resolution and joint complaints", rowHeader: "Measure", columns: ["Complaints"], rows: ended),
            ReportTable(id: "remedies-by-type", title: "Remedies by type", rowHeader: "Remedy", columns: ["Remedies", "Sums paid"], rows: remedies),
            ReportTable(id: "ombudsman-decisions", title: "The ombudsman's decisions on these complaints (from case events)", rowHeader: "Measure", columns: ["Value"], rows: ombudsman),
        ]
    }
}
