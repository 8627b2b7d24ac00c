extension ComplaintsReport {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A self-contained page: no script, no font or image from the network; charts drawn as inline
    /// SVG by Redress; prints on A4.
    public func html(title: String, annex: [String] = []) -> String {
        var out = """
            <!doctype html>
            <html lang="en-GB"><head><meta charset="utf-8"><title>\(Self.escape(title))</title>
            <style>
            @page { size: A4; margin: 15mm; }
            body { font: 11pt/1.4 Arial, Helvetica, sans-serif; color: #1b1b1b; max-width: 180mm; margin: 1em auto; }
            h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.5em; break-after: avoid; }
            table { border-collapse: collapse; width: 100%; font-size: 9.5pt; break-inside: avoid; }
            th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: left; } th { background: #eef1f6; }
            td.n { text-align: right; } figure { margin: 1em 0; break-inside: avoid; } figcaption { font-size: 9pt; color: #444; }
            </style></head><body>
            <h1>\(Self.escape(title))</h1>
            <p>Complaints received \(period.from) to \(period.to); position on \(asOf). Figures computed by Redress from the case histories, by the policy's own rules.</p>

            """
        out += "<figure>" + bucketChart() + "<figcaption>Complaints and feedback received by \(period.grouping.rawValue).</figcaption></figure>\n"
        out += "<figure>" + onTimeChart() + "<figcaption>Share of responses answered on time, by stage.</figcaption></figure>\n"
        for table in tables {
            out += "<h2>\(Self.escape(table.title))</h2>\n"
            guard !table.rows.isEmpty else {
                out += "<p>None.</p>\n"
                continue
            }
            out += "<table><thead><tr>" + table.columns.map { "<th scope=\"col\">\(Self.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for row in table.rows {
                out += "<tr>" + row.enumerated().map { index, cell in
                    index == 0 ? "<th scope=\"row\">\(Self.escape(cell))</th>" : "<td class=\"n\">\(Self.escape(cell))</td>"
                }.joined() + "</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        if !annex.isEmpty {
            out += "<h2>Annex: self-assessment against the code</h2>\n<ul>\n" + annex.map { "<li>\(Self.escape($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
        }
        return out + "</body></html>\n"
    }

    /// Vertical bars, one per month or quarter, with the count above each.
    func bucketChart() -> String {
        let buckets = period.buckets
        let values = buckets.map { byBucket[$0] ?? 0 }
        let peak = max(1, values.max() ?? 1)
        let width = 640
        let height = 220
        let slot = Double(width - 40) / Double(max(1, buckets.count))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Received by \(period.grouping.rawValue)\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\">"
        svg += "<line x1=\"30\" y1=\"\(height - 30)\" x2=\"\(width - 5)\" y2=\"\(height - 30)\" stroke=\"#555\"/>"
        for (index, value) in values.enumerated() {
            let barHeight = Double(height - 60) * Double(value) / Double(peak)
            let x = 35 + Double(index) * slot
            let y = Double(height - 30) - barHeight
            svg += "<rect x=\"\(Int(x))\" y=\"\(Int(y))\" width=\"\(max(2, Int(slot * 0.7)))\" height=\"\(Int(barHeight))\" fill=\"#1d4ed8\"><title>\(buckets[index]): \(value)</title></rect>"
            svg += "<text x=\"\(Int(x + slot * 0.35))\" y=\"\(Int(y) - 4)\" font-size=\"11\" text-anchor=\"middle\">\(value)</text>"
            svg += "<text x=\"\(Int(x + slot * 0.35))\" y=\"\(height - 14)\" font-size=\"10\" text-anchor=\"middle\">\(Self.escape(buckets[index]))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars of the on-time share of answers, one per stage.
    func onTimeChart() -> String {
        let rows = stageOrder.compactMap { key -> (String, Int, Int)? in
            guard let figures = stages[key], figures.answered > 0 else { return nil }
            return (key, figures.answeredOnTime, figures.answered)
        }
        let width = 640
        let height = max(40, 26 * rows.count + 20)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Answered on time by stage\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\">"
        if rows.isEmpty { svg += "<text x=\"10\" y=\"24\" font-size=\"12\">No responses in the period.</text>" }
        for (index, row) in rows.enumerated() {
            let y = 10 + index * 26
            let share = Double(row.1) / Double(row.2)
            svg += "<text x=\"0\" y=\"\(y + 14)\" font-size=\"11\">\(Self.escape(row.0))</text>"
            svg += "<rect x=\"260\" y=\"\(y)\" width=\"300\" height=\"18\" fill=\"#e5e7eb\"/>"
            svg += "<rect x=\"260\" y=\"\(y)\" width=\"\(Int(300 * share))\" height=\"18\" fill=\"#15803d\"><title>\(row.1) of \(row.2)</title></rect>"
            svg += "<text x=\"568\" y=\"\(y + 14)\" font-size=\"11\">\(Self.percent(row.1, row.2))</text>"
        }
        return svg + "</svg>"
    }
}
