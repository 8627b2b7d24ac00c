import RedressCalendar
import RedressEngine
import RedressFormats
import RedressPolicy

/// The compiled engine against North Somerset's policy written by hand (`TightRouting`), both
/// making the same full decision per complaint; every input's two decisions are encoded and
/// compared byte for byte before anything is timed.
enum EngineBenchmark {
    /// Varied complaints: every type, service, channel and made_by, categories, texts that do and
    /// do not mention the parking phrases (in other cases, across spaces and line breaks, inside
    /// other words), aware_on dates in and out of time, bank holidays and weekends.
    static func complaints(count: Int) throws -> [Complaint] {
        let services = ["highways", "waste", "parking", "housing", "adult-social-care", "childrens-social-care", "schools",
                        "council-tax", "libraries", "councillor-conduct", "planning", "benefits"]
        let texts = ["The pothole on Mill Lane is still there after three reports", "I got a Penalty  Charge\nNotice while loading",
                     "My bin was missed again this week and nobody answered the phone", "Staff were rude to me at the office",
                     "The PARKING TICKET machine was broken so I could not pay", "Damp in the flat has not been repaired",
                     "upcn and pcnx are not words here", "PCN 12345 issued wrongly", "Café staff — très rude (pcn?)"]
        let types = ["complaint", "complaint", "complaint", "complaint", "complaint", "complaint", "compliment", "comment", "suggestion"]
        let channels = ["web", "email", "phone", "letter", "in-person", "social-media"]
        let makers = ["customer", "representative", "mp", "councillor"]
        let categories: [[String]] = [[], [], ["council-decision"], ["Statutory-Appeal"], ["repairs", "legal-remedy"]]
        let start = try LocalDate(iso: "2024-01-01")
        return (0..<count).map { i in
            let received = start.adding(days: (i * 7) % 700)
            return Complaint(
                id: "B-\(i)", received: LocalDateTime(date: received), type: types[i % types.count],
                service: i % 23 == 0 ? nil : services[(i / 3) % services.count], categories: categories[(i / 7) % categories.count],
                channel: channels[i % channels.count], madeBy: makers[(i / 2) % makers.count],
                awareOn: i % 5 == 0 ? nil : received.adding(days: -[3, 40, 400, 800][(i / 11) % 4]), text: texts[(i / 5) % texts.count])
        }
    }

    static func run(library: PolicyLibrary) throws {
        let loaded = try PolicyLoader(library: library).loadChecked(path: library.root + "/councils/north-somerset/2021-01.yaml")
        let engine = try Engine([loaded])
        let tight = TightRouting(loaded)
        let inputs = try complaints(count: 65_536)
        // Equal decisions first: a baseline that decides differently would measure nothing.
        let encoder = DecisionEncoder(format: .jsonl)
        var compared = 0
        for complaint in inputs {
            let fromEngine = try? engine.classify(complaint)
            let byHand = tight.decide(complaint)
            guard fromEngine.map(encoder.encode) == byHand.map(encoder.encode) else {
                print("MISMATCH for \(complaint.id):\n  engine: \(fromEngine.map(encoder.encode) ?? "error")  by hand: \(byHand.map(encoder.encode) ?? "error")")
                throw BenchmarkFailure.baselineDisagrees
            }
            compared += 1
        }
        let operations = 200_000
        let (subject, baseline) = Measure.paired(
            "Engine.classify (compiled policy)", "hand-written tight routing (same decisions)", operations: operations
        ) {
            var checksum = 0
            for i in 0..<operations {
                if let decision = try? engine.classify(inputs[i & 65_535]) {
                    checksum &+= decision.respondBy?.dayNumber ?? decision.rule.utf8.count
                }
            }
            return checksum
        } baseline: {
            var checksum = 0
            for i in 0..<operations {
                if let decision = tight.decide(inputs[i & 65_535]) {
                    checksum &+= decision.respondBy?.dayNumber ?? decision.rule.utf8.count
                }
            }
            return checksum
        }
        Measure.report("Engine: a full North Somerset decision (\(compared) inputs checked identical)", subject: subject, baseline: baseline)
        print(String(format: "  engine/tight ratio: %.2f (goal ≤ 1.25); throughput: engine %.0f/s, hand-written %.0f/s\n",
                     subject.nanosecondsPerOperation / baseline.nanosecondsPerOperation,
                     1e9 / subject.nanosecondsPerOperation, 1e9 / baseline.nanosecondsPerOperation))
    }

    enum BenchmarkFailure: Error { case baselineDisagrees }
}
