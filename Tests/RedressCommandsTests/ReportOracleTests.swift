import Foundation
import RedressTestSupport
import Testing

/// The report's headline figures recomputed by pandas from the same 2,000 generated cases: pandas
/// reads the input and `redress schedule`'s output for the same day and aggregates them its own way
/// (group-bys over data frames, no shared code), and every figure must agree exactly.
@Suite("redress report against pandas")
struct ReportOracleTests {
    /// A period whose first day follows a working day and whose last day is one, so a complaint's
    /// deemed receipt is in it exactly when its received date is.
    static let from = "2024-05-08"
    static let to = "2024-08-23"

    static let script = Oracle.imports("pandas") + """
        import json, sys
        cases = pandas.read_json(sys.argv[1], lines=True, dtype={"received": str})
        schedules = pandas.read_json(sys.argv[2], lines=True, dtype=False)
        frame = cases[["id", "received", "service"]].merge(schedules, on="id", how="inner")
        frame = frame[(frame.received >= sys.argv[3]) & (frame.received <= sys.argv[4])]
        handled = frame[~frame.excluded]
        runs = handled.explode("stages").dropna(subset=["stages"])
        runs = pandas.concat([runs[["id", "procedure"]].reset_index(drop=True), pandas.json_normalize(list(runs.stages))], axis=1)
        answered = runs[runs.responded.notna()]
        late = runs[runs.days_late.fillna(0) > 0]
        stages = {}
        for (procedure, stage), group in runs.groupby(["procedure", "stage"]):
            done = answered[(answered.procedure == procedure) & (answered.stage == stage)]
            slow = late[(late.procedure == procedure) & (late.stage == stage)]
            stages[f"{procedure}/{stage}"] = {"runs": int(len(group)), "answered": int(len(done)), "on_time": int((done.met == True).sum()),
                "late": int(len(slow)), "days_late": round(float(slow.days_late.mean()), 1) if len(slow) else None}
        # The first two stages of North Somerset's procedures that have a second stage.
        two = {"corporate": ("stage-1", "stage-2"), "children-statutory": ("stage-1", "stage-2")}
        def cases_at(position):
            return sum(runs[(runs.procedure == p) & (runs.stage == stages[position])].id.nunique() for p, stages in two.items())
        # Escalated: at the second stage having been at the first (every generated case starts at Stage 1).
        second, first = cases_at(1), cases_at(0)
        print(json.dumps({
            "complaints": int(len(frame)), "excluded": int(frame.excluded.sum()),
            "open": int(handled.status.isin(["open", "due-soon", "overdue"]).sum()), "overdue": int((handled.status == "overdue").sum()),
            "services": {k: int(v) for k, v in frame.service.value_counts().items()},
            "stages": stages, "escalated": [int(second), int(first)],
        }, sort_keys=True))
        """

    @Test("headline figures, volumes by service, and each stage's timeliness agree with pandas on 2,000 cases")
    func agrees() throws {
        try TemporaryFolder.with { folder in
            let cases = folder.file("cases.jsonl")
            let generator = CommandRunner.repositoryRoot.appendingPathComponent("scripts/generate_cases.py").path
            let generated = try ChildProcess.run("/usr/bin/env", ["python3", generator, "2000", cases])
            #expect(generated.status == 0, "\(generated.text)")
            let policy = ["--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library]
            let schedule = CommandRunner.run(["schedule"] + policy + ["--as-of", Self.to, cases])
            let schedules = try folder.write(schedule.out, to: "schedules.jsonl")
            // The generated cases include invalid ones on purpose (exit 1, each an error record).
            let report = try ReportCommandTests.Report(["report"] + policy + ["--from", Self.from, "--to", Self.to, cases], status: 1)
            guard let (status, output) = try Oracle.python(Self.script, [cases, schedules, Self.from, Self.to]).result() else { return }
            #expect(status == 0, "\(output)")
            let pandas = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let period = "\(Self.from) to \(Self.to)"
            #expect(try report.count("summary", "complaints", "Value", period) == pandas["complaints"] as? Int)
            #expect(try report.count("summary", "excluded", "Value", period) == pandas["excluded"] as? Int)
            #expect(try report.count("summary", "open", "Value", period) == pandas["open"] as? Int)
            #expect(try report.count("summary", "overdue", "Value", period) == pandas["overdue"] as? Int)
            let escalated = try #require(pandas["escalated"] as? [Int])
            #expect(try report.share("summary", "escalated", "Value", period) == "\(escalated[0])/\(escalated[1])")
            for (service, count) in try #require(pandas["services"] as? [String: Int]) {
                #expect(try report.count("by-service", service, "Complaints", period) == count, "\(service)")
            }
            let stages = try #require(pandas["stages"] as? [String: [String: Any]])
            #expect(stages.count >= 2)
            for (key, figures) in stages {
                #expect(try report.count("timeliness", key, "Runs", period) == figures["runs"] as? Int, "\(key)")
                #expect(try report.count("timeliness", key, "Answered", period) == figures["answered"] as? Int, "\(key)")
                #expect(try report.share("timeliness", key, "Answered on time", period) == "\(figures["on_time"] ?? "")/\(figures["answered"] ?? "")", "\(key)")
                #expect(try report.count("late-extended", key, "Late", period) == figures["late"] as? Int, "\(key)")
                #expect(try report.value("late-extended", key, "Average working days late", period) as? Double == figures["days_late"] as? Double, "\(key)")
            }
        }
    }
}
