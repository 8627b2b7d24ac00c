/// One row of a report table: a stable key (ids, never dates, so two periods' rows line up and a
/// spreadsheet's pivots hold), the words a reader sees, and the figures.
public struct ReportRow: Sendable {
    public var key: String
    public var label: String
    public var values: [ReportValue]
}

/// One table of one period's report.
public struct ReportTable: Sendable {
    public var id: String
    public var title: String
    /// The heading of the label column.
    public var rowHeader: String
    /// The headings of the figures' columns.
    public var columns: [String]
    public var rows: [ReportRow]
    /// False for lists of cases (remedies and learning): shown for the report's own period only.
    public var comparable = true
}

extension ComplaintsReport {
    /// Every table of the report, in reading order, with the policy's names.
    public func tables(labels: ReportLabels, homes: Int? = nil) -> [ReportTable] {
        var tables = [summaryTable(labels: labels), bucketTable()]
        tables += volumeTables(labels: labels)
        tables += stageTables(labels: labels)
        tables.append(escalationTable(labels: labels))
        tables.append(outcomeTable(labels: labels))
        tables.append(learningTable(labels: labels))
        tables.append(
            ReportTable(
                id: "exclusions", title: "Exclusions by reason", rowHeader: "Reason", columns: ["Complaints"],
                rows: Self.sortedCounts(exclusions).map { ReportRow(key: $0.0, label: $0.0, values: [.count($0.1)]) }))
        tables.append(
            ReportTable(
                id: "ombudsman", title: "Referred to the ombudsman", rowHeader: "Ombudsman", columns: ["Complaints"],
                rows: Self.sortedCounts(ombudsmanReferrals).map { ReportRow(key: $0.0, label: labels.ombudsman($0.0), values: [.count($0.1)]) }))
        tables += resolutionTables()
        tables += feedbackTables(labels: labels)
        if let homes { tables.append(landlordTable(homes: homes)) }
        return tables
    }

    static func sortedCounts(_ counts: [String: Int]) -> [(String, Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }

    /// The first stage of each procedure (its Stage 1), summed: the headline timeliness.
    var firstStages: StageFigures {
        var total = StageFigures()
        for procedure in reached.keys {
            guard let stage = stageIDs[procedure]?.first, let figures = stages[StageKey(procedure: procedure, stage: stage)] else { continue }
            total.answered += figures.answered
            total.answeredOnTime += figures.answeredOnTime
        }
        return total
    }

    /// Cases escalated to a second stage, and cases at the first stage, over procedures that have
    /// a second stage (a one-stage statutory route cannot escalate, so it does not dilute the share).
    var escalationToSecondStage: (escalated: Int, of: Int) {
        reached.values.filter { $0.count > 1 }.reduce((0, 0)) { ($0.0 + $1[1].escalated, $0.1 + $1[0].cases) }
    }

    func summaryTable(labels: ReportLabels) -> ReportTable {
        let first = firstStages
        let (reachedSecond, reachedFirst) = escalationToSecondStage
        let rows: [(String, String, ReportValue)] = [
            ("complaints", "Complaints received", .count(complaints)),
            ("compliments", "Compliments received", .count(feedback["compliment"] ?? 0)),
            ("other-feedback", "Other feedback received (comments, suggestions)", .count(feedback.filter { $0.key != "compliment" }.values.reduce(0, +))),
            ("excluded", "Excluded (handled by another route)", .count(exclusions.values.reduce(0, +))),
            ("out-of-time", "Made after the time limit (flagged, still handled)", .count(outOfTime)),
            ("stage-1-on-time", "Stage 1 responses on time", .share(first.answeredOnTime, of: first.answered, showWhole: true)),
            ("escalated", "Escalated to Stage 2 (share of those at Stage 1)", .share(reachedSecond, of: reachedFirst, showWhole: false)),
            ("ombudsman", "Referred to the ombudsman", .count(ombudsmanReferrals.values.reduce(0, +))),
            ("extended-beyond-maximum", "Extended beyond the policy's maximum", .count(extensionsBeyondMaximum)),
            ("closed-by-time", "Answered and not taken further (closed when the window ended)", .count(closedByTime)),
            ("open", "Open on the report date", .count(openAtEnd)),
            ("overdue", "Overdue on the report date", .count(overdueAtEnd)),
            ("deletion-due", "Records due for deletion by the report date", .count(deletionDue)),
            ("outside-period", "Records received outside the period (not counted)", .count(outsidePeriod)),
            ("failed", "Records that could not be read or scheduled", .count(failed)),
        ]
        return ReportTable(
            id: "summary", title: "Headline figures", rowHeader: "Measure", columns: ["Value"],
            rows: rows.map { ReportRow(key: $0.0, label: $0.1, values: [$0.2]) })
    }

    /// Complaints by month or quarter; the key is the position in the period, so two periods line up.
    func bucketTable() -> ReportTable {
        ReportTable(
            id: "by-\(period.grouping.rawValue)", title: "Complaints received by \(period.grouping.rawValue)",
            rowHeader: period.grouping == .month ? "Month" : "Quarter", columns: ["Complaints"],
            rows: period.buckets.enumerated().map { index, bucket in ReportRow(key: String(index + 1), label: bucket, values: [.count(byBucket[bucket] ?? 0)]) })
    }

    func volumeTables(labels: ReportLabels) -> [ReportTable] {
        var tables: [ReportTable] = []
        let byService = volumes[.service] ?? [:]
        func table(_ id: String, _ title: String, _ header: String, _ counts: [String: Int], _ name: (String) -> String) -> ReportTable {
            ReportTable(
                id: id, title: title, rowHeader: header, columns: ["Complaints", "Share"],
                rows: Self.sortedCounts(counts).map { ReportRow(key: $0.0, label: name($0.0), values: [.count($0.1), .rate($0.1, of: complaints)]) })
        }
        tables.append(table("by-procedure", "Complaints by procedure", "Procedure", volumes[.procedure] ?? [:]) { id in
            id == "excluded" ? "Excluded (handled by another route)" : labels.procedure(id)
        })
        if labels.hasDirectorates {
            var byDirectorate: [String: Int] = [:]
            for (service, count) in byService { byDirectorate[labels.directorate(ofService: service), default: 0] += count }
            tables.append(table("by-directorate", "Complaints by directorate", "Directorate", byDirectorate, labels.directorateName))
        }
        tables.append(table("by-service", "Complaints by service", "Service", byService, ReportLabels.words))
        tables.append(table("by-channel", "Complaints by channel", "Channel", volumes[.channel] ?? [:], ReportLabels.words))
        tables.append(table("by-made-by", "Complaints by who made them", "Made by", volumes[.madeBy] ?? [:], ReportLabels.words))
        return tables
    }

    func stageTables(labels: ReportLabels) -> [ReportTable] {
        let order = stageOrder
        let timeliness = ReportTable(
            id: "timeliness", title: "Timeliness by stage", rowHeader: "Stage",
            columns: ["Runs", "Acknowledged on time", "Answered", "Answered on time", "Average working days", "Median", "90th percentile"],
            rows: order.compactMap { key in
                guard let s = stages[key] else { return nil }
                return ReportRow(
                    key: key.id, label: labels.stage(key.procedure, key.stage),
                    values: [
                        .count(s.runs), .share(s.acknowledgedOnTime, of: s.acknowledgementsDue, showWhole: true), .count(s.answered),
                        .share(s.answeredOnTime, of: s.answered, showWhole: false), .days(s.averageDays), .days(s.percentile(50).map(Double.init)),
                        .days(s.percentile(90).map(Double.init)),
                    ])
            })
        let lateness = ReportTable(
            id: "late-extended", title: "Late, extended and repeated responses", rowHeader: "Stage",
            columns: ["Late", "Average working days late", "Extended", "Paused", "Repeated", "Ended at this stage"],
            rows: order.compactMap { key in
                guard let s = stages[key] else { return nil }
                return ReportRow(
                    key: key.id, label: labels.stage(key.procedure, key.stage),
                    values: [
                        .count(s.late), .days(s.late > 0 ? Double(s.daysLate) / Double(s.late) : nil), .count(s.extended), .count(s.paused),
                        .count(s.repeats), .count(s.closedHere),
                    ])
            })
        return [timeliness, lateness]
    }

    func escalationTable(labels: ReportLabels) -> ReportTable {
        ReportTable(
            id: "escalation", title: "Escalation through the stages", rowHeader: "Stage",
            columns: ["Cases reaching it", "Escalated from the stage before", "Straight to this stage", "Escalated, share of the stage before"],
            rows: reached.keys.sorted().flatMap { procedure -> [ReportRow] in
                let counts = reached[procedure] ?? []
                return counts.enumerated().map { index, reach in
                    let ids = stageIDs[procedure] ?? []
                    let stage = index < ids.count ? ids[index] : "stage-\(index + 1)"
                    let before = index > 0 ? counts[index - 1].cases : 0
                    return ReportRow(
                        key: "\(procedure)/\(stage)", label: labels.stage(procedure, stage),
                        values: [
                            .count(reach.cases), .count(reach.escalated), .count(reach.direct),
                            index == 0 ? .text("—") : .share(reach.escalated, of: before, showWhole: false),
                        ])
                }
            })
    }

    func outcomeTable(labels: ReportLabels) -> ReportTable {
        ReportTable(
            id: "outcomes", title: "Outcomes of responses", rowHeader: "Stage",
            columns: OutcomeKind.allCases.map { $0.label.prefix(1).uppercased() + $0.label.dropFirst() } + ["Upheld in full or part", "Remedies"],
            rows: stageOrder.compactMap { key in
                guard let s = stages[key], s.answered > 0 else { return nil }
                let upheld = (s.outcomes[.upheld] ?? 0) + (s.outcomes[.partlyUpheld] ?? 0)
                return ReportRow(
                    key: key.id, label: labels.stage(key.procedure, key.stage),
                    values: OutcomeKind.allCases.map { .count(s.outcomes[$0] ?? 0) } + [
                        .rate(upheld, of: s.answered - (s.outcomes[.notRecorded] ?? 0)), .count(s.remedies),
                    ])
            })
    }

    func learningTable(labels: ReportLabels) -> ReportTable {
        let sorted = learning.sorted { ($0.service, $0.caseID) < ($1.service, $1.caseID) }
        var table = ReportTable(
            id: "learning", title: "Remedies and learning, by service", rowHeader: "Service", columns: ["Case", "Stage", "Remedy", "Learning"],
            rows: sorted.map { item in
                ReportRow(
                    key: "\(item.caseID)/\(item.stage.id)", label: ReportLabels.words(item.service),
                    values: [.text(item.caseID), .text(labels.stage(item.stage.procedure, item.stage.stage)), .text(item.remedy ?? "—"), .text(item.learning ?? "—")])
            })
        table.comparable = false
        return table
    }

    func feedbackTables(labels: ReportLabels) -> [ReportTable] {
        let byType = ReportTable(
            id: "feedback", title: "Compliments and other feedback", rowHeader: "Type", columns: ["Received"],
            rows: Self.sortedCounts(feedback).map { ReportRow(key: $0.0, label: ReportLabels.words($0.0), values: [.count($0.1)]) })
        let compliments = ReportTable(
            id: "compliments-by-service", title: "Compliments by service", rowHeader: "Service", columns: ["Compliments"],
            rows: Self.sortedCounts(feedbackByService["compliment"] ?? [:]).map { ReportRow(key: $0.0, label: ReportLabels.words($0.0), values: [.count($0.1)]) })
        return [byType, compliments]
    }

    /// CH01 and CH02 as the Regulator of Social Housing defines them (docs/report.md cites each).
    func landlordTable(homes: Int) -> ReportTable {
        let l = landlord
        return ReportTable(
            id: "landlord", title: "Tenant satisfaction complaint measures (housing complaints)", rowHeader: "Measure", columns: ["Figure", "Count"],
            rows: [
                ReportRow(key: "ch01-stage-1", label: "CH01 Stage 1 complaints received per 1,000 homes", values: [.perThousand(l.stage1Received, of: homes), .count(l.stage1Received)]),
                ReportRow(key: "ch01-stage-2", label: "CH01 Stage 2 complaints (escalated in the period) per 1,000 homes", values: [.perThousand(l.stage2Escalated, of: homes), .count(l.stage2Escalated)]),
                ReportRow(key: "ch02-stage-1", label: "CH02 Stage 1 responses made in the period within the timescale", values: [.rate(l.stage1OnTime, of: l.stage1Responses), .count(l.stage1Responses)]),
                ReportRow(key: "ch02-stage-2", label: "CH02 Stage 2 responses made in the period within the timescale", values: [.rate(l.stage2OnTime, of: l.stage2Responses), .count(l.stage2Responses)]),
            ])
    }
}
