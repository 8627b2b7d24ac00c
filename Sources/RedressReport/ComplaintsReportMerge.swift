extension StageFigures {
    mutating func merge(_ other: StageFigures) {
        runs += other.runs
        acknowledgementsDue += other.acknowledgementsDue
        acknowledgedOnTime += other.acknowledgedOnTime
        answered += other.answered
        answeredOnTime += other.answeredOnTime
        late += other.late
        daysLate += other.daysLate
        extended += other.extended
        paused += other.paused
        repeats += other.repeats
        closedHere += other.closedHere
        daysToAnswer.merge(other.daysToAnswer, uniquingKeysWith: +)
        totalDaysToAnswer += other.totalDaysToAnswer
        outcomes.merge(other.outcomes, uniquingKeysWith: +)
        remedies += other.remedies
    }
}

extension ComplaintsReport {
    /// A report of the same period with no cases yet (for one chunk of a batch).
    public func empty() -> ComplaintsReport { ComplaintsReport(period: period, asOf: asOf, feedbackTypes: feedbackTypes) }

    /// Adds the cases `other` counted, as if they had been added here after this report's own:
    /// so chunks of a batch counted on several cores and merged in input order give exactly the
    /// figures (and orders of first appearance) of one pass.
    public mutating func merge(_ other: ComplaintsReport) {
        complaints += other.complaints
        outsidePeriod += other.outsidePeriod
        failed += other.failed
        for (dimension, counts) in other.volumes { volumes[dimension, default: [:]].merge(counts, uniquingKeysWith: +) }
        byBucket.merge(other.byBucket, uniquingKeysWith: +)
        feedback.merge(other.feedback, uniquingKeysWith: +)
        for (type, counts) in other.feedbackByService { feedbackByService[type, default: [:]].merge(counts, uniquingKeysWith: +) }
        for key in other.stageOrder {
            guard let figures = other.stages[key] else { continue }
            if stages[key] == nil { stageOrder.append(key) }
            stages[key, default: StageFigures()].merge(figures)
        }
        for (procedure, counts) in other.reached {
            var mine = reached[procedure] ?? Array(repeating: StageReach(), count: counts.count)
            if mine.count < counts.count { mine += Array(repeating: StageReach(), count: counts.count - mine.count) }
            for (index, reach) in counts.enumerated() {
                mine[index].cases += reach.cases
                mine[index].escalated += reach.escalated
                mine[index].direct += reach.direct
            }
            reached[procedure] = mine
        }
        stageIDs.merge(other.stageIDs) { _, later in later }
        ombudsmanReferrals.merge(other.ombudsmanReferrals, uniquingKeysWith: +)
        exclusions.merge(other.exclusions, uniquingKeysWith: +)
        outOfTime += other.outOfTime
        openAtEnd += other.openAtEnd
        overdueAtEnd += other.overdueAtEnd
        closedByTime += other.closedByTime
        deletionDue += other.deletionDue
        extensionsBeyondMaximum += other.extensionsBeyondMaximum
        learning += other.learning
        resolutions.merge(other.resolutions)
        landlord.stage1Received += other.landlord.stage1Received
        landlord.stage2Escalated += other.landlord.stage2Escalated
        landlord.stage1Responses += other.landlord.stage1Responses
        landlord.stage1OnTime += other.landlord.stage1OnTime
        landlord.stage2Responses += other.landlord.stage2Responses
        landlord.stage2OnTime += other.landlord.stage2OnTime
    }
}
