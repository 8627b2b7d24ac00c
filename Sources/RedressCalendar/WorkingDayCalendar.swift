/// A named day off: a bank holiday or a council closure day.
public struct Holiday: Sendable, Hashable {
    public var date: LocalDate
    public var name: String

    public init(date: LocalDate, name: String) {
        self.date = date
        self.name = name
    }
}

/// Why a working-day question could not be answered.
public enum CalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The date lies outside the years the holiday data covers; Redress never guesses.
    case outOfRange(date: LocalDate, region: String, covers: ClosedRange<LocalDate>)
    /// The result would fall after 9999-12-31, which an ISO 8601 date cannot be written as.
    case beyondYear9999

    public var description: String {
        switch self {
        case .outOfRange(let date, let region, let covers):
            "\(date) is outside the \(region) bank holiday data (\(covers.lowerBound) to \(covers.upperBound))"
        case .beyondYear9999:
            "the date would fall after 9999-12-31"
        }
    }
}

/// Working days for one region: every day that is not a Saturday, Sunday, bank holiday or council
/// closure day, within the span the holiday data covers.
///
/// Built once; every query is O(1): a cumulative count of working days per day of the span and the
/// list of working days turn "N working days after D" into two array reads.
public struct WorkingDayCalendar: Sendable {
    public let region: String
    public let covers: ClosedRange<LocalDate>
    /// Days off by date (bank holidays and closures), weekdays only.
    public let daysOff: [LocalDate: String]

    private let firstDay: Int
    /// `workingCount[i]`: working days in [first, first + i].
    private let workingCount: [Int32]
    /// The day offsets (from `firstDay`) of the working days, in order.
    private let workingDays: [Int32]

    public init(region: String, covers: ClosedRange<LocalDate>, holidays: [Holiday]) {
        self.region = region
        self.covers = covers
        var daysOff: [LocalDate: String] = [:]
        for holiday in holidays where covers.contains(holiday.date) && !holiday.date.isWeekend {
            daysOff[holiday.date] = daysOff[holiday.date].map { "\($0); \(holiday.name)" } ?? holiday.name
        }
        self.daysOff = daysOff
        firstDay = covers.lowerBound.dayNumber
        let span = covers.upperBound.dayNumber - firstDay + 1
        var counts = [Int32](repeating: 0, count: span)
        var working: [Int32] = []
        working.reserveCapacity(span * 5 / 7 + 1)
        var running: Int32 = 0
        for offset in 0..<span {
            let date = LocalDate(dayNumber: firstDay + offset)
            if !date.isWeekend && daysOff[date] == nil {
                running += 1
                working.append(Int32(offset))
            }
            counts[offset] = running
        }
        workingCount = counts
        workingDays = working
    }

    /// The same calendar with extra days off (a council's closure days).
    public func adding(closures: [Holiday]) -> WorkingDayCalendar {
        let existing = daysOff.map { Holiday(date: $0.key, name: $0.value) }
        return WorkingDayCalendar(region: region, covers: covers, holidays: existing + closures)
    }

    private func offset(_ date: LocalDate) throws(CalendarError) -> Int {
        guard covers.contains(date) else { throw .outOfRange(date: date, region: region, covers: covers) }
        return date.dayNumber - firstDay
    }

    private func date(atWorkingIndex index: Int) throws(CalendarError) -> LocalDate {
        guard index >= 0 else { throw .outOfRange(date: covers.lowerBound.adding(days: -1), region: region, covers: covers) }
        guard index < workingDays.count else {
            throw .outOfRange(date: covers.upperBound.adding(days: 1), region: region, covers: covers)
        }
        return LocalDate(dayNumber: firstDay + Int(workingDays[index]))
    }

    public func isWorkingDay(_ date: LocalDate) throws(CalendarError) -> Bool {
        let i = try offset(date)
        return workingCount[i] != (i == 0 ? 0 : workingCount[i - 1])
    }

    /// The name of the bank holiday or closure on `date`, if it is one.
    public func dayOff(_ date: LocalDate) -> String? { daysOff[date] }

    /// `date` itself when it is a working day, otherwise the next working day.
    public func workingDay(onOrAfter date: LocalDate) throws(CalendarError) -> LocalDate {
        let i = try offset(date)
        return try self.date(atWorkingIndex: Int(workingCount[i]) - (try isWorkingDay(date) ? 1 : 0))
    }

    /// `date` itself when it is a working day, otherwise the previous working day.
    public func workingDay(onOrBefore date: LocalDate) throws(CalendarError) -> LocalDate {
        let i = try offset(date)
        return try self.date(atWorkingIndex: Int(workingCount[i]) - 1)
    }

    /// The working day `n` working days after `date` (Redress's deadline rule: a non-working `date`
    /// counts from the next working day, which is day 0). For negative `n`, counts back from
    /// `date`, or from the previous working day when `date` is not one.
    public func adding(workingDays n: Int, to date: LocalDate) throws(CalendarError) -> LocalDate {
        let i = try offset(date)
        let count = Int(workingCount[i])
        let startIndex: Int
        if n >= 0 {
            startIndex = try isWorkingDay(date) ? count - 1 : count
        } else {
            startIndex = count - 1
        }
        // An absurd `n` is out of range, never an arithmetic overflow.
        let (index, overflow) = startIndex.addingReportingOverflow(n)
        guard !overflow else {
            throw .outOfRange(date: n > 0 ? covers.upperBound.adding(days: 1) : covers.lowerBound.adding(days: -1), region: region, covers: covers)
        }
        return try self.date(atWorkingIndex: index)
    }

    /// Working days after `from` up to and including `to` (negative when `to` is before `from`).
    /// `adding(workingDays: workingDays(from: a, to: b), to: a) == b` whenever `a` and `b` are
    /// working days.
    public func workingDays(from: LocalDate, to: LocalDate) throws(CalendarError) -> Int {
        Int(workingCount[try offset(to)]) - Int(workingCount[try offset(from)])
    }

    /// Bank holidays and closures in a year, in date order.
    public func daysOff(inYear year: Int) -> [Holiday] {
        daysOff.filter { $0.key.year == year }.map { Holiday(date: $0.key, name: $0.value) }.sorted { $0.date < $1.date }
    }
}
