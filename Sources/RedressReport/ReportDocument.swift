/// A row of a table across the periods compared: the figures of each period (nil where the row
/// has none in that period, shown as nothing), the report's own period first.
public struct ComparedRow: Sendable {
    public var key: String
    public var label: String
    public var values: [[ReportValue]?]

    /// The change from the first earlier period to the report's own, column by column.
    public var changes: [String]? {
        guard values.count > 1, let now = values[0] else { return nil }
        guard let then = values[1] else { return now.map { _ in "new" } }
        return zip(now, then).map { $0.change(from: $1) }
    }
}

/// A table across the periods compared.
public struct ComparedTable: Sendable {
    public var id: String
    public var title: String
    public var rowHeader: String
    public var columns: [String]
    public var rows: [ComparedRow]
    public var comparable: Bool
}

/// One point of a complaint handling code, assessed against the policy in words.
public struct AssessmentPoint: Sendable {
    /// What the code asks.
    public var asks: String
    public var procedure: String
    /// What the policy says.
    public var policySays: String
    /// `meets`, `stricter`, `looser` or `not stated`.
    public var verdict: String
    /// `path:line` of what the policy says (empty when it says nothing).
    public var line: String

    public init(asks: String, procedure: String, policySays: String, verdict: String, line: String) {
        self.asks = asks
        self.procedure = procedure
        self.policySays = policySays
        self.verdict = verdict
        self.line = line
    }
}

/// The whole report as a committee receives it: the report's own period and any earlier ones
/// side by side, with the policy's names, a summary in words, and the code self-assessment. Every
/// format (text, HTML, CSV, JSON, xlsx) renders this one value, so they cannot disagree.
public struct ReportDocument: Sendable {
    public var title: String
    /// The report's own period first, then the periods it is compared with.
    public var reports: [ComplaintsReport]
    public var labels: ReportLabels
    /// Homes owned, for the landlord measures (per 1,000 homes); nil leaves them out.
    public var homes: Int?
    public var codeTitle: String?
    public var assessment: [AssessmentPoint]
    /// The ombudsman's annual review letter for the report's own period, when given.
    public var letter: OmbudsmanLetter?

    public init(
        title: String, reports: [ComplaintsReport], labels: ReportLabels, homes: Int? = nil, codeTitle: String? = nil, assessment: [AssessmentPoint] = [],
        letter: OmbudsmanLetter? = nil
    ) {
        self.letter = letter
        self.title = title
        self.reports = reports
        self.labels = labels
        self.homes = homes
        self.codeTitle = codeTitle
        self.assessment = assessment
    }

    public var current: ComplaintsReport { reports[0] }
    public var periods: [ReportPeriod] { reports.map(\.period) }
    public var periodLabels: [String] { periods.map(\.label) }
    public var isComparison: Bool { reports.count > 1 }

    /// Each table with every period's rows joined by key: the report's own rows in its order, then
    /// rows only earlier periods have (a service that had complaints last year and none this year).
    public var tables: [ComparedTable] {
        var each = reports.map { $0.tables(labels: labels, homes: homes) }
        if let letter, let index = each[0].firstIndex(where: { $0.id == "ombudsman" }) {
            each[0].insert(letterTable(letter), at: index + 1)
        }
        return each[0].enumerated().map { index, table in
            guard table.comparable else {
                // A list (remedies and learning): the report's own rows, every one, as they are.
                let rows = table.rows.map { ComparedRow(key: $0.key, label: $0.label, values: [$0.values]) }
                return ComparedTable(id: table.id, title: table.title, rowHeader: table.rowHeader, columns: table.columns, rows: rows, comparable: false)
            }
            let periods = [table] + each.dropFirst().map { $0.count > index && $0[index].id == table.id ? $0[index] : nil }
            var keys: [String] = []
            var labels: [String: String] = [:]
            var values = periods.map { _ in [String: [ReportValue]]() }
            for (period, rows) in periods.enumerated() {
                for row in rows?.rows ?? [] where values[period][row.key] == nil {
                    values[period][row.key] = row.values
                    if labels[row.key] == nil {
                        keys.append(row.key)
                        labels[row.key] = row.label
                    }
                }
            }
            let rows = keys.map { key in ComparedRow(key: key, label: labels[key] ?? key, values: values.map { $0[key] }) }
            return ComparedTable(id: table.id, title: table.title, rowHeader: table.rowHeader, columns: table.columns, rows: rows, comparable: true)
        }
    }
}
