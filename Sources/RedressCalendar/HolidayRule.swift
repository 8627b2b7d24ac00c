/// A council's own day off that recurs every year (a Scottish council's local spring and autumn
/// holidays, Easter Monday): by a fixed date (`12-24`), relative to Easter Sunday (`easter + 1`),
/// or the nth weekday of a month (`first monday of april`, `last monday of september`). With
/// `substitute`, a day that falls on a weekend or another day off moves to the next working day.
public struct HolidayRule: Sendable, Hashable {
    public enum Day: Sendable, Hashable {
        case fixed(month: Int, day: Int)
        /// Days after Easter Sunday (negative: before).
        case easter(offset: Int)
        /// `ordinal` 1…4, or -1 for the last, `weekday` of `month`.
        case nth(ordinal: Int, weekday: Weekday, month: Int)
    }

    public var name: String
    public var day: Day
    public var substitute: Bool

    public init(name: String, day: Day, substitute: Bool) {
        self.name = name
        self.day = day
        self.substitute = substitute
    }

    static let ordinals = ["first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1]
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// `12-24`, `easter + 1`, `easter - 2`, `first monday of april`; nil when the text is none of them.
    public static func parse(_ text: String) -> Day? {
        let words = text.lowercased().split(separator: " ").map(String.init)
        if words.first == "easter" {
            if words.count == 1 { return .easter(offset: 0) }
            guard words.count == 3, let amount = Int(words[2]), (0...60).contains(amount), words[1] == "+" || words[1] == "-" else { return nil }
            return .easter(offset: words[1] == "+" ? amount : -amount)
        }
        if words.count == 4, words[2] == "of", let ordinal = ordinals[words[0]],
            let weekday = Weekday.allCases.first(where: { $0.name.lowercased() == words[1] }), let month = months.firstIndex(of: words[3])
        {
            return .nth(ordinal: ordinal, weekday: weekday, month: month + 1)
        }
        let parts = text.split(separator: "-")
        guard words.count == 1, parts.count == 2, let month = Int(parts[0]), let day = Int(parts[1]), (1...12).contains(month),
            (1...LocalDate.daysInMonth(year: 2000, month: month)).contains(day)
        else { return nil }
        return .fixed(month: month, day: day)
    }

    /// The day in `year`, before any substitution (29 February in a common year: 28 February).
    public func date(in year: Int) -> LocalDate {
        switch day {
        case .fixed(let month, let day):
            return LocalDate(dayNumber: LocalDate.dayNumber(year: year, month: month, day: min(day, LocalDate.daysInMonth(year: year, month: month))))
        case .easter(let offset):
            return Self.easterSunday(year).adding(days: offset)
        case .nth(let ordinal, let weekday, let month):
            if ordinal > 0 {
                let first = LocalDate(dayNumber: LocalDate.dayNumber(year: year, month: month, day: 1))
                let shift = (weekday.rawValue - first.weekday.rawValue + 7) % 7
                return first.adding(days: shift + 7 * (ordinal - 1))
            }
            let last = LocalDate(dayNumber: LocalDate.dayNumber(year: year, month: month, day: LocalDate.daysInMonth(year: year, month: month)))
            return last.adding(days: -((last.weekday.rawValue - weekday.rawValue + 7) % 7))
        }
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(dayNumber: LocalDate.dayNumber(year: year, month: month, day: day))
    }
}

extension WorkingDayCalendar {
    /// The calendar with each rule's day off in every year it covers; a substituted day moves past
    /// weekends, bank holidays and the other rules' days.
    public func adding(rules: [HolidayRule]) -> WorkingDayCalendar {
        guard !rules.isEmpty else { return self }
        var off = Set(daysOff.keys)
        var added: [Holiday] = []
        for year in covers.lowerBound.year...covers.upperBound.year {
            for rule in rules {
                var date = rule.date(in: year)
                if rule.substitute {
                    while date.isWeekend || off.contains(date) { date = date.adding(days: 1) }
                }
                guard covers.contains(date), !off.contains(date) else { continue }
                off.insert(date)
                added.append(Holiday(date: date, name: rule.name, projected: isProjected(date)))
            }
        }
        return adding(closures: added)
    }
}
