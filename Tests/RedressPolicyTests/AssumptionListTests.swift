import Foundation
import RedressDiagnostics
import RedressPolicy
import Testing

/// `check --assumptions` lists every `assumed:` a policy writes, wherever it stands: on a stage or
/// timescale, and also on what states no number (a routing rule, an exclusion, the version).
@Suite("Assumptions listed")
struct AssumptionListTests {
    static let councilFiles: [String] = {
        let councils = PolicyFixtures.policies.appendingPathComponent("councils")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: councils.path)) ?? []
        return folders.sorted().flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: councils.appendingPathComponent(folder).path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.sorted().map { councils.appendingPathComponent(folder).appendingPathComponent($0).path }
        }
    }()

    @Test("every bundled policy: each `assumed:` line in the file is listed once, at its line", arguments: councilFiles)
    func everyAssumptionListed(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let assumedLines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.range(of: #"(^|[\s{,])assumed:"#, options: .regularExpression) != nil }.map { $0.offset + 1 }
        var result = PolicyFixtures.loader.load(path: path)
        result.diagnostics += PolicyChecker.standard.check(result)
        let listed = result.diagnostics.filter { $0.id == .policyAssumption && $0.range?.file == path }.compactMap { $0.range?.start.line }
        #expect(listed.sorted() == assumedLines, "\(path): file has assumptions at \(assumedLines), listed \(listed.sorted())")
    }

    @Test("assumptions on a routing rule and on an exclusion are listed")
    func routingAndExclusions() {
        let (diagnostics, _) = PolicyFixtures.diagnose(
            PolicyFixtures.policy(
                routing: """
                      - id: schools
                        when: { service: schools }
                        exclude: { reason: schools have their own procedure, redirect: The school, assumed: "not in the policy; usual practice" }
                      - { id: all, procedure: corporate, assumed: "the policy names one procedure for everything else" }

                    """))
        let notes = diagnostics.filter { $0.id == .policyAssumption }.map(\.message)
        #expect(notes.contains("assumed: not in the policy; usual practice"))
        #expect(notes.contains("assumed: the policy names one procedure for everything else"))
    }
}
