extension ReportDocument {
    /// A plain-English paragraph made from the figures ("Stage 1 responses on time fell from 72.0%
    /// to 64.0%"), each sentence from one figure of the tables, so it cannot say what they do not.
    public var summary: [String] {
        let now = current
        let then = reports.count > 1 ? reports[1] : nil
        let label = now.period.phrase
        var sentences: [String] = []
        if let then {
            sentences.append(
                "The council received \(Self.count(now.complaints, "complaint")) \(label), "
                    + Self.movement(Double(now.complaints), Double(then.complaints), from: "\(then.complaints) (\(then.period.label))", percent: false) + ".")
        } else {
            sentences.append("The council received \(Self.count(now.complaints, "complaint")) \(label).")
        }
        for (procedure, counts) in now.reached.sorted(by: { $0.key < $1.key }) {
            guard let ids = now.stageIDs[procedure] else { continue }
            for (position, stage) in ids.enumerated() where position < counts.count {
                let key = StageKey(procedure: procedure, stage: stage)
                guard let figures = now.stages[key], figures.answered > 0 else { continue }
                let share = Double(figures.answeredOnTime) / Double(figures.answered) * 100
                let name = labels.stage(procedure, stage)
                if let earlier = then?.stages[key], earlier.answered > 0 {
                    let before = Double(earlier.answeredOnTime) / Double(earlier.answered) * 100
                    sentences.append("\(name): responses on time " + Self.movement(share, before, from: Self.percent(before), percent: true) + ".")
                } else {
                    sentences.append("\(name): \(ReportValue.percent(figures.answeredOnTime, figures.answered)) of responses were on time (\(figures.answeredOnTime) of \(figures.answered)).")
                }
            }
        }
        let (escalated, firsts) = now.escalationToSecondStage
        if firsts > 0 {
            sentences.append("\(Self.count(escalated, "complaint")) went on to Stage 2 (\(ReportValue.percent(escalated, firsts)) of those at Stage 1).")
        }
        let ombudsman = now.ombudsmanReferrals.values.reduce(0, +)
        if ombudsman > 0 { sentences.append("\(Self.count(ombudsman, "complaint")) \(ombudsman == 1 ? "was" : "were") referred to the ombudsman.") }
        if now.overdueAtEnd > 0 { sentences.append("On \(now.asOf), \(Self.count(now.overdueAtEnd, "complaint")) \(now.overdueAtEnd == 1 ? "was" : "were") overdue.") }
        let compliments = now.feedback["compliment"] ?? 0
        if compliments > 0 || then != nil {
            sentences.append(
                "The council received \(Self.count(compliments, "compliment"))"
                    + (then.map { " (\($0.feedback["compliment"] ?? 0) in \($0.period.label))" } ?? "") + ".")
        }
        return sentences
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func percent(_ value: Double) -> String { ReportValue.tenths(value) + "%" }

    /// `rose from 72.0% to 80.0%`, `fell from 30 in 2023/24`, `the same as …`.
    static func movement(_ now: Double, _ then: Double, from earlier: String, percent: Bool) -> String {
        if abs(now - then) < 0.05 { return percent ? "stayed at \(Self.percent(now))" : "the same as the \(earlier)" }
        let verb = now > then ? (percent ? "rose" : "up") : (percent ? "fell" : "down")
        return percent ? "\(verb) from \(earlier) to \(Self.percent(now))" : "\(verb) from \(earlier)"
    }
}
