import Testing

@testable import RedressCalendar

@Suite("Dates")
struct LocalDateTests {
    @Test(
        "valid ISO dates round-trip",
        arguments: ["2024-12-20", "2024-02-29", "2000-02-29", "1970-01-01", "1969-12-31", "2030-12-31", "1000-01-01"])
    func roundTrip(_ text: String) throws {
        #expect(try LocalDate(iso: text).description == text)
    }

    @Test(
        "invalid dates are refused with a reason",
        arguments: [
            ("2023-02-29", "February 2023 has 28 days, not 29"),
            ("2024-13-01", "month 13 does not exist"),
            ("2024-04-31", "April 2024 has 30 days, not 31"),
            ("2024-00-10", "month 0 does not exist"),
            ("1900-02-29", "February 1900 has 28 days, not 29"),
            ("yesterday", "is not a date in the form YYYY-MM-DD"),
            ("2024-1-01", "is not a date in the form YYYY-MM-DD"),
            ("2024/01/01", "is not a date in the form YYYY-MM-DD"),
            ("20240101", "is not a date in the form YYYY-MM-DD"),
            ("", "is not a date in the form YYYY-MM-DD"),
            ("0999-01-01", "outside 1000–9999"),
            ("２０２４-01-01", "is not a date in the form YYYY-MM-DD"),
        ])
    func invalid(_ text: String, _ reason: String) {
        #expect {
            try LocalDate(iso: text)
        } throws: { error in
            String(describing: error).contains(reason)
        }
    }

    @Test("day numbers match the civil calendar across eras")
    func dayNumbers() throws {
        #expect(try LocalDate(iso: "1970-01-01").dayNumber == 0)
        #expect(try LocalDate(iso: "2000-03-01").dayNumber == 11_017)
        var date = try LocalDate(iso: "1899-12-25")
        for _ in 0..<100_000 {
            let next = date.adding(days: 1)
            let (y, m, d) = date.components
            let expectedNext =
                d < LocalDate.daysInMonth(year: y, month: m)
                ? (y, m, d + 1) : (m == 12 ? (y + 1, 1, 1) : (y, m + 1, 1))
            #expect(next.components == expectedNext)
            date = next
        }
    }

    @Test(
        "weekdays",
        arguments: [
            ("2024-12-20", Weekday.friday), ("2024-12-21", .saturday), ("2024-12-22", .sunday),
            ("2025-01-06", .monday), ("1970-01-01", .thursday), ("1969-12-29", .monday),
        ])
    func weekdays(_ text: String, _ weekday: Weekday) throws {
        #expect(try LocalDate(iso: text).weekday == weekday)
    }

    @Test(
        "adding months clamps to the end of the month; years keep 29 February honest",
        arguments: [
            ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"), ("2024-03-31", -1, "2024-02-29"),
            ("2024-10-31", 1, "2024-11-30"), ("2024-12-15", 1, "2025-01-15"), ("2024-03-01", 6, "2024-09-01"),
            ("2024-01-15", -13, "2022-12-15"), ("2024-08-31", 6, "2025-02-28"),
        ])
    func months(_ start: String, _ months: Int, _ expected: String) throws {
        #expect(try LocalDate(iso: start).adding(months: months).description == expected)
    }

    @Test("adding years")
    func years() throws {
        #expect(try LocalDate(iso: "2024-02-29").adding(years: 1).description == "2025-02-28")
        #expect(try LocalDate(iso: "2024-02-15").adding(years: 2).description == "2026-02-15")
        #expect(try LocalDate(iso: "2024-02-29").adding(years: 4).description == "2028-02-29")
    }

    @Test(
        "date-times with offsets become UK local dates and times",
        arguments: [
            ("2024-12-20", "2024-12-20", nil),
            ("2024-12-20T16:59", "2024-12-20", "16:59"),
            ("2024-06-30T23:30:00Z", "2024-07-01", "00:30"),
            ("2024-12-31T23:30:00Z", "2024-12-31", "23:30"),
            ("2024-06-30T23:30:00+01:00", "2024-06-30", "23:30"),
            ("2024-07-01T01:15:00+02:00", "2024-07-01", "00:15"),
            ("2024-01-01T00:30:00-05:00", "2024-01-01", "05:30"),
            ("2024-03-31T00:59:59Z", "2024-03-31", "00:59"),
            ("2024-03-31T01:00:00Z", "2024-03-31", "02:00"),
            ("2024-10-27T00:59:00Z", "2024-10-27", "01:59"),
            ("2024-10-27T01:00:00Z", "2024-10-27", "01:00"),
            ("2024-05-05T10:00:00.123Z", "2024-05-05", "11:00"),
        ] as [(String, String, String?)])
    func dateTimes(_ text: String, _ date: String, _ time: String?) throws {
        let parsed = try LocalDateTime(iso: text)
        #expect(parsed.date.description == date)
        #expect(parsed.time?.description == time)
    }

    @Test(
        "malformed date-times are refused",
        arguments: ["2024-12-20T25:00Z", "2024-12-20T10:00+1", "2024-12-20T10", "2024-12-20X10:00", "2024-02-30T10:00Z"])
    func badDateTimes(_ text: String) {
        #expect(throws: DateError.self) { try LocalDateTime(iso: text) }
    }
}
