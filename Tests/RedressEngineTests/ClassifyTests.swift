import RedressCalendar
import RedressEngine
import RedressTestSupport
import Testing

@Suite("Classify")
struct ClassifyTests {
    @Test("North Somerset: highways complaint received 2024-12-20 → corporate stage-1, respond by 2025-01-08")
    func highways() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let decision = try engine.classify(EngineFixtures.complaint(received: "2024-12-20", service: "highways"))
        #expect(decision.procedure == "corporate")
        #expect(decision.stage == "stage-1")
        #expect(decision.respondBy?.description == "2025-01-08")
        #expect(decision.deemedReceived.description == "2024-12-20")
        #expect(decision.rule == "everything-else")
        #expect(decision.source.file.hasSuffix("north-somerset/2021-01.yaml"))
        #expect(decision.excluded == false)
    }

    @Test("North Somerset: adult social care goes to the adults statutory procedure, acknowledged in 3 working days")
    func adults() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let decision = try engine.classify(EngineFixtures.complaint(received: "2024-12-20", service: "adult-social-care", awareOn: "2024-12-01"))
        #expect(decision.procedure == "adults-statutory")
        #expect(decision.stage == "local-resolution")
        #expect(decision.acknowledgeBy?.description == "2024-12-27")
        #expect(decision.respondBy?.description == "2025-06-20")
        #expect(decision.inTime)
    }

    @Test("North Somerset: a penalty charge notice is excluded with a redirect, whatever the case of the text")
    func penaltyCharge() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        for text in ["I got a Penalty Charge Notice yesterday", "my PCN is wrong", "parking ticket!"] {
            let decision = try engine.classify(EngineFixtures.complaint(received: "2024-12-20", service: "parking", text: text))
            #expect(decision.excluded, "\(text)")
            #expect(decision.procedure == nil)
            #expect(decision.redirect?.contains("Challenge the penalty charge notice") == true)
            #expect(decision.rule == "parking-penalty")
        }
        let unrelated = try engine.classify(EngineFixtures.complaint(received: "2024-12-20", service: "parking", text: "the upcn machine"))
        #expect(!unrelated.excluded, "phrases match on word boundaries only")
    }

    @Test("a weekend receipt is deemed received on Monday and counted from there")
    func weekend() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let decision = try engine.classify(EngineFixtures.complaint(received: "2024-12-21", service: "waste"))
        #expect(decision.deemedReceived.description == "2024-12-23")
        #expect(decision.respondBy?.description == "2025-01-09")
    }

    @Test("a date-time is converted to UK local time before any rule applies")
    func dateTimes() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        // 23:30 UTC on Sunday 30 June 2024 is 00:30 BST on Monday 1 July.
        let decision = try engine.classify(EngineFixtures.complaint(received: "2024-06-30T23:30:00Z", service: "waste"))
        #expect(decision.deemedReceived.description == "2024-07-01")
    }

    @Test("compliments, comments and suggestions are recorded as feedback")
    func feedback() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        for type in ["compliment", "comment", "suggestion"] {
            let decision = try engine.classify(EngineFixtures.complaint(received: "2025-01-07", type: type, service: "libraries"))
            #expect(decision.procedure == nil)
            #expect(decision.flags.contains(.feedback))
            #expect(decision.rule == type + "s")
        }
    }

    @Test("an unknown service is an error, not a guess")
    func unknownService() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        #expect {
            try engine.classify(EngineFixtures.complaint(received: "2025-01-07", service: "highway"))
        } throws: { error in
            (error as? RecordError)?.message.contains("did you mean `highways`?") == true
        }
    }

    @Test("explain lists the rules tried before the deciding one, with reasons")
    func explain() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let decision = try engine.classify(EngineFixtures.complaint(received: "2024-12-20", service: "highways"), explain: true)
        let tried = try #require(decision.tried)
        #expect(tried.count == 10)
        #expect(tried.first?.reason == "type `complaint` is not `compliment`")
        #expect(tried.contains { $0.rule == "adult-social-care" && $0.reason == "service `highways` is not `adult-social-care`" })
    }

    @Test("a time limit flags late complaints without excluding them; cut-off moves receipt to the next working day")
    func timeLimitAndCutoff() throws {
        let policy = """
            redress: 1
            council: { id: t, name: T, nation: england }
            version: { id: "1", effective_from: 2020-01-01, source: fixture }
            calendar: { region: england-and-wales, cutoff: { at: "17:00", source: fixture } }
            statutory_routes: { none: "test fixture" }
            time_limit: { within: 90 calendar days, from: aware, source: fixture }
            procedures:
              corporate:
                stages:
                  - { id: stage-1, acknowledge: { within: 1 working day, source: f }, respond: { within: 10 working days, from: acknowledgement, source: f } }
            routing:
              - { id: social-care, when: { service: [adult-social-care, childrens-social-care] }, exclude: { reason: the county's, redirect: The county council } }
              - { id: old, when: { matter_older_than: 1 year }, procedure: corporate, flags: [historic] }
              - { id: all, procedure: corporate }
            retention:
              - { id: all, keep: 2 years, source: fixture }
            """
        let engine = try EngineFixtures.engine(text: policy)
        let late = try engine.classify(EngineFixtures.complaint(received: "2024-04-01", awareOn: "2024-01-01"))
        #expect(late.inTime == false)
        #expect(late.flags.contains(.outOfTime))
        #expect(late.procedure == "corporate")
        let onTime = try engine.classify(EngineFixtures.complaint(received: "2024-03-31", awareOn: "2024-01-01"))
        #expect(onTime.inTime)
        let unknown = try engine.classify(EngineFixtures.complaint(received: "2024-03-31"))
        #expect(unknown.flags.contains(.awareOnMissing))
        let afterCutoff = try engine.classify(EngineFixtures.complaint(received: "2024-03-05T17:30", awareOn: "2024-03-01"))
        #expect(afterCutoff.deemedReceived.description == "2024-03-06")
        #expect(afterCutoff.acknowledgeBy?.description == "2024-03-07")
        #expect(afterCutoff.respondBy?.description == "2024-03-21")
        let historic = try engine.classify(EngineFixtures.complaint(received: "2024-03-05", awareOn: "2023-03-01"))
        #expect(historic.rule == "old")
        #expect(historic.flags.contains(.policy("historic")))
    }

    @Test("versions: the one in force on the deemed receipt date decides; overlapping versions are refused")
    func versions() throws {
        func version(_ id: String, from: String, to: String?, days: Int) -> String {
            """
            redress: 1
            council: { id: t, name: T, nation: england }
            version: { id: "\(id)", effective_from: \(from)\(to.map { ", effective_to: \($0)" } ?? ""), source: fixture }
            calendar: { region: england-and-wales }
            statutory_routes: { none: "test fixture" }
            procedures:
              corporate:
                stages: [{ id: stage-1, respond: { within: \(days) working days, source: f } }]
            routing:
              - { id: social-care, when: { service: [adult-social-care, childrens-social-care] }, exclude: { reason: the county's, redirect: The county council } }
              - { id: all, procedure: corporate }
            retention: [{ id: all, keep: 2 years, source: fixture }]
            """
        }
        let loader = EngineFixtures.loader
        let old = try loader.loadChecked(bytes: Array(version("old", from: "2014-01-01", to: "2019-05-31", days: 10).utf8), path: "old.yaml")
        let new = try loader.loadChecked(bytes: Array(version("new", from: "2019-06-01", to: nil, days: 20).utf8), path: "new.yaml")
        let engine = try Engine([new, old])
        // Saturday 1 June 2019 counts from Monday 3 June: the new version.
        let before = try engine.classify(EngineFixtures.complaint(received: "2019-05-31"))
        #expect(before.versionID == "old")
        #expect(try engine.classify(EngineFixtures.complaint(received: "2019-06-01")).versionID == "new")
        #expect(throws: RecordError.self) { try engine.classify(EngineFixtures.complaint(received: "2013-06-01")) }
        let overlapping = try loader.loadChecked(bytes: Array(version("x", from: "2019-01-01", to: nil, days: 5).utf8), path: "x.yaml")
        #expect(throws: (any Error).self) { try Engine([old, overlapping]) }
    }
}
