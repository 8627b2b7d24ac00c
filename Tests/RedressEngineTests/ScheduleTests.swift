import RedressCalendar
@testable import RedressEngine
import RedressTestSupport
import Testing

@Suite("Schedule")
struct ScheduleTests {
    static func history(
        received: String, service: String, events: [(String, CaseEvent.Kind, String?, Int?)], milestone: String? = nil
    ) throws -> CaseHistory {
        CaseHistory(
            complaint: try EngineFixtures.complaint("K-1", received: received, service: service, awareOn: received),
            events: try events.map { on, kind, stage, days in
                CaseEvent(on: try LocalDate(iso: on), kind: kind, stage: stage, days: days, milestone: kind == .milestone ? milestone : nil)
            })
    }

    static func date(_ text: String) throws -> LocalDate { try LocalDate(iso: text) }

    @Test("North Somerset acceptance: Stage 2 due 17 working days after escalation; deleted 2 years after closure")
    func northSomerset() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let history = try Self.history(
            received: "2024-01-08", service: "highways",
            events: [
                ("2024-01-19", .responded, nil, nil), ("2024-01-26", .escalated, nil, nil),
                ("2024-02-15", .responded, nil, nil), ("2024-02-15", .closed, "stage-2", nil),
            ])
        let schedule = try engine.schedule(history, asOf: Self.date("2024-06-01"))
        #expect(schedule.stages.map(\.stage) == ["stage-1", "stage-2"])
        #expect(schedule.stages[0].respondBy?.description == "2024-01-22")
        #expect(schedule.stages[0].met == true)
        #expect(schedule.stages[1].respondBy?.description == "2024-02-20")
        #expect(schedule.closedAt == "stage-2")
        #expect(schedule.deleteAfter?.description == "2026-02-15")
        #expect(schedule.status == .closed)
        #expect(schedule.ombudsmanFrom?.description == "2024-02-15")
        let later = try engine.schedule(history, asOf: Self.date("2026-02-15"))
        #expect(later.status == .deleteDue)
    }

    @Test("a late response is not met, and says by how many working days")
    func late() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let schedule = try engine.schedule(
            Self.history(received: "2024-01-08", service: "waste", events: [("2024-01-25", .responded, nil, nil)]),
            asOf: Self.date("2024-02-01"))
        #expect(schedule.stages[0].met == false)
        #expect(schedule.stages[0].daysLate == 3)
    }

    @Test("pauses push the deadline by the working days paused; extensions add working days")
    func pausesAndExtensions() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let schedule = try engine.schedule(
            Self.history(
                received: "2024-01-08", service: "waste",
                events: [("2024-01-10", .paused, nil, nil), ("2024-01-15", .resumed, nil, nil), ("2024-01-16", .extended, nil, 5)]),
            asOf: Self.date("2024-01-17"))
        // 10 working days from 8 Jan is 22 Jan; +3 paused (11, 12, 15 Jan) +5 extension = 8 working days on: 1 Feb.
        #expect(schedule.stages[0].pausedDays == 3)
        #expect(schedule.stages[0].extendedDays == 5)
        #expect(schedule.stages[0].respondBy?.description == "2024-02-01")
        #expect(schedule.status == .open)
        #expect(schedule.nextDue?.what == "respond stage-1")
    }

    @Test("North Somerset may run Stage 1 twice, never three times")
    func repeatableStage() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let twice = try engine.schedule(
            Self.history(
                received: "2024-01-08", service: "waste",
                events: [("2024-01-19", .responded, nil, nil), ("2024-01-22", .escalated, "stage-1", nil)]),
            asOf: Self.date("2024-01-23"))
        #expect(twice.stages.map(\.occurrence) == [1, 2])
        #expect(twice.stages[1].respondBy?.description == "2024-02-05")
        #expect(throws: RecordError.self) {
            try engine.schedule(
                Self.history(
                    received: "2024-01-08", service: "waste",
                    events: [
                        ("2024-01-19", .responded, nil, nil), ("2024-01-22", .escalated, "stage-1", nil),
                        ("2024-01-30", .responded, nil, nil), ("2024-01-31", .escalated, "stage-1", nil),
                    ]),
                asOf: Self.date("2024-02-01"))
        }
    }

    @Test("children's social care: an extension past 65 working days at Stage 2 is capped at 65 and flagged")
    func childrenExtension() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let schedule = try engine.schedule(
            Self.history(
                received: "2024-01-08", service: "childrens-social-care",
                events: [
                    ("2024-01-19", .responded, nil, nil), ("2024-01-29", .escalated, nil, nil),
                    ("2024-02-05", .recordAgreed, nil, nil), ("2024-03-01", .extended, nil, 30), ("2024-04-15", .extended, nil, 15),
                ]),
            asOf: Self.date("2024-04-16"))
        #expect(schedule.stages.last?.stage == "stage-2")
        // Only the 40 working days up to the ceiling counted (45 were granted).
        #expect(schedule.stages.last?.extendedDays == 40)
        #expect(schedule.flags.contains(.extensionBeyondMaximum(stage: "stage-2")))
        // 25 working days from the agreed record (5 Feb), then 45 more would be 70 (16 May); the
        // statute allows at most 65 working days (`redress calendar add 2024-02-05 65`: 9 May).
        #expect(schedule.stages.last?.respondBy?.description == "2024-05-09")
    }

    @Test("the children's review panel runs on its own clock: meet in 30, report in 5, respond in 15")
    func reviewPanel() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        var history = try Self.history(
            received: "2024-01-08", service: "childrens-social-care",
            events: [
                ("2024-01-19", .responded, nil, nil), ("2024-01-29", .escalated, nil, nil), ("2024-02-05", .recordAgreed, nil, nil),
                ("2024-03-01", .responded, nil, nil), ("2024-03-11", .escalated, nil, nil),
            ])
        history.events.append(CaseEvent(on: try Self.date("2024-04-15"), kind: .milestone, milestone: "panel-meeting"))
        let schedule = try engine.schedule(history, asOf: Self.date("2024-04-16"))
        let panel = try #require(schedule.stages.last)
        #expect(panel.stage == "stage-3")
        #expect(panel.milestones.map(\.id) == ["panel-meeting", "panel-report"])
        // 30 working days from the request (11 Mar) across Good Friday and Easter Monday.
        #expect(panel.milestones[0].due?.description == "2024-04-24")
        #expect(panel.milestones[1].due?.description == "2024-04-22")
        #expect(panel.respondBy == nil, "the response clock waits for the panel's report")
        #expect(schedule.nextDue?.what == "panel-report (stage-3)")
    }

    @Test(
        "histories that make no sense are per-case errors",
        arguments: [
            ([("2024-01-05", CaseEvent.Kind.responded, String?.none, Int?.none)], "before the complaint was received"),
            ([("2024-01-19", .responded, nil, nil), ("2024-01-10", .acknowledged, nil, nil)], "events out of order"),
            ([("2024-01-19", .escalated, nil, nil)], "before stage `stage-1` was answered"),
            ([("2024-01-19", .responded, nil, nil), ("2024-01-22", .responded, nil, nil)], "answered twice"),
            ([("2024-01-19", .responded, nil, nil), ("2024-01-22", .escalated, "stage-9", nil)], "has no stage `stage-9`"),
            ([("2024-01-19", .responded, nil, nil), ("2024-01-22", .escalated, nil, nil), ("2024-02-01", .responded, nil, nil), ("2024-02-02", .escalated, nil, nil)], "is the last stage"),
            ([("2024-01-10", .resumed, nil, nil)], "without a pause"),
            ([("2024-01-10", .paused, nil, nil), ("2024-01-11", .paused, nil, nil)], "while already paused"),
            ([("2024-01-10", .closed, nil, nil), ("2024-01-11", .responded, nil, nil)], "after the case was closed"),
            ([("2024-01-10", .acknowledged, "stage-2", nil)], "the case is at stage `stage-1`"),
        ] as [([(String, CaseEvent.Kind, String?, Int?)], String)])
    func nonsense(_ events: [(String, CaseEvent.Kind, String?, Int?)], _ message: String) throws {
        let engine = try #require(EngineFixtures.northSomerset)
        #expect {
            try engine.schedule(Self.history(received: "2024-01-08", service: "waste", events: events), asOf: Self.date("2024-06-01"))
        } throws: { error in
            (error as? RecordError)?.message.contains(message) == true
        }
    }

    @Test("status: due-soon within the window, overdue after it; events after --as-of are ignored")
    func status() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let history = try Self.history(received: "2024-01-08", service: "waste", events: [("2024-01-19", .responded, nil, nil)])
        #expect(try engine.schedule(history, asOf: Self.date("2024-01-09")).status == .open)
        #expect(try engine.schedule(history, asOf: Self.date("2024-01-16")).status == .dueSoon)
        // Due 22 Jan: two working days after 18 Jan, so outside a one-day window.
        #expect(try engine.schedule(history, asOf: Self.date("2024-01-18"), dueSoonWithin: 1).status == .open)
        #expect(try engine.schedule(history, asOf: Self.date("2024-01-18"), dueSoonWithin: 2).status == .dueSoon)
        let afterDue = try engine.schedule(
            Self.history(received: "2024-01-08", service: "waste", events: []), asOf: Self.date("2024-01-23"))
        #expect(afterDue.status == .overdue)
        #expect(try engine.schedule(history, asOf: Self.date("2024-01-18")).flags.contains(.eventsAfterAsOf))
    }
}

@Suite("Schedule: cases outside a procedure")
struct ExcludedScheduleTests {
    @Test("an excluded complaint may be acknowledged and closed, but not escalated")
    func excluded() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let closed = try engine.schedule(
            ScheduleTests.history(
                received: "2024-01-08", service: "schools",
                events: [("2024-01-09", .acknowledged, nil, nil), ("2024-01-10", .closed, nil, nil)]),
            asOf: ScheduleTests.date("2024-02-01"))
        #expect(closed.excluded)
        #expect(closed.status == .closed)
        #expect(throws: RecordError.self) {
            try engine.schedule(
                ScheduleTests.history(received: "2024-01-08", service: "schools", events: [("2024-01-09", .escalated, nil, nil)]),
                asOf: ScheduleTests.date("2024-02-01"))
        }
    }
}
