import RedressCalendar
import RedressTestSupport
import Testing

@testable import RedressEngine

/// Deadlines and records can never be silently wrong: extensions cap at the maximum, retention
/// keeps the longest, a later-stage entry is dated the same by `classify` and `schedule`.
@Suite("Trust by construction")
struct TrustTests {
    typealias Event = (String, CaseEvent.Kind, String?, Int?)

    static let northSomerset = EngineFixtures.northSomerset

    /// A policy whose corporate Stage 1 is `stage1` (a timescale mapping) and which enters Stage 2
    /// directly for `service: housing`.
    static func engine(stage1: String) throws -> Engine {
        try EngineFixtures.engine(
            text: """
                redress: 1
                council: { id: t, name: T, nation: england }
                version: { id: "1", effective_from: 2020-01-01, source: fixture }
                calendar: { region: england-and-wales }
                statutory_routes: { none: "test fixture" }
                procedures:
                  corporate:
                    stages:
                      - { id: stage-1, respond: \(stage1) }
                      - { id: stage-2, acknowledge: { within: 5 working days, from: escalation, source: f }, respond: { within: 20 working days, from: escalation, source: f } }
                routing:
                  - { id: social-care, when: { service: [adult-social-care, childrens-social-care] }, exclude: { reason: the county's, redirect: The county council } }
                  - { id: housing, when: { service: housing }, procedure: corporate, stage: stage-2 }
                  - { id: all, procedure: corporate }
                retention: [{ id: all, keep: 2 years, source: fixture }]
                """)
    }

    struct ExtensionCase: Sendable, CustomStringConvertible {
        var name: String
        var stage1: String
        var events: [(String, String, Int?)]
        var respondBy: String
        var met: Bool?
        var daysLate: Int?
        var flag: String?
        var description: String { name }
    }

    static let extensionCases: [ExtensionCase] = [
        ExtensionCase(
            name: "within the ceiling: the extension moves the deadline", stage1: "{ within: 10 working days, extendable_to: 20 working days, source: f }",
            events: [("2024-01-10", "extended", 5), ("2024-01-26", "responded", nil)], respondBy: "2024-01-29", met: true, daysLate: 0, flag: nil),
        ExtensionCase(
            name: "past the ceiling: capped at 20 working days, the answer on day 22 is 2 days late",
            stage1: "{ within: 10 working days, extendable_to: 20 working days, source: f }",
            events: [("2024-01-10", "extended", 15), ("2024-02-07", "responded", nil)], respondBy: "2024-02-05", met: false, daysLate: 2,
            flag: "extension-beyond-maximum:stage-1"),
        ExtensionCase(
            name: "ceiling in another unit: 20 working days extendable to 1 month", stage1: "{ within: 20 working days, extendable_to: 1 month, source: f }",
            events: [("2024-01-10", "extended", 20), ("2024-03-01", "responded", nil)], respondBy: "2024-02-08", met: false, daysLate: 16,
            flag: "extension-beyond-maximum:stage-1"),
        ExtensionCase(
            name: "no ceiling: the extension stands, flagged", stage1: "{ within: 10 working days, source: f }",
            events: [("2024-01-10", "extended", 5)], respondBy: "2024-01-29", met: nil, daysLate: nil, flag: "extension-without-maximum:stage-1"),
        ExtensionCase(
            name: "agreed after the deadline passed: ignored, flagged", stage1: "{ within: 10 working days, extendable_to: 20 working days, source: f }",
            events: [("2024-01-25", "extended", 5), ("2024-01-26", "responded", nil)], respondBy: "2024-01-22", met: false, daysLate: 4,
            flag: "extension-after-deadline:stage-1"),
    ]

    @Test("extensions never move a deadline past its maximum", arguments: extensionCases)
    func extensions(_ item: ExtensionCase) throws {
        let engine = try Self.engine(stage1: item.stage1)
        let events = try item.events.map { on, kind, days in
            CaseEvent(on: try LocalDate(iso: on), kind: try #require(CaseEvent.Kind(rawValue: kind)), days: days)
        }
        let history = CaseHistory(complaint: try EngineFixtures.complaint(received: "2024-01-08", service: "waste"), events: events)
        let schedule = try engine.schedule(history, asOf: try LocalDate(iso: "2024-03-29"))
        let stage = try #require(schedule.stages.first)
        #expect(stage.respondBy?.description == item.respondBy)
        #expect(stage.met == item.met)
        #expect(stage.daysLate == item.daysLate)
        if let flag = item.flag { #expect(schedule.flags.map(\.description).contains(flag), "\(schedule.flags)") }
    }

    @Test("adults: an extension recorded after the 6 months ran out does not clear `overdue`")
    func adultsLateExtension() throws {
        let engine = try #require(Self.northSomerset)
        let history = CaseHistory(
            complaint: try EngineFixtures.complaint(received: "2024-01-08", service: "adult-social-care", awareOn: "2024-01-01"),
            events: [CaseEvent(on: try LocalDate(iso: "2024-07-15"), kind: .extended, days: 20)])
        let schedule = try engine.schedule(history, asOf: try LocalDate(iso: "2024-07-20"))
        #expect(schedule.stages.first?.respondBy?.description == "2024-07-08")
        #expect(schedule.status == .overdue)
        #expect(schedule.flags.contains(.extensionAfterDeadline(stage: "local-resolution")))
        #expect(schedule.flags.contains(.overdue))
    }

    @Test("a children's Stage 2 runs to at most 65 working days from the agreed record")
    func childrenStageTwoCeiling() throws {
        let engine = try #require(Self.northSomerset)
        let history = CaseHistory(
            complaint: try EngineFixtures.complaint(received: "2024-01-08", service: "childrens-social-care", awareOn: "2024-01-01"),
            events: [
                CaseEvent(on: try LocalDate(iso: "2024-01-19"), kind: .responded),
                CaseEvent(on: try LocalDate(iso: "2024-01-29"), kind: .escalated),
                CaseEvent(on: try LocalDate(iso: "2024-02-05"), kind: .recordAgreed),
                CaseEvent(on: try LocalDate(iso: "2024-02-20"), kind: .extended, days: 50),
                CaseEvent(on: try LocalDate(iso: "2024-05-16"), kind: .responded),
            ])
        let schedule = try engine.schedule(history, asOf: try LocalDate(iso: "2024-05-20"))
        let stage = try #require(schedule.stages.last)
        // 25 + 50 = 75 working days asked; 65 allowed (`redress calendar add 2024-02-05 65`).
        #expect(stage.respondBy?.description == "2024-05-09")
        #expect(stage.met == false)
        #expect(stage.daysLate == 5)
    }

    @Test("entering at a later stage: classify and schedule give the same dates, and no 'awaits' flag")
    func laterStageEntry() throws {
        let engine = try Self.engine(stage1: "{ within: 10 working days, source: f }")
        let complaint = try EngineFixtures.complaint(received: "2024-01-08", service: "housing")
        let decision = try engine.classify(complaint)
        #expect(decision.stage == "stage-2")
        #expect(decision.acknowledgeBy?.description == "2024-01-15")
        #expect(decision.respondBy?.description == "2024-02-05")
        #expect(!decision.flags.contains { [.acknowledgeAwaits, .respondAwaits].contains($0.kind) }, "\(decision.flags)")
        #expect(decision.flags.contains(.enteredAt(stage: "stage-2")))
        let schedule = try engine.schedule(CaseHistory(complaint: complaint, events: []), asOf: try LocalDate(iso: "2024-01-09"))
        #expect(schedule.stages.first?.respondBy == decision.respondBy)
        #expect(schedule.stages.first?.acknowledgeBy == decision.acknowledgeBy)
        #expect(!schedule.flags.contains { [.acknowledgeAwaits, .respondAwaits].contains($0.kind) }, "\(schedule.flags)")
    }

    struct RetentionCase: Sendable, CustomStringConvertible {
        var name: String
        var service: String
        var events: [(String, String)]
        var deleteAfter: String
        var rule: String
        var description: String { name }
    }

    static let retentionCases: [RetentionCase] = [
        RetentionCase(
            name: "children's case referred to the Ombudsman: 75 years, not 3", service: "childrens-social-care",
            events: [("2024-01-19", "responded"), ("2024-02-01", "referred-to-ombudsman")], deleteAfter: "2099-02-01", rule: "childrens"),
        RetentionCase(
            name: "adults case referred to the Ombudsman: 6 years, not 3", service: "adult-social-care",
            events: [("2024-01-19", "responded"), ("2024-02-01", "referred-to-ombudsman")], deleteAfter: "2030-02-01", rule: "adults"),
        RetentionCase(
            name: "corporate case referred to the Ombudsman: 3 years", service: "waste",
            events: [("2024-01-19", "responded"), ("2024-01-22", "escalated"), ("2024-02-01", "responded"), ("2024-02-05", "referred-to-ombudsman")],
            deleteAfter: "2027-02-05", rule: "complaint-ombudsman"),
        RetentionCase(
            name: "from closure or last contact: a later contact keeps the record longer", service: "waste",
            events: [("2024-01-19", "responded"), ("2024-01-19", "closed"), ("2024-06-03", "contact")], deleteAfter: "2026-06-03",
            rule: "complaint-stages"),
    ]

    @Test("retention: every matching rule applies and the longest wins", arguments: retentionCases)
    func retention(_ item: RetentionCase) throws {
        let engine = try #require(Self.northSomerset)
        let events = try item.events.map { on, kind in CaseEvent(on: try LocalDate(iso: on), kind: try #require(CaseEvent.Kind(rawValue: kind))) }
        let history = CaseHistory(
            complaint: try EngineFixtures.complaint(received: "2024-01-08", service: item.service, awareOn: "2024-01-01"), events: events)
        let schedule = try engine.schedule(history, asOf: try LocalDate(iso: "2024-07-01"))
        #expect(schedule.deleteAfter?.description == item.deleteAfter)
        #expect(schedule.retentionRule == item.rule)
    }

    @Test("rule order cannot shorten retention: the same rules reversed give the same dates")
    func retentionOrder() throws {
        let policy = EngineFixtures.policies.appendingPathComponent("councils/north-somerset/2021-01.yaml")
        let text = try String(contentsOf: policy, encoding: .utf8)
        let start = try #require(text.range(of: "retention:\n"))
        let end = try #require(text.range(of: "\nbehaviour:"))
        let rules = text[start.upperBound..<end.lowerBound].components(separatedBy: "\n  - ").map { $0.hasPrefix("  - ") ? String($0.dropFirst(4)) : $0 }
        let reversed = text[..<start.upperBound] + "  - " + rules.reversed().joined(separator: "\n  - ") + "\n" + text[end.lowerBound...]
        let engine = try EngineFixtures.engine(text: String(reversed))
        for item in Self.retentionCases {
            let events = try item.events.map { on, kind in CaseEvent(on: try LocalDate(iso: on), kind: try #require(CaseEvent.Kind(rawValue: kind))) }
            let history = CaseHistory(
                complaint: try EngineFixtures.complaint(received: "2024-01-08", service: item.service, awareOn: "2024-01-01"), events: events)
            #expect(try engine.schedule(history, asOf: try LocalDate(iso: "2024-07-01")).deleteAfter?.description == item.deleteAfter, "\(item.name)")
        }
    }
}

/// Writers that size their memory before writing a decision's flags count on
/// `DatedOutcome.namedFlags` naming every flag `forEachFlagPart` can add, and only those.
@Suite("Named flags")
struct NamedFlagTests {
    @Test("every flag a decision can add by name is in `namedFlags`, and every one there can be added")
    func namedFlagsComplete() throws {
        let engine = try #require(TrustTests.northSomerset)
        let plan = try #require(engine.versions.first).outcome(0)
        var seen: Set<CaseFlag> = []
        for time in [DatedOutcome.TimeLimitCheck.inTime, .outOfTime, .awareOnMissing] {
            for serviceMissing in [false, true] {
                for projected in [false, true] {
                    var dated = DatedOutcome(rule: 0, plan: plan)
                    dated.time = time
                    dated.serviceMissing = serviceMissing
                    dated.projected = projected
                    dated.forEachFlagPart { part in
                        if case .named(let flag) = part { seen.insert(flag) }
                    }
                }
            }
        }
        #expect(seen == Set(DatedOutcome.namedFlags))
    }
}
