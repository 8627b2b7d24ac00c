import Foundation
import RedressCalendar
import RedressPolicy
import RedressTestSupport
import Testing

@testable import RedressEngine
@testable import RedressFormats

/// Regression tests for the batch audit's findings, each with its exact input (issue 14).
@Suite("Strict and linear readers")
struct StrictInputTests {
    @Test("numbers outside RFC 8259 are refused, never copied into the output", arguments: ["+1", ".5", "01", "1.", "-", "1e", "--1", "0x10", "1.5e+"])
    func strictNumbers(_ number: String) {
        #expect(throws: RecordError.self) { try JSONObjectReader.read(Array(#"{"id":"a","n":\#(number)}"#.utf8)) }
    }

    @Test("RFC 8259 numbers are read", arguments: ["0", "-0", "1", "-12", "1.5", "1e9", "1E-9", "-0.25e+3"])
    func numbers(_ number: String) throws {
        let fields = try JSONObjectReader.read(Array(#"{"n":\#(number)}"#.utf8))
        #expect(fields.first?.rawJSON == number)
    }

    @Test("a line with many keys is read whole, and a repeated name is found however far along")
    func manyKeys() throws {
        // That the reading is linear in the keys (it was quadratic: 52 s for 96,000) is measured by
        // `scripts/speed.sh limits`, not asserted here: a test never times itself.
        func line(_ count: Int, repeating repeated: Int? = nil) -> [UInt8] {
            var text = #"{"id":"K","received":"2024-12-20""#
            for index in 0..<count { text += #","k\#(index)":\#(index)"# }
            if let repeated { text += #","k\#(repeated)":0"# }
            return Array((text + "}").utf8)
        }
        let fields = try JSONObjectReader.read(line(40_000))
        #expect(fields.count == 40_002)
        let complaint = try Complaint(record: InputRecord(line: 1, fields: fields))
        #expect(complaint.extra.count == 40_000)
        #expect(complaint.extra.last?.name == "k39999")
        // A repeated name among the first few fields (compared one by one) and past them (a set).
        // (k13 is the sixteenth name: the set once missed it, so a second k13 was taken.)
        for repeated in [0, 12, 13, 14, 15, 16, 39_999] {
            #expect(throws: RecordError.self, "k\(repeated) twice") { _ = try JSONObjectReader.read(line(40_000, repeating: repeated)) }
            #expect(throws: RecordError.self, "k\(repeated) twice") { _ = try JSONObjectReader.read(line(repeated + 1, repeating: repeated)) }
        }
        #expect(throws: RecordError.self) { _ = try JSONObjectReader.read(Array(#"{"id":"a","id":"b"}"#.utf8)) }
    }

    @Test("an unclosed CSV quote is bounded by the line limit and reported where it opened")
    func unclosedQuote() throws {
        let rows = ["id,received,service", "C1,2024-12-20,waste", "C2,2024-12-20,\"waste"] + Array(repeating: "C3,2024-12-20,waste", count: 5)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("redress-quote-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try rows.joined(separator: "\n").write(to: url, atomically: false, encoding: .utf8)
        var stream = RecordStream(reader: LineReader(handle: try FileHandle(forReadingFrom: url)), format: .csv)
        var results: [Result<InputRecord, RecordFailure>] = []
        while let next = stream.next() { results.append(next) }
        guard case .failure(let failure) = results.last else { Issue.record("no failure: \(results)"); return }
        #expect(failure.line == 3, "reported at line \(failure.line)")
        var parser = CSVRecordParser(maxRecordBytes: 64)
        #expect(try parser.feed(ArraySlice("a,\"open".utf8)) == nil)
        #expect(throws: RecordError.self) {
            for _ in 0..<10 { _ = try parser.feed(ArraySlice("more text inside the quote".utf8)) }
        }
    }

    @Test("dates never print past 9999: a retention date beyond it is an error")
    func yearNineThousand() throws {
        let calendar = try #require(EngineFixtures.northSomerset?.versions.first?.calendar)
        let far = try LocalDate(iso: "9950-01-01")
        #expect(throws: CalendarError.beyondYear9999) { try PolicyDuration(75, .years).date(after: far, calendar: calendar) }
        #expect(try PolicyDuration(49, .years).date(after: far, calendar: calendar).description == "9999-01-01")
    }

    @Test("an empty id is refused in every format")
    func emptyID() {
        #expect(throws: RecordError.self) {
            try Complaint(record: InputRecord(line: 1, fields: try JSONObjectReader.read(Array(#"{"id":"  ","received":"2024-12-20"}"#.utf8))))
        }
    }

    @Test("phrases match across runs of spaces, tabs and line breaks")
    func phraseWhitespace() throws {
        let engine = try #require(EngineFixtures.northSomerset)
        for text in ["PENALTY   CHARGE NOTICE", "penalty\tcharge\nnotice", "a penalty  charge\r\n notice here"] {
            let decision = try engine.classify(EngineFixtures.complaint(received: "2024-12-20", service: "waste", text: text))
            #expect(decision.rule == "parking-penalty", "\(text.debugDescription) → \(decision.rule)")
        }
    }

    @Test("behaviour refuses values it cannot read", arguments: [
        (#"{"complainant":"P","on":"2024-01-01","kind":"review-request","procedure_exhausted":"yes"}"#, "must be true or false"),
        (#"{"complainant":"P","on":"2024-01-01","kind":"parallel","route":"newspaper"}"#, "unknown route `newspaper`"),
        (#"{"complainant":"P","on":"2024-01-01","kind":"parallel","route":"councilor"}"#, "did you mean `councillor`?"),
    ])
    func behaviourValues(_ line: String, _ message: String) throws {
        let fields = try JSONObjectReader.read(Array(line.utf8))
        do {
            _ = try ContactRecord(record: InputRecord(line: 1, fields: fields))
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test("working-day arithmetic that would overflow is out of range, not a crash")
    func overflow() throws {
        let calendar = try #require(EngineFixtures.northSomerset?.versions.first?.calendar)
        let day = try LocalDate(iso: "2024-01-01")
        #expect(throws: CalendarError.self) { try calendar.adding(workingDays: .max, to: day) }
        #expect(throws: CalendarError.self) { try calendar.adding(workingDays: .min, to: day) }
    }
}
