import RedressEngine
import RedressFormats

extension ReportDocument {
    /// One row of a report sheet, its cells already typed.
    struct SheetRow: Sendable {
        var cells: [SheetCell]
    }

    /// An Excel workbook for an analyst: a sheet per table (the summary in words first), named
    /// columns, counts as numbers, shares as percentages beside their counts, working days with
    /// one decimal; one row per row and period, with the period in its own column.
    public func writeWorkbook(to path: String) throws(XLSXWorkbook.Failure) {
        let workbook = try XLSXWorkbook(path: path)
        do {
            let summaryLayout = SheetLayout<SheetRow>(title: "Summary", columns: [SheetColumn("Summary", width: 120) { $0.cells[0] }])
            let summarySheet = try workbook.addSheet(summaryLayout)
            for sentence in [title, scope] + summary {
                try workbook.append(SheetRow(cells: [.text(sentence)]), layout: summaryLayout, sheet: summarySheet)
            }
            for table in tables {
                let kinds = Self.columnKinds(table)
                var columns: [SheetColumn<SheetRow>] = [SheetColumn("Key", width: 24) { $0.cells[0] }, SheetColumn(table.rowHeader, width: 40) { $0.cells[1] }]
                columns.append(SheetColumn("Period", width: 22) { $0.cells[2] })
                var next = 3
                for (name, kind) in zip(table.columns, kinds) {
                    let first = next
                    if kind == .share {
                        columns.append(SheetColumn(name, width: 12) { $0.cells[first] })
                        columns.append(SheetColumn("\(name) (of)", width: 10) { $0.cells[first + 1] })
                        columns.append(SheetColumn("\(name) %", width: 10) { $0.cells[first + 2] })
                        next += 3
                    } else {
                        columns.append(SheetColumn(name, width: kind == .text ? 40 : 12) { $0.cells[first] })
                        next += 1
                    }
                }
                let layout = SheetLayout<SheetRow>(title: table.title, columns: columns)
                let sheet = try workbook.addSheet(layout)
                for row in table.rows {
                    for (index, values) in row.values.enumerated() {
                        guard let values else { continue }
                        var cells: [SheetCell] = [.text(row.key), .text(row.label), .text(periodLabels[index])]
                        for (value, kind) in zip(values, kinds) { cells += Self.cells(value, kind: kind) }
                        try workbook.append(SheetRow(cells: cells), layout: layout, sheet: sheet)
                    }
                }
            }
            try workbook.close()
        } catch {
            workbook.abandon()
            throw error
        }
    }

    enum ColumnKind { case number, share, text }

    /// A column is a share column when any of its values is a share, so every row has the same cells.
    static func columnKinds(_ table: ComparedTable) -> [ColumnKind] {
        table.columns.indices.map { column in
            var kind = ColumnKind.number
            for row in table.rows {
                for values in row.values.compactMap({ $0 }) where column < values.count {
                    switch values[column] {
                    case .share, .rate: kind = .share
                    case .text where kind != .share: kind = .text
                    default: break
                    }
                }
            }
            return kind
        }
    }

    static func cells(_ value: ReportValue, kind: ColumnKind) -> [SheetCell] {
        switch (value, kind) {
        case (.share(let part, let whole, _), .share), (.rate(let part, let whole), .share):
            return [.integer(part), .integer(whole), value.fraction.map(SheetCell.percent) ?? .empty]
        case (_, .share): return [value.number.map { .decimal($0) } ?? .text(value.display), .empty, .empty]
        case (.count(let n), _): return [.integer(n)]
        case (.money(let pence), _): return [.money(pence: pence)]
        case (.days, _), (.perThousand, _): return [value.number.map(SheetCell.decimal) ?? .empty]
        default: return [.text(value.display)]
        }
    }
}
