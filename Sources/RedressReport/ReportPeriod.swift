import RedressCalendar

/// A reporting period: complaints (deemed) received from `from` to `to` inclusive, grouped by month
/// or by quarter of the financial year (April to March unless `yearStart` says otherwise — the
/// year councils, the LGSCO and the Housing Ombudsman report by).
public struct ReportPeriod: Sendable, Hashable {
    public enum Grouping: String, Sendable, CaseIterable {
        case month, quarter
    }

    public var from: LocalDate
    public var to: LocalDate
    public var grouping: Grouping
    /// The month the financial year starts (1…12; 4 = April).
    public var yearStart: Int

    public init(from: LocalDate, to: LocalDate, grouping: Grouping, yearStart: Int = 4) {
        self.from = from
        self.to = to
        self.grouping = grouping
        self.yearStart = yearStart
    }

    public func contains(_ date: LocalDate) -> Bool { date >= from && date <= to }

    /// `2024/25` for a whole financial year, `2024` for a whole calendar year, else the dates.
    public var label: String {
        if from.day == 1, from.adding(years: 1).adding(days: -1) == to {
            if from.month == 1 { return String(from.year) }
            if from.month == yearStart { return Self.financialYear(from.year, startingJanuary: false) }
        }
        return "\(from) to \(to)"
    }

    /// `in 2024/25`, or `from 2025-01-01 to 2025-03-31`, for a sentence.
    public var phrase: String { label.contains(" to ") ? "from \(label)" : "in \(label)" }

    static func financialYear(_ startYear: Int, startingJanuary: Bool) -> String {
        guard !startingJanuary else { return String(startYear) }
        let next = (startYear + 1) % 100
        return "\(startYear)/\(next < 10 ? "0" : "")\(next)"
    }

    /// `2025-01`, or the financial-year quarter `2024/25 Q4` (Q1 is the year's first three months).
    public func bucket(_ date: LocalDate) -> String {
        switch grouping {
        case .month: return "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)"
        case .quarter:
            let offset = (date.month - yearStart + 12) % 12
            let startYear = date.month >= yearStart ? date.year : date.year - 1
            return "\(Self.financialYear(startYear, startingJanuary: yearStart == 1)) Q\(offset / 3 + 1)"
        }
    }

    /// Every bucket of the period in order, so empty months still show.
    public var buckets: [String] {
        var names: [String] = []
        var date = from
        while date <= to {
            let name = bucket(date)
            if names.last != name { names.append(name) }
            date = date.adding(days: 1)
        }
        return names
    }

    /// The same period `years` years earlier (29 February becomes 28 February).
    public func earlier(years: Int) -> ReportPeriod {
        // A period ending on the last day of a month ends on the last day of that month then.
        let end = to.adding(days: 1).day == 1 ? to.adding(days: 1).adding(years: -years).adding(days: -1) : to.adding(years: -years)
        return ReportPeriod(from: from.adding(years: -years), to: end, grouping: grouping, yearStart: yearStart)
    }

    /// `FROM:TO`, as `--compare-with` takes it.
    public static func parse(_ text: String, grouping: Grouping, yearStart: Int) throws(DateError) -> ReportPeriod? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let from = try LocalDate(iso: parts[0])
        let to = try LocalDate(iso: parts[1])
        guard from <= to else { return nil }
        return ReportPeriod(from: from, to: to, grouping: grouping, yearStart: yearStart)
    }
}
