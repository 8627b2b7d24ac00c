import RedressDiagnostics
import RedressEngine

/// The report as named tables of rows: one source for the text, CSV, JSON and HTML renderings, so
/// they can never disagree.
public struct ReportTable: Sendable {
    public var id: String
    public var title: String
    public var columns: [String]
    public var rows: [[String]]
}

extension ComplaintsReport {
    static func percent(_ part: Int, _ whole: Int) -> String {
        guard whole > 0 else { return "—" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func sortedCounts(_ counts: [String: Int]) -> [(String, Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }

    /// Every table of the report, in reading order.
    public var tables: [ReportTable] {
        var tables: [ReportTable] = []
        tables.append(
            ReportTable(
                id: "summary", title: "Summary", columns: ["measure", "value"],
                rows: [
                    ["complaints and feedback received in the period", String(cases)],
                    ["records outside the period (not counted)", String(outsidePeriod)],
                    ["records that could not be read or scheduled", String(failed)],
                    ["excluded (handled elsewhere)", String(exclusions.values.reduce(0, +))],
                    ["made out of time (flagged)", String(outOfTime)],
                    ["referred to the ombudsman", String(ombudsmanReferrals)],
                    ["extended beyond the maximum", String(extensionsBeyondMaximum)],
                    ["open on \(asOf)", String(openAtEnd)],
                    ["overdue on \(asOf)", String(overdueAtEnd)],
                    ["records due for deletion by \(asOf)", String(deletionDue)],
                ]))
        tables.append(
            ReportTable(
                id: "by-\(period.grouping.rawValue)", title: "Received by \(period.grouping.rawValue)", columns: [period.grouping.rawValue, "received"],
                rows: period.buckets.map { [$0, String(byBucket[$0] ?? 0)] }))
        for dimension in Dimension.allCases {
            tables.append(
                ReportTable(
                    id: "by-\(dimension.rawValue)", title: "Received by \(dimension.rawValue.replacingOccurrences(of: "_", with: " "))",
                    columns: [dimension.rawValue, "received", "share"],
                    rows: Self.sortedCounts(volumes[dimension] ?? [:]).map { [$0.0, String($0.1), Self.percent($0.1, cases)] }))
        }
        tables.append(
            ReportTable(
                id: "timeliness", title: "Timeliness by stage",
                columns: [
                    "stage", "runs", "acknowledged on time", "answered", "answered on time", "median working days", "90th percentile",
                    "late", "average days late", "extended", "paused", "repeats",
                ],
                rows: stageOrder.compactMap { key in
                    guard let s = stages[key] else { return nil }
                    return [
                        key, String(s.runs), "\(s.acknowledgedOnTime) of \(s.acknowledgementsDue) (\(Self.percent(s.acknowledgedOnTime, s.acknowledgementsDue)))",
                        String(s.answered), "\(s.answeredOnTime) (\(Self.percent(s.answeredOnTime, s.answered)))",
                        s.percentile(50).map(String.init) ?? "—", s.percentile(90).map(String.init) ?? "—", String(s.late),
                        s.late > 0 ? String(format1(Double(s.daysLate) / Double(s.late))) : "—", String(s.extended), String(s.paused), String(s.repeats),
                    ]
                }))
        tables.append(
            ReportTable(
                id: "escalation", title: "Escalation through the stages", columns: ["procedure", "stage", "cases reaching it", "share of Stage 1"],
                rows: reached.keys.sorted().flatMap { procedure -> [[String]] in
                    let counts = reached[procedure] ?? []
                    let first = counts.first ?? 0
                    return counts.enumerated().map { index, count in [procedure, "stage \(index + 1)", String(count), Self.percent(count, first)] }
                }))
        tables.append(
            ReportTable(
                id: "outcomes", title: "Outcomes of responses", columns: ["stage", "upheld", "partly upheld", "not upheld", "not recorded", "remedies"],
                rows: stageOrder.compactMap { key in
                    guard let s = stages[key], s.answered > 0 else { return nil }
                    let recorded = s.outcomes.values.reduce(0, +)
                    return [
                        key, String(s.outcomes[.upheld] ?? 0), String(s.outcomes[.partlyUpheld] ?? 0), String(s.outcomes[.notUpheld] ?? 0),
                        String(s.answered - recorded), String(s.remedies),
                    ]
                }))
        tables.append(
            ReportTable(
                id: "exclusions", title: "Exclusions by reason", columns: ["reason", "complaints"],
                rows: Self.sortedCounts(exclusions).map { [$0.0, String($0.1)] }))
        return tables
    }

    func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Text for a terminal: each table with aligned columns.
    public func text(title: String) -> String {
        var out = "\(title)\nComplaints received \(period.from) to \(period.to); position on \(asOf)\n"
        for table in tables {
            out += "\n\(table.title)\n"
            guard !table.rows.isEmpty else {
                out += "  none\n"
                continue
            }
            let widths = table.columns.indices.map { column in
                ([table.columns[column]] + table.rows.map { $0[column] }).map(\.count).max() ?? 0
            }
            let line = { (cells: [String]) in
                "  " + cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "\n"
            }
            out += line(table.columns)
            for row in table.rows { out += line(row) }
        }
        return out
    }

    /// CSV for a spreadsheet: one long table (`table, row, column, value`), RFC 4180, CRLF.
    public func csv() -> String {
        var out = DecisionEncoder.csvByteOrderMark + CSVRecordParser.csvLine(["table", "row", "column", "value"])
        for table in tables {
            for row in table.rows {
                for (index, column) in table.columns.enumerated().dropFirst() {
                    out += CSVRecordParser.csvLine([table.id, row[0], column, row[index]])
                }
            }
        }
        return out
    }

    /// JSON for dashboards: the period, and each table as a list of objects keyed by column.
    public func json() -> String {
        let tables = self.tables.map { table in
            JSONText.object([
                ("id", JSONText.quoted(table.id)), ("title", JSONText.quoted(table.title)),
                (
                    "rows",
                    JSONText.array(
                        table.rows.map { row in JSONText.object(zip(table.columns, row).map { ($0.0, JSONText.quoted($0.1)) }) })
                ),
            ])
        }
        return JSONText.object([
            ("from", JSONText.quoted("\(period.from)")), ("to", JSONText.quoted("\(period.to)")), ("as_of", JSONText.quoted("\(asOf)")),
            ("cases", String(cases)), ("tables", JSONText.array(tables)),
        ]) + "\n"
    }
}
