import Foundation
import Testing

@Suite("redress schedule")
struct ScheduleCommandTests {
    let policy = ["--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library]

    static let cases = """
        {"id":"A","received":"2024-01-08","service":"highways","events":[{"on":"2024-01-19","event":"responded"},{"on":"2024-01-26","event":"escalated"},{"on":"2024-02-15","event":"responded"},{"on":"2024-02-15","event":"closed"}]}
        {"id":"B","received":"2026-01-05","service":"waste","events":[{"on":"2026-01-06","event":"acknowledged"}]}
        {"id":"C","received":"2025-12-01","service":"waste","events":[]}
        {"id":"D","received":"2026-01-05","service":"waste","events":[{"on":"2026-01-04","event":"responded"}]}
        {"id":"E","received":"2026-01-05","service":"waste","events":"[{\\"on\\":\\"2026-01-06\\",\\"event\\":\\"shrugged\\"}]"}
        """

    func run(_ extra: [String]) throws -> CommandResult {
        let input = try ClassifyCommandTests.write(Self.cases, suffix: "jsonl")
        return CommandRunner.run(["schedule"] + policy + [input, "--as-of", "2026-02-16", "--format", "jsonl"] + extra)
    }

    static func ids(_ out: String) -> [String] {
        out.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String }
    }

    @Test("all cases, with status; nonsense histories are error records")
    func all() throws {
        let result = try run([])
        #expect(result.status == 1)
        #expect(Self.ids(result.out) == ["A", "B", "C"])
        #expect(result.out.contains(#""status":"delete-due""#))
        #expect(result.error.contains(#""id":"D","error":"`responded` on 2026-01-04 is before the complaint was received"#))
        #expect(result.error.contains("unknown event `shrugged`"))
    }

    @Test("summary views: --overdue, --delete-due, --due-within")
    func views() throws {
        #expect(Self.ids(try run(["--overdue"]).out) == ["B", "C"])
        #expect(Self.ids(try run(["--delete-due"]).out) == ["A"])
        #expect(Self.ids(try run(["--due-within", "5"]).out).isEmpty)
    }

    @Test("--ics writes the due dates as an iCalendar file")
    func ics() throws {
        let path = ClassifyCommandTests.scratchPath(".ics")
        _ = try run(["--ics", path])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.contains("SUMMARY:B: respond stage-1"))
        #expect(text.contains("SUMMARY:A: delete record"))
    }

    @Test("a bad --as-of date cannot run")
    func badAsOf() {
        let result = CommandRunner.run(["schedule"] + policy + ["/dev/null", "--as-of", "2026-02-30"])
        #expect(result.status == 2)
        #expect(result.error.contains("February 2026 has 28 days"))
    }
}
