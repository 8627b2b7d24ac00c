import RedressCalendar
import RedressEngine
import RedressPolicy

/// The compiled engine against North Somerset's routing written by hand as a Swift `switch`, both
/// doing the same work per complaint: route, deem the receipt date, date the first stage.
enum EngineBenchmark {
    static func complaints(count: Int) throws -> [Complaint] {
        let services = ["highways", "waste", "parking", "housing", "adult-social-care", "childrens-social-care", "schools",
                        "council-tax", "libraries", "councillor-conduct", "planning", "benefits"]
        let texts = ["The pothole on Mill Lane is still there after three reports", "I got a penalty charge notice while loading",
                     "My bin was missed again this week and nobody answered the phone", "Staff were rude to me at the office",
                     "The parking ticket machine was broken so I could not pay", "Damp in the flat has not been repaired"]
        let types = ["complaint", "complaint", "complaint", "complaint", "complaint", "complaint", "compliment", "comment"]
        let start = try LocalDate(iso: "2024-01-01")
        return (0..<count).map { i in
            Complaint(
                id: "B-\(i)", received: LocalDateTime(date: start.adding(days: (i * 7) % 700)), type: types[i % types.count],
                service: services[(i / 3) % services.count], categories: i % 17 == 0 ? ["council-decision"] : [],
                channel: "web", madeBy: "customer", text: texts[(i / 5) % texts.count])
        }
    }

    static func run(library: PolicyLibrary) throws {
        let loaded = try PolicyLoader(library: library).loadChecked(path: library.root + "/councils/north-somerset/2021-01.yaml")
        let engine = try Engine([loaded])
        let inputs = try complaints(count: 65_536)
        let operations = 400_000
        let subject = Measure.best("Engine.classify (compiled policy)", operations: operations) {
            var checksum = 0
            for i in 0..<operations {
                if let decision = try? engine.classify(inputs[i & 65_535]) {
                    checksum &+= decision.respondBy?.dayNumber ?? decision.rule.utf8.count
                }
            }
            return checksum
        }
        let calendar = loaded.calendar
        let baseline = Measure.best("hand-written switch (same routing)", operations: operations) {
            var checksum = 0
            for i in 0..<operations {
                let result = handWritten(inputs[i & 65_535], calendar: calendar)
                checksum &+= result.respondBy?.dayNumber ?? result.rule.utf8.count
            }
            return checksum
        }
        Measure.report("Engine: classify a North Somerset complaint", subject: subject, baseline: baseline)
        print(String(format: "  throughput: engine %.0f complaints/s, hand-written %.0f complaints/s\n",
                     1e9 / subject.nanosecondsPerOperation, 1e9 / baseline.nanosecondsPerOperation))
    }

    struct Routed {
        var rule: String
        var procedure: String?
        var acknowledgeBy: LocalDate?
        var respondBy: LocalDate?
    }

    /// North Somerset 2021-01's routing table (policies/councils/north-somerset/2021-01.yaml) as
    /// ordinary Swift, the way it would be written without a rules engine.
    static func handWritten(_ complaint: Complaint, calendar: WorkingDayCalendar) -> Routed {
        guard let received = try? calendar.workingDay(onOrAfter: complaint.received.date) else {
            return Routed(rule: "error")
        }
        switch complaint.type {
        case "compliment": return Routed(rule: "compliments")
        case "comment": return Routed(rule: "comments")
        case "suggestion": return Routed(rule: "suggestions")
        default: break
        }
        switch complaint.service {
        case "adult-social-care":
            return Routed(
                rule: "adult-social-care", procedure: "adults-statutory",
                acknowledgeBy: try? calendar.adding(workingDays: 3, to: received), respondBy: received.adding(months: 6))
        case "childrens-social-care":
            return Routed(rule: "childrens-social-care", procedure: "children-statutory", respondBy: try? calendar.adding(workingDays: 10, to: received))
        default: break
        }
        let text = (complaint.text ?? "").lowercased()
        if text.contains("penalty charge notice") || text.contains("parking ticket") || containsWord(text, "pcn") {
            return Routed(rule: "parking-penalty")
        }
        switch complaint.service {
        case "schools": return Routed(rule: "schools")
        case "councillor-conduct": return Routed(rule: "councillor-conduct")
        default: break
        }
        let categories = complaint.categories
        if categories.contains(where: { ["statutory-appeal", "planning-appeal", "legal-remedy"].contains($0) }) {
            return Routed(rule: "statutory-appeal")
        }
        if categories.contains("council-decision") { return Routed(rule: "council-decision") }
        return Routed(rule: "everything-else", procedure: "corporate", respondBy: try? calendar.adding(workingDays: 10, to: received))
    }

    static func containsWord(_ text: String, _ word: String) -> Bool {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0 == word }
    }
}
