import Foundation
import RedressDiagnostics
import RedressYAML

/// The figures of an ombudsman's annual review letter (the LGSCO's and the Housing Ombudsman's
/// letters to each council), given to `report --ombudsman-letter` as a small YAML file:
///
/// ```yaml
/// redress-ombudsman-letter: 1
/// ombudsman: lgsco
/// year: 2024/25
/// source: "LGSCO annual review letter 2025"
/// decided: 12            # complaints decided after investigation
/// upheld: 8
/// recommendations: 6     # remedies the ombudsman recommended
/// complied: 6            # recommendations the council complied with
/// remedied_before: 2     # upheld cases where the council had already put things right
/// ```
public struct OmbudsmanLetter: Sendable {
    public var ombudsman: String
    public var year: String
    public var source: String
    public var decided: Int
    public var upheld: Int
    public var recommendations: Int?
    public var complied: Int?
    public var remediedBefore: Int?

    static let keys = ["redress-ombudsman-letter", "ombudsman", "year", "source", "decided", "upheld", "recommendations", "complied", "remedied_before"]

    public static func load(path: String) throws(DiagnosticList) -> OmbudsmanLetter {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList(.error(.letterUnreadable, "cannot read the ombudsman letter file", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1))))
        }
        let document = try YAMLLoader().load(Array(data), path: path)
        var diagnostics: [Diagnostic] = []
        guard let root = document.root?.expectMapping("an ombudsman letter file", &diagnostics) else {
            throw DiagnosticList(diagnostics, sources: SourceFiles([document.source]))
        }
        root.checkKeys(
            known: keys, required: ["redress-ombudsman-letter", "ombudsman", "year", "source", "decided", "upheld"], in: "an ombudsman letter file",
            &diagnostics)
        func number(_ key: String) -> Int? {
            root[key]?.expectText("`\(key)`", &diagnostics)?.expectInteger("`\(key)`", in: 0...1_000_000, &diagnostics)
        }
        func text(_ key: String) -> String? { root[key]?.expectText("`\(key)`", &diagnostics)?.text }
        let letter = OmbudsmanLetter(
            ombudsman: text("ombudsman") ?? "", year: text("year") ?? "", source: text("source") ?? "", decided: number("decided") ?? 0,
            upheld: number("upheld") ?? 0, recommendations: number("recommendations"), complied: number("complied"), remediedBefore: number("remedied_before"))
        for (part, whole) in [("upheld", "decided"), ("complied", "recommendations"), ("remedied_before", "upheld")] {
            guard let partNode = root[part], let wholeNode = root[whole], let partValue = Int(partNode.scalar?.text ?? ""),
                let wholeValue = Int(wholeNode.scalar?.text ?? ""), partValue > wholeValue
            else { continue }
            diagnostics.append(
                .error(
                    .letterInconsistent, "`\(part)` (\(partValue)) is more than `\(whole)` (\(wholeValue))", at: partNode.range,
                    help: "check the figures against the letter", related: [RelatedLocation("`\(whole)` given here", at: wholeNode.range)]))
        }
        if root["recommendations"] == nil, let node = root["complied"] {
            diagnostics.append(
                .error(.schemaMissingKey, "`complied` needs `recommendations`", at: node.range, help: "add the number of recommendations the ombudsman made"))
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics, sources: SourceFiles([document.source])) }
        return letter
    }
}

extension ReportDocument {
    /// The letter's figures as a table (the report's own period only).
    func letterTable(_ letter: OmbudsmanLetter) -> ReportTable {
        var rows = [
            ReportRow(key: "decided", label: "Complaints the ombudsman decided after investigation", values: [.count(letter.decided)]),
            ReportRow(key: "upheld", label: "Upheld", values: [.share(letter.upheld, of: letter.decided, showWhole: true)]),
        ]
        if let recommendations = letter.recommendations {
            rows.append(ReportRow(key: "recommendations", label: "Remedies recommended", values: [.count(recommendations)]))
            if let complied = letter.complied {
                rows.append(ReportRow(key: "complied", label: "Recommendations complied with", values: [.share(complied, of: recommendations, showWhole: true)]))
            }
        }
        if let before = letter.remediedBefore {
            rows.append(ReportRow(key: "remedied-before", label: "Upheld where the council had already put things right", values: [.share(before, of: letter.upheld, showWhole: true)]))
        }
        var table = ReportTable(
            id: "ombudsman-letter", title: "\(labels.ombudsman(letter.ombudsman)): annual review letter \(letter.year) (\(letter.source))", rowHeader: "Measure",
            columns: ["Value"], rows: rows)
        table.comparable = false
        return table
    }
}
