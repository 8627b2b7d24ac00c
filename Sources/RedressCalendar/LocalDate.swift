/// A calendar date with no time zone, stored as a day number (days since 1970-01-01) so that
/// comparisons and day arithmetic are integer operations.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let dayNumber: Int

    /// The supported span of years: four-digit years, as ISO 8601 writes them without extension.
    public static let years = 1000...9999

    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// A validated date: `2023-02-29` and month 13 are refused.
    public init(year: Int, month: Int, day: Int) throws(DateError) {
        guard Self.years.contains(year) else { throw .outOfRange("year \(year) is outside 1000–9999") }
        guard (1...12).contains(month) else { throw .invalidDate("month \(month) does not exist") }
        let length = Self.daysInMonth(year: year, month: month)
        guard (1...length).contains(day) else {
            throw .invalidDate("\(Self.monthNames[month - 1]) \(year) has \(length) days, not \(day)")
        }
        self.dayNumber = Self.dayNumber(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` exactly (ISO 8601 calendar date, extended form).
    public init(iso text: some StringProtocol) throws(DateError) {
        // The usual case straight from the string's bytes; anything else is read (and explained) below.
        var string = String(text)
        if let date = string.withUTF8({ LocalDate(plainISO: $0) }) {
            self = date
            return
        }
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.digits(bytes[0..<4]), let month = Self.digits(bytes[5..<7]),
            let day = Self.digits(bytes[8..<10])
        else { throw .invalidFormat("`\(text)` is not a date in the form YYYY-MM-DD") }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw error.quoting(String(text))
        }
    }

    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { digits($0, 0..<$0.count) }
    }

    public var components: (year: Int, month: Int, day: Int) { Self.civil(fromDayNumber: dayNumber) }
    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO weekday 4).
        let index = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday(rawValue: index + 1) ?? .monday
    }

    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Adds calendar months, clamping to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
    public func adding(months: Int) -> LocalDate {
        let (year, month, day) = components
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12
        let newMonth = total % 12 + 1
        let clamped = min(day, Self.daysInMonth(year: newYear, month: newMonth))
        return LocalDate(dayNumber: Self.dayNumber(year: newYear, month: newMonth, day: clamped))
    }

    /// Adds calendar years (29 Feb + 1 year = 28 Feb).
    public func adding(years: Int) -> LocalDate { adding(months: years * 12) }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// ISO 8601: `2024-12-20`.
    public var description: String {
        // Written in place: ten bytes make a small string, with no array or allocation between.
        String(unsafeUninitializedCapacity: 10) { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            writeISO(to: base)
            return 10
        }
    }

    /// Writes `YYYY-MM-DD` (ten bytes) at `out`: two digits at a time, the tens by multiplying and
    /// shifting, no division by a variable. Years are 1000–9999 here (`years`); any other year is
    /// written by its last four digits.
    public func writeISO(to out: UnsafeMutablePointer<UInt8>) {
        let (year, month, day) = components
        let century = year / 100
        Self.writeTwoDigits(century % 100, to: out)
        Self.writeTwoDigits(year - century * 100, to: out + 2)
        out[4] = UInt8(ascii: "-")
        Self.writeTwoDigits(month, to: out + 5)
        out[7] = UInt8(ascii: "-")
        Self.writeTwoDigits(day, to: out + 8)
    }

    /// Writes `value` (0–99) as two digits at `out`, the tens by multiplying and shifting (exact
    /// for 0–178: `value * 103 >> 10` is `value / 10`).
    @inline(__always) public static func writeTwoDigits(_ value: Int, to out: UnsafeMutablePointer<UInt8>) {
        let tens = (value &* 103) &>> 10
        out[0] = UInt8(truncatingIfNeeded: tens) &+ UInt8(ascii: "0")
        out[1] = UInt8(truncatingIfNeeded: value &- tens &* 10) &+ UInt8(ascii: "0")
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Days from civil, proleptic Gregorian: Neri and Schneider's algorithm ("Euclidean affine
    /// functions and their application to calendar algorithms", 2022) in 32-bit arithmetic with
    /// no division by a variable, for years −32,000 to 32,000; Howard Hinnant's beyond.
    /// `LocalDateAlgorithmTests` holds the two to each other on every day of years 1–9999.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        guard (-32_000...32_000).contains(year), (1...12).contains(month) else { return hinnantDayNumber(year: year, month: month, day: day) }
        // Counted from March of year −32,800 (82 cycles of 400 years before year 0), so every
        // quantity is positive; January and February count as months 13 and 14 of the year before.
        let january: UInt32 = month <= 2 ? 1 : 0
        let shiftedYear = UInt32(truncatingIfNeeded: year + 32_800) &- january
        let shiftedMonth = UInt32(truncatingIfNeeded: month) &+ 12 &* january
        let century = shiftedYear / 100
        let yearDays = 1_461 &* shiftedYear / 4 &- century &+ century / 4
        let monthDays = (979 &* shiftedMonth &- 2_919) / 32
        return Int(yearDays) + Int(monthDays) + (day - 1) - epochShift
    }

    /// Civil from days: Neri and Schneider's algorithm (see `dayNumber`) for about ±32,000 years
    /// around 1970; Howard Hinnant's beyond.
    static func civil(fromDayNumber number: Int) -> (year: Int, month: Int, day: Int) {
        guard (-11_000_000...11_000_000).contains(number) else { return hinnantCivil(fromDayNumber: number) }
        let days = UInt32(truncatingIfNeeded: number + epochShift)
        let n1 = 4 &* days &+ 3
        let century = n1 / 146_097
        let dayOfCentury = n1 % 146_097 / 4
        let n2 = 4 &* dayOfCentury &+ 3
        let product = UInt64(2_939_745) &* UInt64(n2)
        let yearOfCentury = UInt32(truncatingIfNeeded: product >> 32)
        let dayOfYear = UInt32(truncatingIfNeeded: product) / 2_939_745 / 4
        let n3 = 2_141 &* dayOfYear &+ 197_913
        let month = n3 >> 16
        let day = (n3 & 0xFFFF) / 2_141 + 1
        // Days from 306 on (1 January) belong to the next calendar year.
        let january = dayOfYear >= 306
        let year = Int(100 &* century &+ yearOfCentury) - 32_800 + (january ? 1 : 0)
        return (year, Int(january ? month &- 12 : month), Int(day))
    }

    /// Days from 1 March of year −32,800 to 1 January 1970.
    private static let epochShift = 719_468 + 146_097 * 82

    /// Days from civil (Howard Hinnant's algorithm), proleptic Gregorian, for any year.
    static func hinnantDayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Civil from days (Howard Hinnant's algorithm), proleptic Gregorian, for any day.
    static func hinnantCivil(fromDayNumber number: Int) -> (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// ISO weekdays, Monday = 1.
public enum Weekday: Int, Sendable, Hashable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var name: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }
}

/// Why a date or date-time was refused.
public enum DateError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidFormat(String)
    case invalidDate(String)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .invalidFormat(let message), .invalidDate(let message), .outOfRange(let message): message
        }
    }

    func quoting(_ text: String) -> DateError {
        switch self {
        case .invalidDate(let message): .invalidDate("`\(text)` is not a real date: \(message)")
        case .outOfRange(let message): .outOfRange("`\(text)`: \(message)")
        case .invalidFormat: self
        }
    }
}
