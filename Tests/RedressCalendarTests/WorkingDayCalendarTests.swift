import Testing

@testable import RedressCalendar

@Suite("Working days")
struct WorkingDayCalendarTests {
    let england = CalendarFixtures.calendars["england-and-wales"]

    @Test("every region's calendar file loads")
    func loads() {
        for region in CalendarFixtures.regions {
            #expect(CalendarFixtures.calendars[region] != nil, "\(region) did not load")
        }
    }

    @Test(
        "the deadline rule: day of receipt is day 0; a weekend receipt counts from Monday",
        arguments: [
            ("2024-12-20", 10, "2025-01-08"), ("2024-12-21", 10, "2025-01-09"), ("2024-12-20", 0, "2024-12-20"),
            ("2024-12-21", 0, "2024-12-23"), ("2024-12-24", 1, "2024-12-27"), ("2024-01-08", 17, "2024-01-31"),
        ])
    func examples(_ start: String, _ n: Int, _ expected: String) throws {
        let calendar = try #require(england)
        #expect(try calendar.adding(workingDays: n, to: CalendarFixtures.date(start)).description == expected)
    }

    @Test("every row of the holidays + numpy oracle fixture (scripts/make_calendar_oracle.py)")
    func oracle() throws {
        let rows = try CalendarFixtures.rows("working-days-oracle.csv")
        #expect(rows.count >= 3000)
        var checked: [String: Int] = [:]
        for row in rows {
            let (kind, region, date, n, expected) = (row[0], row[1], CalendarFixtures.date(row[2]), row[3], row[4])
            let calendar = try #require(CalendarFixtures.calendars[region])
            switch kind {
            case "add", "sub":
                let offset = try #require(Int(n))
                let actual = try calendar.adding(workingDays: offset, to: date)
                #expect(actual.description == expected, "\(kind) \(region) \(date) \(offset)")
            case "count":
                let actual = try calendar.workingDays(from: date, to: CalendarFixtures.date(n))
                #expect(String(actual) == expected, "count \(region) \(date) → \(n)")
            default:
                Issue.record("unknown row kind \(kind)")
            }
            checked[region, default: 0] += 1
        }
        #expect(Set(checked.keys) == Set(CalendarFixtures.regions))
    }

    @Test("the bundled holiday lists equal the weekday holidays of the PyPI package holidays")
    func holidayLists() throws {
        let rows = try CalendarFixtures.rows("holidays-oracle.csv")
        for region in CalendarFixtures.regions {
            let calendar = try #require(CalendarFixtures.calendars[region])
            let expected = Set(rows.filter { $0[0] == region }.map { $0[1] })
            let actual = Set(calendar.daysOff.keys.map(\.description))
            #expect(actual == expected, "\(region): only ours \(actual.subtracting(expected).sorted()), only theirs \(expected.subtracting(actual).sorted())")
        }
    }

    @Test(
        "one-off and regional days are there, with names",
        arguments: [
            ("england-and-wales", "2020-05-08", "VE Day"), ("england-and-wales", "2022-06-02", "Spring"),
            ("england-and-wales", "2022-06-03", "Platinum Jubilee"), ("england-and-wales", "2022-09-19", "State Funeral"),
            ("england-and-wales", "2023-05-08", "coronation"), ("scotland", "2026-06-15", "FIFA World Cup"),
            ("scotland", "2024-01-02", "2nd January"), ("scotland", "2024-12-02", "St Andrew's Day (substitute day)"),
            ("northern-ireland", "2024-03-18", "St Patrick's Day (substitute day)"),
            ("northern-ireland", "2024-07-12", "Battle of the Boyne"),
        ])
    func namedDays(_ region: String, _ date: String, _ name: String) throws {
        let calendar = try #require(CalendarFixtures.calendars[region])
        #expect(calendar.dayOff(CalendarFixtures.date(date))?.contains(name) == true)
    }

    @Test("Scotland has no Easter Monday; England and Wales does")
    func easterMonday() throws {
        let day = CalendarFixtures.date("2024-04-01")
        #expect(try CalendarFixtures.calendars["scotland"]?.isWorkingDay(day) == true)
        #expect(try CalendarFixtures.calendars["england-and-wales"]?.isWorkingDay(day) == false)
    }

    @Test("dates outside the data are errors, never ordinary days")
    func outOfRange() throws {
        let calendar = try #require(england)
        #expect(throws: CalendarError.self) { try calendar.isWorkingDay(CalendarFixtures.date("2041-01-02")) }
        #expect(throws: CalendarError.self) { try calendar.adding(workingDays: 1, to: CalendarFixtures.date("1999-12-31")) }
        #expect(throws: CalendarError.self) { try calendar.adding(workingDays: 10, to: CalendarFixtures.date("2040-12-24")) }
        #expect(throws: CalendarError.self) { try calendar.adding(workingDays: -3, to: CalendarFixtures.date("2000-01-04")) }
    }

    @Test("council closure days are days off too")
    func closures() throws {
        let calendar = try #require(england).adding(closures: [
            Holiday(date: CalendarFixtures.date("2024-12-24"), name: "Christmas Eve closure"),
            Holiday(date: CalendarFixtures.date("2024-12-27"), name: "Christmas closure"),
        ])
        #expect(try calendar.adding(workingDays: 10, to: CalendarFixtures.date("2024-12-20")).description == "2025-01-10")
        #expect(calendar.dayOff(CalendarFixtures.date("2024-12-24")) == "Christmas Eve closure")
    }

    @Test("adding and counting agree on every working day pair of a year")
    func addingInvertsCounting() throws {
        let calendar = try #require(england)
        let start = CalendarFixtures.date("2024-01-02")
        for step in 0..<260 {
            let end = try calendar.adding(workingDays: step, to: start)
            #expect(try calendar.workingDays(from: start, to: end) == step)
        }
    }

    @Test("an unknown region suggests the nearest known one")
    func unknownRegion() {
        #expect {
            try CalendarFixtures.library.calendar(for: "scotlnd")
        } throws: { error in
            (error as? DiagnosticListLike)?.help?.contains("`scotland`") == true
        }
    }
}

import RedressDiagnostics

typealias DiagnosticListLike = DiagnosticList
extension DiagnosticList {
    var help: String? { diagnostics.first?.help }
}
