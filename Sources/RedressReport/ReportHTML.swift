import RedressDiagnostics

extension ReportDocument {
    /// Tables with more columns than fit across A4 portrait print on a landscape page of their own.
    static let portraitColumns = 6

    /// A self-contained page a committee can print: no script, no font or image from the network;
    /// charts drawn as inline SVG; on A4 every column is kept (cells wrap; wide tables turn
    /// landscape); a row never splits across pages.
    public func html() -> String {
        var out = """
            <!doctype html>
            <html lang="en-GB"><head><meta charset="utf-8"><title>\(HTMLText.escaped(title))</title>
            <style>
            @page { size: A4 portrait; margin: 14mm; }
            @page wide { size: A4 landscape; margin: 12mm; }
            body { font: 11pt/1.4 Arial, Helvetica, sans-serif; color: #0b0c0c; max-width: 182mm; margin: 1em auto; }
            h1 { font-size: 17pt; } h2 { font-size: 13pt; margin-top: 1.4em; break-after: avoid; }
            section.wide { page: wide; max-width: 270mm; }
            table { border-collapse: collapse; width: 100%; font-size: 9pt; table-layout: auto; }
            th, td { border: 1px solid #b1b4b6; padding: 2px 4px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
            thead th { background: #f3f2f1; } tr { break-inside: avoid; } thead { display: table-header-group; }
            td.n { text-align: right; white-space: nowrap; } tr.change td, tr.change th { color: #505a5f; font-style: italic; }
            tr.first th, tr.first td { border-top: 2px solid #505a5f; }
            figure { margin: 1em 0; break-inside: avoid; } figcaption { font-size: 9pt; color: #505a5f; }
            p.summary { font-size: 12pt; } td.p { white-space: nowrap; }
            @media print { body { max-width: none; margin: 0; } }
            </style></head><body>
            <h1>\(HTMLText.escaped(title))</h1>
            <p>\(HTMLText.escaped(scope)). Figures computed by Redress from the case histories, by the policy's own rules.</p>
            <h2>Summary</h2>
            <p class="summary">\(HTMLText.escaped(summary.joined(separator: " ")))</p>

            """
        out += "<figure>" + bucketChart() + "<figcaption>Complaints received by \(current.period.grouping.rawValue)"
            + (isComparison ? ", \(HTMLText.escaped(periodLabels[0])) (dark) and \(HTMLText.escaped(periodLabels[1])) (light)" : "") + ".</figcaption></figure>\n"
        out += "<figure>" + onTimeChart() + "<figcaption>Share of responses answered on time, by stage"
            + (isComparison ? ", \(HTMLText.escaped(periodLabels[0])) (dark) and \(HTMLText.escaped(periodLabels[1])) (light)" : "") + ".</figcaption></figure>\n"
        for table in tables { out += section(table) }
        if !assessment.isEmpty { out += assessmentSection() }
        return out + "</body></html>\n"
    }

    func section(_ table: ComparedTable) -> String {
        let header = displayHeader(table)
        var out = header.count > Self.portraitColumns ? "<section class=\"wide\">" : "<section>"
        out += "<h2 id=\"\(HTMLText.escaped(table.id))\">\(HTMLText.escaped(table.title))</h2>\n"
        guard !table.rows.isEmpty else { return out + "<p>None.</p></section>\n" }
        out += "<table><thead><tr>" + header.map { "<th scope=\"col\">\(HTMLText.escaped($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        let textColumns = isComparison && table.comparable ? 2 : 1
        for cells in displayRows(table) {
            let kind = cells.count > 1 && cells[1] == "change" && textColumns == 2 ? " class=\"change\"" : !cells[0].isEmpty && textColumns == 2 ? " class=\"first\"" : ""
            out += "<tr\(kind)>" + cells.enumerated().map { index, cell in
                index == 0 ? "<th scope=\"row\">\(HTMLText.escaped(cell))</th>"
                    : index < textColumns ? "<td class=\"p\">\(HTMLText.escaped(cell))</td>"
                    : table.id == "learning" ? "<td>\(HTMLText.escaped(cell))</td>" : "<td class=\"n\">\(HTMLText.escaped(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    func assessmentSection() -> String {
        var out = "<section class=\"wide\"><h2 id=\"code\">Self-assessment against \(HTMLText.escaped(codeTitle ?? "the code"))</h2>\n"
        out += "<table><thead><tr><th scope=\"col\">What the code asks</th><th scope=\"col\">Procedure</th><th scope=\"col\">What the policy says</th>"
            + "<th scope=\"col\">Assessment</th><th scope=\"col\">Where</th></tr></thead><tbody>\n"
        for point in assessment {
            out += "<tr><th scope=\"row\">\(HTMLText.escaped(point.asks))</th><td>\(HTMLText.escaped(point.procedure))</td><td>\(HTMLText.escaped(point.policySays))</td>"
                + "<td>\(HTMLText.escaped(point.verdict))</td><td>\(HTMLText.escaped(point.line))</td></tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    /// Vertical bars, one per month or quarter, with the count above each; an earlier period's
    /// bar (lighter) beside each when comparing.
    func bucketChart() -> String {
        let series = reports.prefix(2).map { report in report.period.buckets.map { report.byBucket[$0] ?? 0 } }
        let buckets = current.period.buckets
        let peak = max(1, series.flatMap { $0 }.max() ?? 1)
        let width = 640
        let height = 220
        let slot = Double(width - 40) / Double(max(1, buckets.count))
        let bar = slot * 0.7 / Double(series.count)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Complaints received by \(current.period.grouping.rawValue)\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\">"
        svg += "<line x1=\"30\" y1=\"\(height - 30)\" x2=\"\(width - 5)\" y2=\"\(height - 30)\" stroke=\"#505a5f\"/>"
        for (index, bucket) in buckets.enumerated() {
            let x = 35 + Double(index) * slot
            for (which, values) in series.enumerated() {
                let value = index < values.count ? values[index] : 0
                let barHeight = Double(height - 60) * Double(value) / Double(peak)
                let left = x + Double(which) * bar
                let y = Double(height - 30) - barHeight
                svg += "<rect x=\"\(Int(left))\" y=\"\(Int(y))\" width=\"\(max(2, Int(bar)))\" height=\"\(Int(barHeight))\" fill=\"\(which == 0 ? "#1d70b8" : "#9ec5e8")\">"
                    + "<title>\(HTMLText.escaped(periodLabels[which])) \(which == 0 ? HTMLText.escaped(bucket) : ""): \(value)</title></rect>"
                svg += "<text x=\"\(Int(left + bar / 2))\" y=\"\(Int(y) - 4)\" font-size=\"10\" text-anchor=\"middle\">\(value)</text>"
            }
            svg += "<text x=\"\(Int(x + slot * 0.35))\" y=\"\(height - 14)\" font-size=\"10\" text-anchor=\"middle\">\(HTMLText.escaped(bucket))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars of the on-time share of answers, one per stage (and per period compared).
    func onTimeChart() -> String {
        let rows = current.stageOrder.compactMap { key -> (String, [(Int, Int)])? in
            guard let figures = current.stages[key], figures.answered > 0 else { return nil }
            let earlier = reports.dropFirst().prefix(1).map { report in
                report.stages[key].map { ($0.answeredOnTime, $0.answered) } ?? (0, 0)
            }
            return (labels.stage(key.procedure, key.stage), [(figures.answeredOnTime, figures.answered)] + earlier)
        }
        let width = 640
        let rowHeight = isComparison ? 38 : 26
        let height = max(40, rowHeight * rows.count + 20)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Answered on time by stage\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\">"
        if rows.isEmpty { svg += "<text x=\"10\" y=\"24\" font-size=\"12\">No responses in the period.</text>" }
        for (index, row) in rows.enumerated() {
            let y = 10 + index * rowHeight
            svg += "<text x=\"0\" y=\"\(y + 13)\" font-size=\"10\">\(HTMLText.escaped(row.0))</text>"
            for (which, figure) in row.1.enumerated() {
                let top = y + which * 16
                let share = figure.1 > 0 ? Double(figure.0) / Double(figure.1) : 0
                svg += "<rect x=\"300\" y=\"\(top)\" width=\"260\" height=\"14\" fill=\"#f3f2f1\"/>"
                svg += "<rect x=\"300\" y=\"\(top)\" width=\"\(Int(260 * share))\" height=\"14\" fill=\"\(which == 0 ? "#00703c" : "#85c99e")\">"
                    + "<title>\(HTMLText.escaped(periodLabels[which])): \(figure.0) of \(figure.1)</title></rect>"
                svg += "<text x=\"566\" y=\"\(top + 11)\" font-size=\"10\">\(ReportValue.percent(figure.0, figure.1))</text>"
            }
        }
        return svg + "</svg>"
    }
}
