import Foundation
import RedressTestSupport
import Testing

/// The report's tables of how cases ended besides an answer, over a small fixture whose every
/// figure is counted by hand in the comments.
@Suite("redress report: refusals, other means, joint complaints, remedies, the ombudsman")
struct ReportOutcomeTests {
    static let cases = [
        // R1: Stage 1 answered with a £150.50 refund, Stage 2 refused (gate): escalation-refused 1; financial 1 (£150.50).
        #"{"id":"R1","received":"2025-01-06","service":"waste","events":[{"on":"2025-01-10","event":"responded","remedy_type":"financial","remedy_amount":"150.50"},{"on":"2025-01-20","event":"escalation-refused","reason":"answered in full"}]}"#,
        // R2: mediation that resolved it; R3: mediation that did not, then an apology at Stage 1: mediation 1 of 2; apology 1.
        #"{"id":"R2","received":"2025-01-06","service":"waste","events":[{"on":"2025-01-08","event":"alternative-resolution","means":"mediation","resolved":true}]}"#,
        #"{"id":"R3","received":"2025-01-06","service":"waste","events":[{"on":"2025-01-08","event":"alternative-resolution","means":"mediation","resolved":false},{"on":"2025-01-15","event":"responded","remedy":"we are sorry","remedy_type":"apology"}]}"#,
        // R4: to the LGSCO, upheld with £300 recommended and complied with; R5: not upheld; R6: not investigated.
        #"{"id":"R4","received":"2025-01-06","service":"waste","events":[{"on":"2025-01-10","event":"responded"},{"on":"2025-01-13","event":"escalated"},{"on":"2025-02-03","event":"responded"},{"on":"2025-03-03","event":"ombudsman-decision","finding":"upheld","remedy_type":"financial","remedy_amount":300},{"on":"2025-03-20","event":"ombudsman-complied"}]}"#,
        #"{"id":"R5","received":"2025-01-06","service":"waste","events":[{"on":"2025-01-10","event":"responded"},{"on":"2025-03-03","event":"ombudsman-decision","finding":"not-upheld"}]}"#,
        #"{"id":"R6","received":"2025-01-06","service":"waste","events":[{"on":"2025-03-03","event":"ombudsman-decision","finding":"not-investigated"}]}"#,
        // R7: adult social care with the NHS leading: joint nhs/partner 1.
        #"{"id":"R7","received":"2025-01-06","service":"adult-social-care","aware_on":"2025-01-01","events":[{"on":"2025-01-08","event":"joint-agreed","partner":"nhs","lead":"partner"}]}"#,
    ]

    @Test("every figure matches the hand count")
    func figures() throws {
        let input = try ClassifyCommandTests.write(Self.cases.joined(separator: "\n") + "\n", suffix: "jsonl")
        defer { try? FileManager.default.removeItem(atPath: input) }
        let report = try ReportCommandTests.Report([
            "report", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library, "--from", "2025-01-01",
            "--to", "2025-03-31", input,
        ])
        let table = "late-refused-alternative"
        #expect(try report.count(table, "time-limit-waived", "Complaints") == 0)
        #expect(try report.count(table, "refused-out-of-time", "Complaints") == 0)
        #expect(try report.count(table, "escalation-refused", "Complaints") == 1)
        #expect(try report.share(table, "alternative:mediation", "Complaints") == "1/2")
        #expect(try report.count(table, "joint:nhs:partner", "Complaints") == 1)
        #expect(try report.count("remedies-by-type", "financial", "Remedies") == 1)
        #expect(try report.value("remedies-by-type", "financial", "Sums paid") as? Double == 150.5)
        #expect(try report.count("remedies-by-type", "apology", "Remedies") == 1)
        #expect(try report.keys("remedies-by-type") == ["apology", "financial"])
        let ombudsman = "ombudsman-decisions"
        #expect(try report.count(ombudsman, "decided", "Value") == 2)
        #expect(try report.share(ombudsman, "upheld", "Value") == "1/2")
        #expect(try report.count(ombudsman, "not-investigated", "Value") == 1)
        #expect(try report.count(ombudsman, "recommended", "Value") == 1)
        #expect(try report.share(ombudsman, "complied", "Value") == "1/1")
        #expect(try report.value(ombudsman, "sums", "Value") as? Double == 300)
    }
}
