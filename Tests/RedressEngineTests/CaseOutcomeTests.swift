import RedressCalendar
import RedressTestSupport
import Testing

@testable import RedressEngine
@testable import RedressFormats

/// Late complaints accepted or refused, refused requests for a gated stage, other means of
/// resolution, remedies and the ombudsman's decision: what each event does to a schedule, and
/// every history that makes no sense as an error record.
@Suite("Case outcomes")
struct CaseOutcomeTests {
    static let dacorum = try? EngineFixtures.engine(folder: "councils/dacorum")

    static func schedule(_ engine: Engine?, _ json: String, asOf: String) throws -> CaseSchedule {
        let engine = try #require(engine)
        let record = InputRecord(line: 1, fields: try JSONObjectReader.read(Array(json.utf8)))
        return try engine.schedule(CaseHistory(record: record), asOf: LocalDate(iso: asOf))
    }

    static func failure(_ engine: Engine?, _ json: String) throws -> String {
        do {
            _ = try schedule(engine, json, asOf: "2025-12-31")
            return ""
        } catch let error as RecordError {
            return error.description
        }
    }

    @Test("a refused request for a gated stage closes the case at the answered stage; the ombudsman from the refusal")
    func escalationRefused() throws {
        let schedule = try Self.schedule(
            EngineFixtures.northSomerset,
            #"{"id":"G","received":"2024-01-08","service":"waste","events":[{"on":"2024-01-19","event":"responded"},{"on":"2024-01-26","event":"escalation-refused","reason":"answered in full"}]}"#,
            asOf: "2024-06-01")
        #expect(schedule.status == .closed)
        #expect(schedule.closedAt == "stage-1")
        #expect(schedule.closedOn?.description == "2024-01-26")
        #expect(schedule.ombudsmanFrom?.description == "2024-01-26")
        #expect(schedule.outcomes.refusal == .init(on: try LocalDate(iso: "2024-01-26"), kind: .escalation(stage: "stage-2"), reason: "answered in full"))
        #expect(schedule.flags.contains(.escalationRefused(stage: "stage-2")))
        #expect(!schedule.flags.contains(.closedByTime))
    }

    @Test("mediation: resolved closes the case where it stands; not resolved leaves every deadline as it was")
    func alternativeResolution() throws {
        let base = #"{"id":"M","received":"2024-01-08","service":"waste","events":[{"on":"2024-01-12","event":"alternative-resolution","means":"mediation","resolved":RESOLVED}]}"#
        let resolved = try Self.schedule(EngineFixtures.northSomerset, base.replacingOccurrences(of: "RESOLVED", with: "true"), asOf: "2024-06-01")
        #expect(resolved.status == .closed && resolved.closedAt == "stage-1" && resolved.closedOn?.description == "2024-01-12")
        #expect(resolved.flags.contains(.resolvedAlternatively(means: "mediation")))
        #expect(resolved.deleteAfter?.description == "2026-01-12")
        let unresolved = try Self.schedule(EngineFixtures.northSomerset, base.replacingOccurrences(of: "RESOLVED", with: "false"), asOf: "2024-01-23")
        let plain = try Self.schedule(EngineFixtures.northSomerset, #"{"id":"M","received":"2024-01-08","service":"waste"}"#, asOf: "2024-01-23")
        #expect(unresolved.status == .overdue)
        #expect(unresolved.stages == plain.stages)
        #expect(unresolved.outcomes.alternatives.map(\.resolved) == [false])
    }

    @Test("a late complaint: waived, it runs as any other; refused, it closes and the ombudsman may be asked from the refusal")
    func lateComplaints() throws {
        let late = #"{"id":"L","received":"2023-03-01","service":"waste","aware_on":"2022-10-03","events":[EVENTS]}"#
        let waived = try Self.schedule(Self.dacorum, late.replacingOccurrences(of: "EVENTS", with: #"{"on":"2023-03-02","event":"time-limit-waived"}"#), asOf: "2023-03-03")
        let untouched = try Self.schedule(Self.dacorum, late.replacingOccurrences(of: "EVENTS", with: ""), asOf: "2023-03-03")
        #expect(waived.flags.map(\.description) == untouched.flags.map(\.description) + ["time-limit-waived"])
        #expect(waived.stages == untouched.stages && waived.status == untouched.status)
        let refused = try Self.schedule(
            Self.dacorum, late.replacingOccurrences(of: "EVENTS", with: #"{"on":"2023-03-06","event":"refused-out-of-time","reason":"nothing exceptional"}"#),
            asOf: "2023-04-03")
        #expect(refused.status == .closed && refused.closedAt == "stage-1" && refused.ombudsmanFrom?.description == "2023-03-06")
        #expect(refused.flags.contains(.outOfTime) && refused.flags.contains(.refusedOutOfTime))
    }

    @Test("the ombudsman's decision and the council's compliance; a recommended remedy is flagged until complied with")
    func ombudsman() throws {
        let history = #"{"id":"O","received":"2024-01-08","service":"waste","events":[{"on":"2024-01-19","event":"responded"},{"on":"2024-01-22","event":"escalated"},{"on":"2024-02-12","event":"responded","outcome":"partly-upheld","remedy_type":"apology"},{"on":"2024-06-03","event":"ombudsman-decision","finding":"upheld","remedy_type":"financial","remedy_amount":"250.5"}COMPLIED]}"#
        let open = try Self.schedule(EngineFixtures.northSomerset, history.replacingOccurrences(of: "COMPLIED", with: ""), asOf: "2024-07-01")
        #expect(open.closedAt == "lgsco" && open.closedOn?.description == "2024-06-03")
        #expect(open.outcomes.ombudsman?.remedyAmount == Money(pence: 25_050))
        #expect(open.flags.contains(.ombudsmanRemedyOutstanding))
        #expect(open.stages.last?.remedyType == .apology)
        let complied = try Self.schedule(
            EngineFixtures.northSomerset, history.replacingOccurrences(of: "COMPLIED", with: #",{"on":"2024-07-15","event":"ombudsman-complied"}"#), asOf: "2024-08-01")
        #expect(complied.outcomes.ombudsman?.compliedOn?.description == "2024-07-15")
        #expect(!complied.flags.contains(.ombudsmanRemedyOutstanding))
        #expect(complied.deleteAfter?.description == "2027-07-15")  // 3 years from the last contact
    }

    @Test("a joint complaint with the NHS: who leads, and the NHS body's own deadline beside the council's")
    func joint() throws {
        let schedule = try Self.schedule(
            EngineFixtures.northSomerset,
            #"{"id":"J","received":"2024-03-04","service":"adult-social-care","aware_on":"2024-03-01","events":[{"on":"2024-03-06","event":"acknowledged"},{"on":"2024-03-08","event":"joint-agreed","partner":"nhs","lead":"partner"}]}"#,
            asOf: "2024-04-01")
        let joint = try #require(schedule.outcomes.joint)
        #expect(joint.partner == "nhs" && joint.lead == .partner)
        #expect(joint.partnerRespondBy?.description == "2024-09-04")  // 6 months from receipt, as the council's
        #expect(schedule.stages.first?.respondBy == joint.partnerRespondBy)
        #expect(schedule.flags.contains(.jointLedByPartner(partner: "nhs")))
        #expect(schedule.status == .open)
    }

    /// Histories that make no sense: each is an error record naming what is wrong.
    static let refused: [(String, String, String)] = [
        ("a stage without a gate", #"{"on":"2024-01-19","event":"responded"},{"on":"2024-01-20","event":"escalated"},{"on":"2024-02-01","event":"responded"},{"on":"2024-02-02","event":"escalation-refused","reason":"r"}"#,
         "is the last stage"),
        ("before the stage was answered", #"{"on":"2024-01-19","event":"escalation-refused","reason":"r"}"#, "has not been answered yet"),
        ("no reason", #"{"on":"2024-01-19","event":"responded"},{"on":"2024-01-20","event":"escalation-refused"}"#, "`escalation-refused` needs `reason`"),
        ("a means the policy does not offer", #"{"on":"2024-01-10","event":"alternative-resolution","means":"arbitration","resolved":true}"#, "offers only `mediation`, not `arbitration`"),
        ("resolved missing", #"{"on":"2024-01-10","event":"alternative-resolution","means":"mediation"}"#, "needs `resolved`"),
        ("waiving an in-time complaint", #"{"on":"2024-01-10","event":"time-limit-waived"}"#, "nothing to waive"),
        ("refusing an in-time complaint as late", #"{"on":"2024-01-10","event":"refused-out-of-time"}"#, "may not be refused as late"),
        ("compliance with no recommendation", #"{"on":"2024-01-10","event":"ombudsman-decision","finding":"not-upheld"},{"on":"2024-02-10","event":"ombudsman-complied"}"#, "no ombudsman decision recommending a remedy"),
        ("two ombudsman decisions", #"{"on":"2024-01-10","event":"ombudsman-decision","finding":"upheld"},{"on":"2024-02-10","event":"ombudsman-decision","finding":"upheld"}"#, "already recorded"),
        ("an unknown finding", #"{"on":"2024-01-10","event":"ombudsman-decision","finding":"maybe"}"#, "unknown finding `maybe`"),
        ("an amount with three decimals", #"{"on":"2024-01-19","event":"responded","remedy_amount":"10.005"}"#, "`remedy_amount` must be pounds"),
        ("a negative amount", #"{"on":"2024-01-19","event":"responded","remedy_amount":-5}"#, "`remedy_amount` must be pounds"),
        ("a remedy type on an extension", #"{"on":"2024-01-19","event":"extended","days":5,"remedy_type":"apology"}"#, "`remedy_type` belongs on"),
        ("a finding on a response", #"{"on":"2024-01-19","event":"responded","finding":"upheld"}"#, "`finding` belongs on `ombudsman-decision`"),
        ("a partner the procedure does not name", #"{"on":"2024-01-10","event":"joint-agreed","partner":"nhs","lead":"council"}"#, "names no partner"),
        ("a joint agreement with no lead", #"{"on":"2024-01-10","event":"joint-agreed","partner":"nhs"}"#, "`joint-agreed` needs `lead`"),
        ("an event after a refusal", #"{"on":"2024-01-19","event":"responded"},{"on":"2024-01-26","event":"escalation-refused","reason":"r","stage":"stage-2"},{"on":"2024-01-29","event":"escalated"}"#,
         "after the case was closed"),
    ]

    @Test("histories that make no sense are error records", arguments: refused)
    func errors(_ name: String, _ events: String, _ expected: String) throws {
        let service = name == "a stage without a gate" ? "adult-social-care" : "waste"
        let json = #"{"id":"E","received":"2024-01-08","service":"SERVICE","aware_on":"2024-01-01","events":[EVENTS]}"#
            .replacingOccurrences(of: "SERVICE", with: service).replacingOccurrences(of: "EVENTS", with: events)
        let message = try Self.failure(EngineFixtures.northSomerset, json)
        #expect(message.contains(expected), "\(name): \(message)")
    }

    @Test("money is read from pounds exactly and written with two decimals", arguments: [
        ("150", "150.00"), ("150.5", "150.50"), ("0.05", "0.05"), ("10000000", "10000000.00"), ("12.3", "12.30"),
    ])
    func money(_ text: String, _ written: String) {
        #expect(Money(pounds: text)?.description == written)
    }

    @Test("amounts that are not pounds and pence are refused", arguments: ["", ".5", "1.", "1.234", "-1", "1e3", "10000000.01", "١٢"])
    func notMoney(_ text: String) {
        #expect(Money(pounds: text) == nil)
    }
}
