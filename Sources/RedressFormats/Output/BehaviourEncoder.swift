import RedressDiagnostics
import RedressEngine

/// Writes behaviour reports as JSON Lines, CSV or a readable table.
public struct BehaviourEncoder: Sendable {
    public let format: DecisionEncoder.Format
    public let table: TextTable

    public init(format: DecisionEncoder.Format, terminalWidth: Int? = nil, colour: Bool = false) {
        self.format = format
        self.table = TextTable(
            [
                .init("COMPLAINANT", preferred: 16, minimum: 8, priority: 5), .init("CONTACTS", preferred: 8, minimum: 8, priority: 4),
                .init("REVIEW BY", preferred: 10, minimum: 0, priority: 1), .init("CRITERIA MET (EVIDENCE LINES)", preferred: 40, minimum: 12, priority: 0),
            ], totalWidth: terminalWidth, colour: colour)
    }

    static let advice = "advice to staff: a person decides, under the policy's process; Redress restricts no one"

    /// The columns of CSV and spreadsheet output, declared once.
    public static let sheet = SheetLayout<BehaviourReport>(
        title: "Behaviour",
        columns: [
            .init("complainant", width: 16) { .text($0.complainant) }, .init("council", width: 16) { .text($0.councilID) },
            .init("version") { .text($0.versionID) }, .init("contacts") { .integer($0.contacts) },
            .init("criteria_met", width: 30) { .text($0.findings.map(\.criterion).joined(separator: ";")) },
            .init("evidence_lines", width: 20) {
                .text($0.findings.map { $0.evidence.map { String($0.line) }.joined(separator: " ") }.joined(separator: ";"))
            },
            .init("restriction_review_by") { .date($0.restrictions.last?.reviewBy) },
            .init("restriction_status") { .text($0.restrictions.last?.status) },
        ])

    public var header: String {
        switch format {
        case .jsonl: ""
        case .csv: Self.sheet.csvHeader
        case .table: table.header
        }
    }

    public func encode(_ report: BehaviourReport) -> String {
        switch format {
        case .jsonl: return json(report)
        case .csv: return Self.sheet.csvRow(report)
        case .table:
            let met = report.findings.map { "\($0.criterion) (\($0.evidence.map { String($0.line) }.joined(separator: ",")))" }
            let review = report.restrictions.last.map { "\($0.reviewBy?.description ?? "—")" } ?? "—"
            return table.row(
                [report.complainant, String(report.contacts), review, met.isEmpty ? "none" : met.joined(separator: "; ")],
                colours: met.isEmpty ? [:] : [3: .yellow])
        }
    }

    private func json(_ r: BehaviourReport) -> String {
        var w = ByteWriter(bytes: [])
        w.raw("{\"complainant\":")
        w.quoted(r.complainant)
        w.raw(",\"policy\":{\"council\":")
        w.quoted(r.councilID)
        w.raw(",\"version\":")
        w.quoted(r.versionID)
        w.raw("},\"contacts\":")
        w.raw(String(r.contacts))
        w.raw(",\"criteria_met\":[")
        for (index, finding) in r.findings.enumerated() {
            w.raw(index > 0 ? ",{\"criterion\":" : "{\"criterion\":")
            w.quoted(finding.criterion)
            w.raw(",\"text\":")
            w.quoted(finding.text)
            w.raw(",\"basis\":")
            w.quoted(finding.basis)
            w.raw(",\"source\":")
            w.quoted(finding.citation.map { ($0.isAssumed ? "assumed: " : "") + $0.text })
            w.raw(",\"evidence\":[")
            for (e, contact) in finding.evidence.enumerated() {
                w.raw(e > 0 ? ",{\"line\":" : "{\"line\":")
                w.raw(String(contact.line))
                w.raw(",\"on\":")
                w.date(contact.on)
                w.raw(",\"kind\":")
                w.quoted(contact.kind.rawValue)
                w.raw(",\"case\":")
                w.quoted(contact.caseID)
                if let officer = contact.officer {
                    w.raw(",\"officer\":")
                    w.quoted(officer)
                }
                if let route = contact.route {
                    w.raw(",\"route\":")
                    w.quoted(route)
                }
                w.raw("}")
            }
            w.raw("]}")
        }
        w.raw("],\"restrictions\":[")
        for (index, restriction) in r.restrictions.enumerated() {
            w.raw(index > 0 ? ",{\"decided_on\":" : "{\"decided_on\":")
            w.date(restriction.decidedOn)
            w.raw(",\"decided_by\":")
            w.quoted(restriction.decidedBy)
            w.raw(",\"criteria\":")
            w.strings(restriction.criteria)
            w.raw(",\"restriction\":")
            w.quoted(restriction.restriction)
            w.raw(",\"review_by\":")
            w.date(restriction.reviewBy)
            w.raw(",\"review_status\":")
            w.quoted(restriction.status)
            w.raw("}")
        }
        w.raw("],\"advice\":")
        w.quoted(Self.advice)
        w.raw("}\n")
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
