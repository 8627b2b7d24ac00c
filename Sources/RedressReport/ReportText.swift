import RedressDiagnostics
import RedressEngine
import RedressFormats

extension ReportDocument {
    /// `Complaints received 2025-01-01 to 2025-03-31 (compared with …); position on 2025-03-31`.
    var scope: String {
        let own = current.period
        var text = "Complaints received \(own.from) to \(own.to)"
        if isComparison { text += " (compared with " + reports.dropFirst().map { "\($0.period.from) to \($0.period.to)" }.joined(separator: "; ") + ")" }
        return text + "; position on \(current.asOf)"
    }

    /// The rows a table shows: per row, one line per period (the period named when comparing) and
    /// a change line against the first earlier period.
    func displayRows(_ table: ComparedTable) -> [[String]] {
        var lines: [[String]] = []
        for row in table.rows {
            guard isComparison, table.comparable else {
                lines.append([row.label] + (row.values[0]?.map(\.display) ?? table.columns.map { _ in "" }))
                continue
            }
            for (index, values) in row.values.enumerated() {
                lines.append([index == 0 ? row.label : "", periodLabels[index]] + (values?.map(\.display) ?? table.columns.map { _ in "–" }))
            }
            if let changes = row.changes { lines.append(["", "change"] + changes) }
        }
        return lines
    }

    func displayHeader(_ table: ComparedTable) -> [String] {
        [table.rowHeader] + (isComparison && table.comparable ? ["Period"] : []) + table.columns
    }

    /// Text for a terminal: the summary in words, then each table with aligned columns.
    public func text() -> String {
        var out = "\(title)\n\(scope)\n\nSummary\n"
        out += WordWrap.lines(summary.joined(separator: " "), width: 98).map { "  \($0)\n" }.joined()
        for table in tables {
            out += "\n\(table.title)\n"
            guard !table.rows.isEmpty else {
                out += "  none\n"
                continue
            }
            let header = displayHeader(table)
            let lines = displayRows(table)
            let widths = header.indices.map { column in ([header[column]] + lines.map { $0[column] }).map(\.count).max() ?? 0 }
            let line = { (cells: [String]) in
                "  " + cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "\n"
            }
            out += line(header)
            for cells in lines { out += line(cells) }
        }
        if !assessment.isEmpty {
            out += "\nSelf-assessment against \(codeTitle ?? "the code")\n"
            for point in assessment {
                out += "  \(point.verdict): \(point.asks) (\(point.procedure))\n    the policy: \(point.policySays)\(point.line.isEmpty ? "" : " [\(point.line)]")\n"
            }
        }
        return out
    }

    /// CSV for a spreadsheet: one long table, one figure per line, keyed by ids and the period so
    /// two reports' lines join: `table, row, label, column, period, value, of, percent`
    /// (`value` is the count, days or text; `of` and `percent` are filled for shares). RFC 4180, CRLF.
    public func csv() -> String {
        var out = DecisionEncoder.csvByteOrderMark + CSVRecordParser.csvLine(["table", "row", "label", "column", "period", "value", "of", "percent"])
        for table in tables {
            for row in table.rows {
                for (index, values) in row.values.enumerated() {
                    guard let values else { continue }
                    for (column, value) in zip(table.columns, values) {
                        out += CSVRecordParser.csvLine([table.id, row.key, row.label, column, periodLabels[index]] + Self.csvParts(value))
                    }
                }
            }
        }
        return out
    }

    static func csvParts(_ value: ReportValue) -> [String] {
        switch value {
        case .count(let n): [String(n), "", ""]
        case .share(let part, let whole, _), .rate(let part, let whole): [String(part), String(whole), whole > 0 ? ReportValue.tenths(Double(part) * 100 / Double(whole)) : ""]
        case .days(let days): [days.map { ReportValue.tenths($0) } ?? "", "", ""]
        case .perThousand(_, let whole): [value.number.map { ReportValue.tenths($0) } ?? "", String(whole), ""]
        case .money(let pence): [Money(pence: pence).description, "", ""]
        case .text(let text): [text, "", ""]
        }
    }

    /// JSON for dashboards: the periods, the summary, and each table's rows with each period's
    /// figures typed (a count is a number; a share is `{count, of, percent}`).
    public func json() -> String {
        let tables = self.tables.map { table in
            JSONText.object([
                ("id", JSONText.quoted(table.id)), ("title", JSONText.quoted(table.title)), ("row_header", JSONText.quoted(table.rowHeader)),
                ("columns", JSONText.array(table.columns.map(JSONText.quoted))),
                (
                    "rows",
                    JSONText.array(
                        table.rows.map { row in
                            JSONText.object([
                                ("key", JSONText.quoted(row.key)), ("label", JSONText.quoted(row.label)),
                                (
                                    "periods",
                                    JSONText.object(
                                        row.values.enumerated().map { index, values in
                                            (periodLabels[index], values.map { JSONText.object(zip(table.columns, $0).map { ($0.0, Self.json($0.1)) }) } ?? "null")
                                        })
                                ),
                                ("change", row.changes.map { JSONText.object(zip(table.columns, $0).map { ($0.0, JSONText.quoted($0.1)) }) }),
                            ])
                        })
                ),
            ])
        }
        let periods = reports.map { report in
            JSONText.object([
                ("label", JSONText.quoted(report.period.label)), ("from", JSONText.quoted("\(report.period.from)")),
                ("to", JSONText.quoted("\(report.period.to)")), ("as_of", JSONText.quoted("\(report.asOf)")), ("complaints", String(report.complaints)),
            ])
        }
        let assessment = self.assessment.map { point in
            JSONText.object([
                ("asks", JSONText.quoted(point.asks)), ("procedure", JSONText.quoted(point.procedure)), ("policy_says", JSONText.quoted(point.policySays)),
                ("verdict", JSONText.quoted(point.verdict)), ("line", JSONText.quoted(point.line)),
            ])
        }
        return JSONText.object([
            ("title", JSONText.quoted(title)), ("periods", JSONText.array(periods)), ("summary", JSONText.array(summary.map(JSONText.quoted))),
            ("tables", JSONText.array(tables)), ("assessment", JSONText.array(assessment)),
        ]) + "\n"
    }

    static func json(_ value: ReportValue) -> String {
        switch value {
        case .count(let n): String(n)
        case .share(let part, let whole, _), .rate(let part, let whole):
            JSONText.object([("count", String(part)), ("of", String(whole)), ("percent", whole > 0 ? ReportValue.tenths(Double(part) * 100 / Double(whole)) : "null")])
        case .days(let days): days.map { ReportValue.tenths($0) } ?? "null"
        case .perThousand: value.number.map { ReportValue.tenths($0) } ?? "null"
        case .money(let pence): Money(pence: pence).description
        case .text(let text): JSONText.quoted(text)
        }
    }
}
