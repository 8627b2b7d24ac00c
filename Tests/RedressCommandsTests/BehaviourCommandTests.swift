import Foundation
import Testing

@Suite("redress behaviour")
struct BehaviourCommandTests {
    let policy = ["--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library]
    let contacts = CommandRunner.repositoryRoot.appendingPathComponent("examples/contacts.jsonl").path

    @Test("the example contacts: findings with evidence lines, restriction review, advice only")
    func examples() throws {
        let result = CommandRunner.run(["behaviour"] + policy + [contacts, "--as-of", "2024-09-01", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.error)")
        let reports = result.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(reports.map { $0["complainant"] as? String } == ["P-1", "P-2", "P-3"])
        let first = try #require(reports.first)
        let criteria = try #require(first["criteria_met"] as? [[String: Any]])
        #expect((criteria.first?["evidence"] as? [Any])?.count == 12)
        let restriction = try #require((first["restrictions"] as? [[String: Any]])?.first)
        #expect(restriction["review_by"] as? String == "2024-09-01")
        #expect(restriction["review_status"] as? String == "due")
        #expect((first["advice"] as? String)?.contains("restricts no one") == true)
    }

    @Test("schedule --restrictions reports the restriction reviews that fall due")
    func scheduleReviews() {
        let result = CommandRunner.run(["schedule"] + policy + ["/dev/null", "--as-of", "2024-09-01", "--restrictions", contacts, "--format", "jsonl"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.out.contains(#""kind":"restriction-review","complainant":"P-1""#))
        #expect(result.out.contains(#""review_by":"2024-09-01","status":"due""#))
        let early = CommandRunner.run(["schedule"] + policy + ["/dev/null", "--as-of", "2024-08-01", "--restrictions", contacts, "--format", "jsonl"])
        #expect(early.out.isEmpty)
    }
}
