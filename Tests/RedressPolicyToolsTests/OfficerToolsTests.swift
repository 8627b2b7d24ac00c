import Foundation
import RedressEngine
import RedressPolicy
import Testing

@testable import RedressPolicyTools

@Suite("Officer tools")
struct OfficerToolsTests {
    static func load(_ path: String) throws -> LoadedPolicy {
        try PolicyLoader(library: Bundled.library).loadChecked(path: Bundled.policies.appendingPathComponent(path).path)
    }

    @Test("diff Derby 2014 → 2019: SEND timescale, Stage 2 renaming, adult social care, social media")
    func derbyDiff() throws {
        let old = try Self.load("councils/derby/2014.yaml")
        let new = try Self.load("councils/derby/2019.yaml")
        let changes = PolicyDiff.changes(from: old.policy, to: new.policy).map(\.description)
        #expect(changes.contains { $0.hasPrefix("new procedure `send`") && $0.contains("stage-1 respond 20 working days") })
        #expect(changes.contains { $0.contains("renamed `appeal` (Appeal) → `stage-2`") })
        // Adult social care was under the 2009 Regulations in both versions: only the 2014 text's silence differs.
        #expect(!changes.contains { $0.contains("procedure `corporate` → procedure `adults-statutory`") })
        #expect(changes.contains { $0.hasPrefix("rule `social-media`: excluded") })
        let all = PolicyDiff.changes(from: old.policy, to: new.policy)
        #expect(all.allSatisfy { $0.old != nil || $0.new != nil })
    }

    @Test("Derby 2014 → 2019 states that SEND complaints' Stage 1 response goes from 10 to 20 working days, with both lines")
    func derbySendEquivalence() throws {
        let old = try Self.load("councils/derby/2014.yaml")
        let new = try Self.load("councils/derby/2019.yaml")
        let report = DiffReport(old: old, new: new)
        #expect(report.equivalence.isExhaustive)
        let send = try #require(report.equivalence.differences.first { $0.complaints.contains("service `send`, channel other than `social-media`") })
        let respond = try #require(send.details.first { $0.text.hasSuffix("respond 10 → 20 working days") })
        #expect(respond.old?.file.hasSuffix("derby/2014.yaml") == true)
        #expect(old.sources[respond.old?.file ?? ""]?.line(respond.old?.start.line ?? 0)?.contains("within: 10 working days") == true)
        #expect(new.sources[respond.new?.file ?? ""]?.line(respond.new?.start.line ?? 0)?.contains("within: 20 working days") == true)
        #expect(send.details.first?.text == "procedure `corporate` → procedure `send`")
        // Elected members' complaints are still corporate, with the same deadlines: no difference is claimed.
        #expect(!report.equivalence.differences.contains { $0.complaints.contains("made_by `mp`") && !$0.complaints.contains("social-media") })
        let text = report.text()
        #expect(text.contains("Stage 1 / Stage 1 (SEND) respond 10 → 20 working days"))
        #expect(text.contains("2014.yaml:32:19  within: 10 working days"))
        #expect(text.contains("2019.yaml:50:19  within: 20 working days"))
        let json = try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any]
        let classes = json?["classes"] as? [String: Any]
        #expect(classes?["same_routes_and_timescales"] as? Bool == false)
        #expect((classes?["differences"] as? [Any])?.count == report.equivalence.differences.count)
    }

    @Test("an edited exclusion reason is one worded change and one routing difference; a file against itself is the same everywhere")
    func descriptionOnly() throws {
        let path = Bundled.policies.appendingPathComponent("councils/north-somerset/2021-01.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let old = try Self.load("councils/north-somerset/2021-01.yaml")
        let edited = text.replacingOccurrences(of: "each school and academy has its own complaints procedure", with: "schools have their own procedure")
        let new = try PolicyLoader(library: Bundled.library).loadChecked(bytes: Array(edited.utf8), path: path)
        let report = DiffReport(old: old, new: new)
        #expect(report.changes.map(\.description) == [
            "rule `schools`: excluded (each school and academy has its own complaints procedure) → excluded (schools have their own procedure)"
        ])
        // The exclusion's reason is part of the route a complainant is told: it is a difference in routing.
        #expect(report.equivalence.differences.count == 1)
        let same = DiffReport(old: old, new: old)
        #expect(same.verdict == "The two versions route and date every complaint the same way (all \(same.equivalence.classCount) classes of complaint compared).")
    }

    @Test("impact of Derby 2014 → 2019 on the example complaints")
    func derbyImpact() throws {
        let old = try Self.load("councils/derby/2014.yaml")
        let new = try Self.load("councils/derby/2019.yaml")
        let complaints = [
            Complaint(id: "SEND", received: try .init(iso: "2025-01-20"), service: "send"),
            Complaint(id: "ASC", received: try .init(iso: "2025-01-20"), service: "adult-social-care"),
            Complaint(id: "SM", received: try .init(iso: "2025-01-20"), service: "waste", channel: "social-media"),
            Complaint(id: "SAME", received: try .init(iso: "2025-01-20"), service: "waste"),
        ]
        let impact = try PolicyImpact.compare(old: old, new: new, complaints: complaints)
        #expect(impact.total == 4)
        #expect(impact.unchanged == 1)
        #expect(impact.counts[.differentProcedure] == 1)
        #expect(impact.counts[.noLongerExcluded] == 1)
        #expect(impact.examples[.laterDue]?.contains { $0.hasPrefix("SEND: respond by 2025-02-03 → 2025-02-17 (+10 working days)") } == true)
    }

    @Test("diagrams: Mermaid and DOT for every bundled policy; DOT renders with Graphviz when installed", arguments: Bundled.councilPolicies)
    func diagrams(_ path: String) throws {
        let loaded = try PolicyLoader(library: Bundled.library).loadChecked(path: path)
        let diagram = PolicyDiagram(policy: loaded.policy)
        let mermaid = diagram.render(.mermaid)
        #expect(mermaid.hasPrefix("flowchart TD\n"))
        #expect(mermaid.contains("Ombudsman"))
        let dot = diagram.render(.dot)
        #expect(dot.hasPrefix("digraph policy {"))
        // Every edge joins declared nodes.
        let declared = Set(diagram.nodes.map(\.id))
        #expect(diagram.edges.allSatisfy { declared.contains($0.from) && declared.contains($0.to) })
        guard let graphviz = Self.graphviz else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: graphviz)
        process.arguments = ["-Tsvg"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
    }

    static let graphviz: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    @Test("conformance with the LGSCO code: each point meets, is stricter, looser or not stated")
    func conformance() throws {
        let code = try ConformanceCode.load(path: Bundled.policies.appendingPathComponent("codes/lgsco-2024.yaml").path)
        #expect(code.points.count == 8)
        let stockton = try Self.load("councils/stockton-on-tees/2019-10.yaml")
        let findings = Dictionary(uniqueKeysWithValues: ConformanceReport.compare(stockton.policy, with: code).map { ($0.point, $0.verdict) })
        #expect(findings["no-informal-stage"] == .looser)
        #expect(findings["stage-1-acknowledge"] == .stricter)
        #expect(findings["time-limit"] == .notStated)
        let dacorum = try Self.load("councils/dacorum/2022-12.yaml")
        let dacorumFindings = ConformanceReport.compare(dacorum.policy, with: code).filter { $0.procedure == "corporate" }
        #expect(dacorumFindings.first { $0.point == "time-limit" }?.verdict == .looser)
        #expect(dacorumFindings.first { $0.point == "stage-1-respond" }?.verdict == .stricter)
        // Statutory procedures are not compared with the LGSCO code.
        #expect(ConformanceReport.compare(dacorum.policy, with: code).allSatisfy { $0.procedure != "adults-statutory" })
    }
}
