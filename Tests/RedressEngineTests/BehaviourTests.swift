import RedressCalendar
import RedressEngine
import RedressTestSupport
import Testing

@Suite("Unreasonable behaviour")
struct BehaviourTests {
    static func contact(_ line: Int, _ on: String, kind: String = "contact", _ extra: [String: String] = [:]) throws -> ContactRecord {
        var fields = [
            RecordField(name: "complainant", value: .string("P"), rawJSON: "\"P\""),
            RecordField(name: "on", value: .string(on), rawJSON: "\"\(on)\""),
            RecordField(name: "kind", value: .string(kind), rawJSON: "\"\(kind)\""),
        ]
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) {
            fields.append(RecordField(name: key, value: .string(value), rawJSON: "\"\(value)\""))
        }
        return try ContactRecord(record: InputRecord(line: line, fields: fields))
    }

    static func date(_ text: String) throws -> LocalDate { try LocalDate(iso: text) }

    @Test("12 contacts in 30 days against a threshold of 10: reported with exactly those 12; 9 are not")
    func excessiveContact() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        var contacts = try (0..<12).map { try Self.contact($0 + 1, "2024-03-\(String(format: "%02d", 1 + $0 * 2))") }
        // Two more, long before and long after, are not evidence.
        contacts.append(try Self.contact(13, "2024-01-02"))
        contacts.append(try Self.contact(14, "2024-06-01"))
        let report = try engine.behaviour(complainant: "P", contacts: contacts, asOf: Self.date("2024-07-01"))
        let finding = try #require(report.findings.first { $0.criterion == "excessive-contact" })
        #expect(finding.evidence.map(\.line) == Array(1...12))
        #expect(finding.basis == "signal")
        let nine = try (0..<9).map { try Self.contact($0 + 1, "2024-03-\(String(format: "%02d", 1 + $0 * 3))") }
        let quiet = try engine.behaviour(complainant: "P", contacts: nine, asOf: Self.date("2024-07-01"))
        #expect(quiet.findings.isEmpty)
    }

    @Test("ten contacts exactly 30 days apart end to end are not within 30 days")
    func windowEdge() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        // 1 March … 31 March spans 31 days; 2 March … 31 March spans 30.
        let spread = try [1, 4, 7, 10, 13, 16, 19, 22, 25, 31].enumerated().map { try Self.contact($0.offset + 1, "2024-03-\(String(format: "%02d", $0.element))") }
        #expect(try engine.behaviour(complainant: "P", contacts: spread, asOf: Self.date("2024-04-01")).findings.isEmpty)
        let tight = try [2, 4, 7, 10, 13, 16, 19, 22, 25, 31].enumerated().map { try Self.contact($0.offset + 1, "2024-03-\(String(format: "%02d", $0.element))") }
        #expect(try engine.behaviour(complainant: "P", contacts: tight, asOf: Self.date("2024-04-01")).findings.count == 1)
    }

    @Test("a restriction decided on 2024-03-01 with a 6-month review period is reviewed on 2024-09-01")
    func restrictionReview() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let decision = try Self.contact(
            1, "2024-03-01", kind: "restriction",
            ["decided_by": "Customer Services team", "criteria": "excessive-contact", "restriction": "one contact officer"])
        let before = try engine.behaviour(complainant: "P", contacts: [decision], asOf: Self.date("2024-08-31"))
        #expect(before.restrictions.first?.reviewBy?.description == "2024-09-01")
        #expect(before.restrictions.first?.status == "scheduled")
        let on = try engine.behaviour(complainant: "P", contacts: [decision], asOf: Self.date("2024-09-01"))
        #expect(on.restrictions.first?.status == "due")
    }

    @Test("repeat complaints on the same service and categories, parallel routes, reviews after the procedure ended")
    func otherSignals() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let contacts = [
            try Self.contact(1, "2024-01-10", kind: "complaint", ["service": "waste", "categories": "bins;missed"]),
            try Self.contact(2, "2024-03-10", kind: "complaint", ["service": "waste", "categories": "missed;bins"]),
            try Self.contact(3, "2024-03-11", kind: "complaint", ["service": "highways"]),
            try Self.contact(4, "2024-03-12", kind: "parallel", ["route": "mp", "case": "C-1"]),
            try Self.contact(5, "2024-05-01", kind: "review-request", ["procedure_exhausted": "true"]),
            try Self.contact(6, "2024-05-20", kind: "review-request", ["procedure_exhausted": "true"]),
            try Self.contact(7, "2024-05-21", kind: "review-request"),
            try Self.contact(8, "2024-05-22", kind: "staff-flag", ["criterion": "covert-recording", "officer": "A. Officer"]),
        ]
        let report = try engine.behaviour(complainant: "P", contacts: contacts, asOf: Self.date("2024-06-01"))
        let evidence = Dictionary(report.findings.map { ($0.criterion, $0.evidence.map(\.line)) }, uniquingKeysWith: { a, _ in a })
        #expect(evidence["repeat-complaints"] == [1, 2])
        #expect(evidence["scattergun"] == [4])
        #expect(evidence["review-after-exhausted"] == [5, 6])
        #expect(evidence["covert-recording"] == [8])
        #expect(report.findings.first { $0.criterion == "covert-recording" }?.basis == "staff")
    }

    @Test("staff flags and restrictions must name criteria the policy has")
    func unknownCriterion() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let flag = try Self.contact(1, "2024-05-22", kind: "staff-flag", ["criterion": "rudeness", "officer": "A. Officer"])
        #expect(throws: RecordError.self) { try engine.behaviour(complainant: "P", contacts: [flag], asOf: Self.date("2024-06-01")) }
    }

    @Test(
        "contact records are validated",
        arguments: [
            ([("on", "2024-01-01")], "missing `complainant`"),
            ([("complainant", "P")], "missing `on`"),
            ([("complainant", "P"), ("on", "2024-02-30")], "February 2024 has 29 days"),
            ([("complainant", "P"), ("on", "2024-01-01"), ("kind", "shout")], "unknown kind `shout`"),
            ([("complainant", "P"), ("on", "2024-01-01"), ("kind", "parallel")], "needs `route`"),
            ([("complainant", "P"), ("on", "2024-01-01"), ("kind", "staff-flag"), ("criterion", "x")], "needs `criterion` and `officer`"),
        ])
    func validation(_ pairs: [(String, String)], _ message: String) {
        let fields = pairs.map { RecordField(name: $0.0, value: .string($0.1), rawJSON: "\"\($0.1)\"") }
        #expect {
            try ContactRecord(record: InputRecord(line: 1, fields: fields))
        } throws: { error in
            (error as? RecordError)?.message.contains(message) == true
        }
    }
}
