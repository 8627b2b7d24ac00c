import RedressDiagnostics

/// Writes decisions as JSON Lines, CSV or a readable table, one record at a time (streaming).
public struct DecisionEncoder: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv, table
    }

    public let format: Format

    public init(format: Format) {
        self.format = format
    }

    static let csvColumns = [
        "id", "council", "version", "type", "procedure", "stage", "excluded", "redirect", "deemed_received",
        "acknowledge_by", "respond_by", "in_time", "rule", "source", "flags",
    ]

    /// Text written before the first record (the CSV header, the table heading).
    public var header: String {
        switch format {
        case .jsonl: ""
        case .csv: Self.csvColumns.joined(separator: ",") + "\r\n"
        case .table: Self.tableRow(["ID", "PROCEDURE", "STAGE", "RECEIVED", "ACK BY", "RESPOND BY", "IN TIME", "RULE / REDIRECT"])
        }
    }

    public func encode(_ decision: Decision) -> String {
        switch format {
        case .jsonl: json(decision) + "\n"
        case .csv: csv(decision)
        case .table: table(decision)
        }
    }

    private func json(_ d: Decision) -> String {
        func string(_ value: String?) -> String { value.map(JSONText.quoted) ?? "null" }
        func date(_ value: CustomStringConvertible?) -> String { value.map { "\"\($0)\"" } ?? "null" }
        var out = "{\"id\":\(JSONText.quoted(d.id)),\"policy\":{\"council\":\(JSONText.quoted(d.councilID)),\"version\":\(JSONText.quoted(d.versionID))}"
        out += ",\"type\":\(JSONText.quoted(d.type)),\"procedure\":\(string(d.procedure)),\"stage\":\(string(d.stage))"
        out += ",\"excluded\":\(d.excluded),\"redirect\":\(string(d.redirect))"
        if d.excluded { out += ",\"exclusion_reason\":\(string(d.exclusionReason))" }
        out += ",\"deemed_received\":\(date(d.deemedReceived)),\"acknowledge_by\":\(date(d.acknowledgeBy)),\"respond_by\":\(date(d.respondBy))"
        out += ",\"in_time\":\(d.inTime),\"rule\":\(JSONText.quoted(d.rule)),\"source\":\(JSONText.quoted(d.source.description))"
        out += ",\"flags\":[" + d.flags.map(JSONText.quoted).joined(separator: ",") + "]"
        if let tried = d.tried {
            out += ",\"tried\":[" + tried.map {
                "{\"rule\":\(JSONText.quoted($0.rule)),\"source\":\(JSONText.quoted($0.source.description)),\"reason\":\(JSONText.quoted($0.reason))}"
            }.joined(separator: ",") + "]"
        }
        let reserved: Set<String> = ["policy", "procedure", "stage", "excluded", "redirect", "exclusion_reason", "deemed_received", "acknowledge_by", "respond_by", "in_time", "rule", "source", "flags", "tried"]
        for field in d.extra where !reserved.contains(field.name) {
            out += ",\(JSONText.quoted(field.name)):\(field.rawJSON)"
        }
        return out + "}"
    }

    private func csv(_ d: Decision) -> String {
        let values: [String] = [
            d.id, d.councilID, d.versionID, d.type, d.procedure ?? "", d.stage ?? "", String(d.excluded), d.redirect ?? "",
            d.deemedReceived.description, d.acknowledgeBy?.description ?? "", d.respondBy?.description ?? "", String(d.inTime),
            d.rule, d.source.description, d.flags.joined(separator: ";"),
        ]
        return values.map(CSVRecordParser.quote).joined(separator: ",") + "\r\n"
    }

    private func table(_ d: Decision) -> String {
        var row = Self.tableRow([
            d.id, d.procedure ?? (d.excluded ? "excluded" : "—"), d.stage ?? "—", d.deemedReceived.description,
            d.acknowledgeBy?.description ?? "—", d.respondBy?.description ?? "—", d.inTime ? "yes" : "NO",
            d.excluded ? "→ " + (d.redirect ?? d.exclusionReason ?? "") : d.rule,
        ])
        if !d.flags.isEmpty { row += String(repeating: " ", count: 12) + "flags: " + d.flags.joined(separator: ", ") + "\n" }
        for trace in d.tried ?? [] { row += "            tried \(trace.rule) (\(trace.source)): \(trace.reason)\n" }
        return row
    }

    static func tableRow(_ cells: [String]) -> String {
        let widths = [12, 20, 16, 11, 11, 11, 8]
        var line = ""
        for (index, cell) in cells.enumerated() {
            if index < widths.count {
                let clipped = cell.count > widths[index] - 1 ? String(cell.prefix(widths[index] - 2)) + "…" : cell
                line += clipped + String(repeating: " ", count: max(1, widths[index] - clipped.count))
            } else {
                line += cell
            }
        }
        return line + "\n"
    }
}

/// Writes failed records as JSON Lines: `{"line":7,"id":"C-7","error":"…"}`.
public enum RecordFailureEncoder {
    public static func encode(_ failure: RecordFailure) -> String {
        "{\"line\":\(failure.line),\"id\":\(failure.id.map(JSONText.quoted) ?? "null"),\"error\":\(JSONText.quoted(failure.message))}\n"
    }
}
