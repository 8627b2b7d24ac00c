import Foundation
import RedressCalendar
import RedressDiagnostics

/// A typed length of time as a policy writes it: `10 working days`, `90 calendar days`,
/// `12 months`, `2 years`. Working days need a calendar; the others are calendar arithmetic.
public struct PolicyDuration: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case workingDays = "working days"
        case calendarDays = "calendar days"
        case weeks
        case months
        case years

        var singular: String {
            switch self {
            case .workingDays: "working day"
            case .calendarDays: "calendar day"
            case .weeks: "week"
            case .months: "month"
            case .years: "year"
            }
        }

        /// The largest amount accepted: anything longer is a typo, not a policy.
        var maximum: Int {
            switch self {
            case .workingDays: 2_000
            case .calendarDays: 36_600
            case .weeks: 5_200
            case .months: 1_200
            case .years: 100
            }
        }

        /// Rough length in days, only for comparing durations of different units in checks.
        var approximateDays: Double {
            switch self {
            case .workingDays: 7.0 / 5.0
            case .calendarDays: 1
            case .weeks: 7
            case .months: 30.44
            case .years: 365.25
            }
        }
    }

    public var amount: Int
    public var unit: Unit

    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public var description: String { "\(amount) \(amount == 1 ? unit.singular : unit.rawValue)" }

    public var approximateDays: Double { Double(amount) * unit.approximateDays }

    /// The date this duration after `date` (for working days, Redress's rule: `date` is day 0).
    public func date(after date: LocalDate, calendar: WorkingDayCalendar) throws(CalendarError) -> LocalDate {
        let result: LocalDate
        switch unit {
        case .workingDays: result = try calendar.adding(workingDays: amount, to: date)
        case .calendarDays: result = date.adding(days: amount)
        case .weeks: result = date.adding(days: amount * 7)
        case .months: result = date.adding(months: amount)
        case .years: result = date.adding(years: amount)
        }
        // Never print a year modulo 10000 (`0073-06-01` for 10073): refuse what cannot be written.
        guard result.year <= LocalDate.years.upperBound else { throw .beyondYear9999 }
        return result
    }

    /// Why a duration could not be read, with the likely intended spelling.
    public struct ParseError: Error, Sendable, Hashable {
        public var message: String
        public var suggestion: String?
    }

    /// Parses `N unit`. Refuses bare `days` (working or calendar?), negative and absurd amounts,
    /// and suggests the spelling for near misses (`10 workdays` → `10 working days`).
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }
        let unitText = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard !digits.isEmpty, let amount = Int(digits) else {
            throw ParseError(message: "`\(text)` is not a duration", suggestion: "write a number and a unit, like `10 working days`")
        }
        guard amount >= 0 else {
            throw ParseError(message: "duration `\(text)` is negative", suggestion: nil)
        }
        guard let unit = Self.unit(named: unitText) else {
            if unitText == "days" || unitText == "day" {
                throw ParseError(
                    message: "`\(text)` does not say which days",
                    suggestion: "write `\(amount) working days` or `\(amount) calendar days`")
            }
            let guess = Self.guessUnit(unitText)
            throw ParseError(
                message: "unknown unit `\(unitText)` in duration `\(text)`",
                suggestion: guess.map { "did you mean `\(amount) \($0.rawValue)`?" }
                    ?? "units: working days, calendar days, weeks, months, years")
        }
        guard amount <= unit.maximum else {
            throw ParseError(message: "duration `\(text)` is longer than \(unit.maximum) \(unit.rawValue)", suggestion: nil)
        }
        self.init(amount, unit)
    }

    static func unit(named text: String) -> Unit? {
        for unit in Unit.allCases where text == unit.rawValue || text == unit.singular { return unit }
        return nil
    }

    static let aliases: [String: Unit] = [
        "workdays": .workingDays, "workday": .workingDays, "work days": .workingDays, "business days": .workingDays,
        "working-days": .workingDays, "wd": .workingDays, "clear days": .calendarDays, "calendar-days": .calendarDays,
        "mths": .months, "months'": .months, "yrs": .years, "wks": .weeks,
    ]

    static func guessUnit(_ text: String) -> Unit? {
        if let alias = aliases[text] { return alias }
        let names = Unit.allCases.flatMap { [$0.rawValue, $0.singular] }
        guard let closest = SpellingSuggestion.closest(to: text, in: names) else { return nil }
        return unit(named: closest)
    }
}
