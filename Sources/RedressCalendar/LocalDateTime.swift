/// A time of day, to the minute, for cut-off rules ("received after 17:00 counts as the next day").
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let minutes: Int

    public init(hour: Int, minute: Int) throws(DateError) {
        guard (0...23).contains(hour), (0...59).contains(minute) else {
            throw .invalidDate("\(hour):\(minute) is not a time of day")
        }
        self.minutes = hour * 60 + minute
    }

    /// Parses `HH:MM` (24-hour clock).
    public init(text: some StringProtocol) throws(DateError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"), let hour = LocalDate.digits(bytes[0..<2]),
            let minute = LocalDate.digits(bytes[3..<5])
        else { throw .invalidFormat("`\(text)` is not a time in the form HH:MM") }
        try self.init(hour: hour, minute: minute)
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    public var description: String {
        let hour = minutes / 60
        let minute = minutes % 60
        return "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }
}

/// When something was received, in the council's local time: a date, and the time of day when the
/// input gave one.
public struct LocalDateTime: Sendable, Hashable {
    public var date: LocalDate
    public var time: TimeOfDay?

    public init(date: LocalDate, time: TimeOfDay? = nil) {
        self.date = date
        self.time = time
    }

    /// Parses a date (`2024-12-20`) or an ISO 8601 date-time. A date-time with an offset
    /// (`2024-06-30T23:30:00Z`, `…+02:00`) is converted to UK local time (GMT or BST); one without an
    /// offset is taken as already local.
    public init(iso text: some StringProtocol) throws(DateError) {
        var string = String(text)
        // The forms a CRM usually writes, straight from the string's bytes.
        if let plain = string.withUTF8({ LocalDateTime(plainISO: $0) }) {
            self = plain
            return
        }
        if string.utf8.count == 10 {
            self.init(date: try LocalDate(iso: string))
            return
        }
        let bytes = Array(string.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"), let hour = LocalDate.digits(bytes[11..<13]),
            let minute = LocalDate.digits(bytes[14..<16])
        else { throw .invalidFormat("`\(string)` is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM…)") }
        let date = try LocalDate(iso: String(decoding: bytes[0..<10], as: UTF8.self))
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard index + 3 <= bytes.count, let value = LocalDate.digits(bytes[index + 1..<index + 3]) else {
                throw .invalidFormat("`\(string)` has malformed seconds")
            }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            }
        }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else {
            throw .invalidDate("`\(string)` is not a real time of day")
        }
        let offsetMinutes = try Self.offset(bytes[index...], in: string)
        guard let offsetMinutes else {
            self.init(date: date, time: try TimeOfDay(hour: hour, minute: minute))
            return
        }
        let utcMinutes = date.dayNumber * 1440 + hour * 60 + minute - offsetMinutes
        let local = UKTime.localMinutes(fromUTCMinutes: utcMinutes)
        let localDate = LocalDate(dayNumber: Int((Double(local) / 1440).rounded(.down)))
        let minuteOfDay = local - localDate.dayNumber * 1440
        self.init(date: localDate, time: try TimeOfDay(hour: minuteOfDay / 60, minute: minuteOfDay % 60))
    }

    /// The offset in minutes east of UTC, or nil when none was written.
    private static func offset(_ rest: ArraySlice<UInt8>, in string: String) throws(DateError) -> Int? {
        let rest = Array(rest)
        if rest.isEmpty { return nil }
        if rest == [UInt8(ascii: "Z")] || rest == [UInt8(ascii: "z")] { return 0 }
        guard rest.count == 6, rest[0] == UInt8(ascii: "+") || rest[0] == UInt8(ascii: "-"),
            rest[3] == UInt8(ascii: ":"), let hours = LocalDate.digits(rest[1..<3]),
            let minutes = LocalDate.digits(rest[4..<6]), hours <= 18, minutes <= 59
        else { throw .invalidFormat("`\(string)` has a malformed UTC offset (use Z or ±HH:MM)") }
        let sign = rest[0] == UInt8(ascii: "-") ? -1 : 1
        return sign * (hours * 60 + minutes)
    }
}

/// UK civil time (Europe/London): GMT, and BST (UTC+1) from 01:00 UTC on the last Sunday of March
/// to 01:00 UTC on the last Sunday of October — the rule in force since 1996 (Summer Time Order
/// 2002 and the EU directive it follows). Computed, so no time-zone database is needed.
public enum UKTime {
    /// Local minutes since the epoch for a UTC instant given in minutes since the epoch.
    public static func localMinutes(fromUTCMinutes utc: Int) -> Int {
        let day = LocalDate(dayNumber: Int((Double(utc) / 1440).rounded(.down)))
        let year = day.year
        let start = lastSunday(year: year, month: 3).dayNumber * 1440 + 60
        let end = lastSunday(year: year, month: 10).dayNumber * 1440 + 60
        return utc >= start && utc < end ? utc + 60 : utc
    }

    static func lastSunday(year: Int, month: Int) -> LocalDate {
        let last = LocalDate(
            dayNumber: LocalDate.dayNumber(year: year, month: month, day: LocalDate.daysInMonth(year: year, month: month)))
        return last.adding(days: -(last.weekday.rawValue % 7))
    }
}

extension LocalDateTime {
    /// Reads the forms a CRM usually writes — `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` and
    /// `YYYY-MM-DDTHH:MM:SS` (`T` or a space), local time — straight from UTF-8 bytes, with the
    /// checks of `init(iso:)`. Nil for anything else, valid or not (an offset, fractions, a bad
    /// date): `init(iso:)` then reads it or says what is wrong.
    public init?(plainISO bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10 || bytes.count == 16 || bytes.count == 19,
            let date = LocalDate(plainISO: UnsafeBufferPointer(rebasing: bytes[0..<10]))
        else { return nil }
        guard bytes.count > 10 else {
            self.init(date: date)
            return
        }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
            let hour = LocalDate.digits(bytes, 11..<13), let minute = LocalDate.digits(bytes, 14..<16),
            let time = try? TimeOfDay(hour: hour, minute: minute)
        else { return nil }
        if bytes.count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), let second = LocalDate.digits(bytes, 17..<19), second <= 60 else { return nil }
        }
        self.init(date: date, time: time)
    }
}

extension LocalDate {
    /// `YYYY-MM-DD` from UTF-8 bytes, with the checks of `init(iso:)`; nil where that would throw.
    public init?(plainISO bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.digits(bytes, 0..<4), let month = Self.digits(bytes, 5..<7), let day = Self.digits(bytes, 8..<10),
            let date = try? LocalDate(year: year, month: month, day: day)
        else { return nil }
        self = date
    }

    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            // A byte below "0" wraps round to a large value: one comparison checks both ends.
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int(digit)
        }
        return value
    }
}
