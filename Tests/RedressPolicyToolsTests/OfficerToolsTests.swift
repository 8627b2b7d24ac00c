import Foundation
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressTestSupport
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

    @Test("diagrams a member of the public can read: title, plain words, one exclusions box, fits a page", arguments: Bundled.councilPolicies)
    func diagrams(_ path: String) throws {
        let loaded = try PolicyLoader(library: Bundled.library).loadChecked(path: path)
        let policy = loaded.policy
        let diagram = PolicyDiagram(policy: policy)
        let mermaid = diagram.render(.mermaid)
        #expect(mermaid.hasPrefix("---\ntitle: \(policy.council.name): complaints and feedback, version \(policy.version.id)"))
        #expect(mermaid.contains("Ombudsman"))
        let (nodes, edges) = diagram.graph()
        // Every edge joins declared nodes, and no question sends yes and no to the same box.
        let declared = Set(nodes.map(\.id))
        #expect(edges.allSatisfy { declared.contains($0.from) && declared.contains($0.to) })
        for node in nodes where node.shape == .decision {
            let targets = edges.filter { $0.from == node.id }.map(\.to)
            #expect(Set(targets).count == targets.count, "\(node.lines) has yes and no to the same box")
            // Plain words: no rule id or hyphenated service id in a question.
            #expect(!node.lines.joined().contains("-"), "\(node.lines)")
        }
        // Every exclusion is listed, in one box, with where it goes.
        let exclusions = policy.routing.compactMap { rule -> Exclusion? in if case .exclude(let e) = rule.outcome { e } else { nil } }
        let boxes = nodes.filter { $0.shape == .exclusions }
        #expect(boxes.count == (exclusions.isEmpty ? 0 : 1))
        for exclusion in exclusions {
            #expect(boxes.first?.lines.contains { $0.contains(exclusion.reason) && $0.contains(exclusion.redirect ?? "no other route given") } == true)
        }
        // Each timescale says what it runs from.
        for node in nodes where node.shape == .stage {
            for line in node.lines where line.contains(" within ") { #expect(line.contains(" of "), "\(line)") }
        }
        // The text alternative: every question and every stage, as numbered steps.
        let text = diagram.render(.text)
        #expect(text.hasPrefix(policy.council.name))
        for question in diagram.questions { #expect(text.contains(question.text)) }
        for procedure in diagram.procedures {
            for stage in procedure.stages { #expect(text.contains("\(procedure.name): \(stage.name)")) }
        }
        guard let graphviz = Self.graphviz else {
            #expect(!Oracle.required, "CI must install graphviz")
            return
        }
        let svg = try Self.render(diagram.render(.dot), with: graphviz)
        let width = svg.firstMatch(of: /<svg width="([0-9.]+)pt"/).flatMap { Double($0.1) }
        #expect(width.map { $0 <= 540 } == true, "wider than an A4 page's printable width: \(String(describing: width))pt")
    }

    static func render(_ dot: String, with graphviz: String) throws -> String {
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
        let svg = PipeReading.readAll(output.fileHandleForReading)
        let stderr = String(decoding: PipeReading.readAll(errors.fileHandleForReading), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        return String(decoding: svg, as: UTF8.self)
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
