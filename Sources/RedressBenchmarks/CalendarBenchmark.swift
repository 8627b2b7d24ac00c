import RedressCalendar

/// Working-day arithmetic: the precomputed calendar against a naive day-by-day loop over the same
/// holiday set (the way deadlines are usually counted by hand-written code).
enum CalendarBenchmark {
    static func run(library: CalendarLibrary) throws {
        let calendar = try library.calendar(for: "england-and-wales")
        let starts = (0..<4096).map { LocalDate(dayNumber: calendar.covers.lowerBound.dayNumber + 400 + ($0 * 37) % 4000) }
        let spans = [0, 3, 5, 10, 17, 20, 25, 65]
        let operations = 400_000
        let subject = Measure.best("WorkingDayCalendar.adding(workingDays:)", operations: operations) {
            var checksum = 0
            for i in 0..<operations {
                let date = (try? calendar.adding(workingDays: spans[i & 7], to: starts[i & 4095])) ?? LocalDate(dayNumber: 0)
                checksum &+= date.dayNumber
            }
            return checksum
        }
        let holidays = Set(calendar.daysOff.keys)
        let baseline = Measure.best("naive day-by-day loop (Set of holidays)", operations: operations) {
            var checksum = 0
            for i in 0..<operations {
                checksum &+= naiveAdd(spans[i & 7], to: starts[i & 4095], holidays: holidays).dayNumber
            }
            return checksum
        }
        Measure.report("Calendar: add N working days (N in 0…65)", subject: subject, baseline: baseline)
    }

    static func naiveAdd(_ n: Int, to date: LocalDate, holidays: Set<LocalDate>) -> LocalDate {
        var day = date
        while day.isWeekend || holidays.contains(day) { day = day.adding(days: 1) }
        var remaining = n
        while remaining > 0 {
            day = day.adding(days: 1)
            if !day.isWeekend && !holidays.contains(day) { remaining -= 1 }
        }
        return day
    }
}
