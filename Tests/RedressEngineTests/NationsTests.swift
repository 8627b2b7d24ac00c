import Foundation
import RedressCalendar
import RedressTestSupport
import Testing

@testable import RedressEngine
@testable import RedressFormats

/// Scotland, Northern Ireland and Wales decided as their model procedures say, with every working
/// day counted by an independent oracle: python-holidays for each nation's bank holidays and
/// numpy's `busday_offset` for the counting. A case names its expected dates as "N working days
/// after D"; the oracle turns them into dates.
@Suite("Every nation")
struct NationsTests {
    /// A case history run through a bundled council, and what its schedule must say.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var council: String
        var received: String
        var awareOn: String?
        var service = "waste"
        var categories: [String] = []
        var events: String
        var asOf: String
        /// Stage index → expected respond_by as (from date, working days).
        var respondBy: [Int: (String, Int)] = [:]
        var escalateBy: (Int, String)?
        var met: [Int: Bool] = [:]
        var flags: [String] = []
        var notFlags: [String] = []
        var firstStage: String?
        var status: String?

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "Fife: Stage 2 extended by agreement by 10 working days and answered within it is met",
            council: "fife", received: "2024-03-04",
            events: #"[{"on":"2024-03-08","event":"responded"},{"on":"2024-03-11","event":"escalated"},{"on":"2024-03-20","event":"extended","days":10,"agreed":true},{"on":"2024-04-18","event":"responded"}]"#,
            asOf: "2024-05-01", respondBy: [1: ("2024-03-11", 30)], met: [1: true], flags: ["extension-agreed:investigation"],
            notFlags: ["extension-beyond-maximum:investigation", "extension-not-agreed:investigation"]),
        Case(
            name: "Fife: the same extension not recorded as agreed stays capped at 20 working days, flagged",
            council: "fife", received: "2024-03-04",
            events: #"[{"on":"2024-03-08","event":"responded"},{"on":"2024-03-11","event":"escalated"},{"on":"2024-03-20","event":"extended","days":10},{"on":"2024-04-18","event":"responded"}]"#,
            asOf: "2024-05-01", respondBy: [1: ("2024-03-11", 20)], met: [1: false], flags: ["extension-not-agreed:investigation"]),
        Case(
            name: "Fife: Stage 2 may be asked for up to 6 months after the event when that is later than 2 months after Stage 1",
            council: "fife", received: "2024-03-04", awareOn: "2024-02-20",
            events: #"[{"on":"2024-03-08","event":"responded"},{"on":"2024-07-15","event":"escalated"}]"#,
            asOf: "2024-07-16", escalateBy: (0, "2024-08-20"), notFlags: ["escalated-outside-window"]),
        Case(
            name: "Fife: a complex complaint goes straight to the Stage 2 investigation",
            council: "fife", received: "2024-03-04", categories: ["complex"], events: "[]", asOf: "2024-03-05",
            respondBy: [0: ("2024-03-04", 20)], firstStage: "investigation"),
        Case(
            name: "Ards: Stage 1 extended to 8 working days, within the model's 10, is met",
            council: "ards-and-north-down", received: "2024-03-04",
            events: #"[{"on":"2024-03-06","event":"extended","days":3},{"on":"2024-03-14","event":"responded"}]"#,
            asOf: "2024-03-20", respondBy: [0: ("2024-03-04", 8)], met: [0: true], notFlags: ["extension-beyond-maximum:stage-1"]),
        Case(
            name: "Ards: Stage 2 extended by agreement is met on its revised date",
            council: "ards-and-north-down", received: "2024-03-04",
            events: #"[{"on":"2024-03-08","event":"responded"},{"on":"2024-03-11","event":"escalated"},{"on":"2024-04-02","event":"extended","days":5,"agreed":true},{"on":"2024-04-15","event":"responded"}]"#,
            asOf: "2024-05-01", respondBy: [1: ("2024-03-11", 25)], met: [1: true], flags: ["extension-agreed:stage-2"]),
        Case(
            name: "Swansea: a social services complaint may go on to the formal investigation, answered within 25 working days",
            council: "swansea", received: "2024-03-04", service: "adult-social-care",
            events: #"[{"on":"2024-03-05","event":"acknowledged"},{"on":"2024-03-12","event":"milestone","milestone":"discussion"},{"on":"2024-03-15","event":"responded"},{"on":"2024-03-18","event":"escalated"}]"#,
            asOf: "2024-03-19", respondBy: [1: ("2024-03-18", 25)]),
        Case(
            name: "North Somerset: a stage answered without an acknowledgement no longer owes one, and the case ends",
            council: "north-somerset", received: "2024-03-04", service: "adult-social-care",
            events: #"[{"on":"2024-03-20","event":"responded"}]"#, asOf: "2025-06-01",
            flags: ["acknowledgement-missed:local-resolution", "closed-by-time"], status: "closed"),
    ]

    /// The oracle: "N working days after D" in a nation's calendar (python-holidays + numpy).
    static func oracle(_ questions: [(String, Int)], nation: String) throws -> [String]? {
        let subdivision = ["scotland": "SCT", "northern-ireland": "NIR", "wales": "WLS", "england": "ENG"][nation] ?? "ENG"
        let script = Oracle.imports("holidays", "numpy") + """
            import sys
            days = holidays.UK(subdiv=sys.argv[1], years=range(2023, 2027))
            off = [str(d) for d in days]
            for question in sys.argv[2:]:
                start, count = question.split("+")
                print(numpy.busday_offset(start, int(count), roll="forward", holidays=off))
            """
        guard let (status, output) = try Oracle.python(script, [subdivision] + questions.map { "\($0.0)+\($0.1)" }).result() else { return nil }
        #expect(status == 0, "\(output)")
        return output.split(separator: "\n").map(String.init)
    }

    static let nations = ["fife": "scotland", "ards-and-north-down": "northern-ireland", "swansea": "wales", "north-somerset": "england"]

    @Test("each nation's case", arguments: cases)
    func nation(_ test: Case) throws {
        let engine = try EngineFixtures.engine(folder: "councils/\(test.council)")
        var fields = "\"id\":\"N-1\",\"received\":\"\(test.received)\",\"service\":\"\(test.service)\",\"events\":\(test.events)"
        if let aware = test.awareOn { fields += ",\"aware_on\":\"\(aware)\"" }
        if !test.categories.isEmpty { fields += ",\"categories\":[" + test.categories.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        let record = InputRecord(line: 1, fields: try JSONObjectReader.read(Array("{\(fields)}".utf8)))
        let schedule = try engine.schedule(CaseHistory(record: record), asOf: LocalDate(iso: test.asOf))
        let questions = test.respondBy.sorted { $0.key < $1.key }
        if !questions.isEmpty {
            guard let answers = try Self.oracle(questions.map(\.value), nation: Self.nations[test.council] ?? "england") else { return }
            for ((stage, _), expected) in zip(questions, answers) {
                #expect(schedule.stages[stage].respondBy?.description == expected, "stage \(stage)")
            }
        }
        if let (stage, date) = test.escalateBy { #expect(schedule.stages[stage].escalateBy?.description == date) }
        for (stage, met) in test.met { #expect(schedule.stages[stage].met == met, "stage \(stage)") }
        for flag in test.flags { #expect(schedule.flags.map(\.description).contains(flag), "\(flag) in \(schedule.flags)") }
        for flag in test.notFlags { #expect(!schedule.flags.map(\.description).contains(flag), "\(flag) in \(schedule.flags)") }
        if let first = test.firstStage { #expect(schedule.stages.first?.stage == first) }
        if let status = test.status { #expect(schedule.status.rawValue == status) }
    }

    @Test("Ards and North Down sends social care complaints to the Health and Social Care Trust")
    func ardsSocialCare() throws {
        let engine = try EngineFixtures.engine(folder: "councils/ards-and-north-down")
        let record = InputRecord(line: 1, fields: try JSONObjectReader.read(Array(#"{"id":"A","received":"2024-03-04","service":"adult-social-care"}"#.utf8)))
        let decision = try engine.classify(Complaint(record: record))
        #expect(decision.excluded)
        #expect(decision.redirect?.contains("Health and Social Care Trust") == true)
    }
}
