import RedressCalendar
import RedressEngine
@testable import RedressFormats
import RedressTestSupport
import Testing

/// The iCalendar writer's own rules; `redress schedule --ics` is checked against the `icalendar`
/// package in the command tests.
@Suite("iCalendar writer")
struct ICalendarWriterTests {
    @Test("all-day events, escaped and folded")
    func icalendar() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let history = CaseHistory(
            complaint: try EngineFixtures.complaint("K-1", received: "2024-01-08", service: "waste", awareOn: "2024-01-08"), events: [])
        let schedule = try engine.schedule(history, asOf: LocalDate(iso: "2024-01-09"))
        let writer = ICalendarWriter(stamp: try LocalDate(iso: "2024-01-09"))
        let text = writer.header + writer.events(for: schedule) + writer.footer
        #expect(text.contains("DTSTART;VALUE=DATE:20240122\r\n"))
        #expect(text.contains("SUMMARY:K-1: respond stage-1\r\n"))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ICalendarWriter.escape("a,b;c") == "a\\,b\\;c")
        #expect(ICalendarWriter.fold(String(repeating: "x", count: 100)).split(separator: "\r\n").count == 2)
    }
}
