import Testing

@testable import RedressCalendar

/// Dates are converted to and from day numbers by Neri and Schneider's algorithm within about
/// ±32,000 years and by Howard Hinnant's beyond: the two must agree wherever the first is used.
@Suite("Day-number algorithms")
struct LocalDateAlgorithmTests {
    @Test("every day of years 1–9999 converts the same both ways, and back")
    func everyDay() {
        let first = LocalDate.hinnantDayNumber(year: 1, month: 1, day: 1)
        let last = LocalDate.hinnantDayNumber(year: 9999, month: 12, day: 31)
        var disagreements: [Int] = []
        for number in first...last {
            let civil = LocalDate.civil(fromDayNumber: number)
            let expected = LocalDate.hinnantCivil(fromDayNumber: number)
            if civil != expected || LocalDate.dayNumber(year: civil.year, month: civil.month, day: civil.day) != number {
                disagreements.append(number)
                if disagreements.count > 5 { break }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    @Test("random days and dates, inside the fast range and beyond it")
    func random() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let number = Bool.random(using: &generator)
                ? Int.random(in: -11_000_000...11_000_000, using: &generator) : Int.random(in: -400_000_000...400_000_000, using: &generator)
            #expect(LocalDate.civil(fromDayNumber: number) == LocalDate.hinnantCivil(fromDayNumber: number), "day \(number)")
            // Days past the month's end (or before its start) count on, as the month arithmetic needs.
            let year = Int.random(in: -40_000...40_000, using: &generator)
            let month = Int.random(in: 1...12, using: &generator)
            let day = Int.random(in: -40...70, using: &generator)
            #expect(
                LocalDate.dayNumber(year: year, month: month, day: day) == LocalDate.hinnantDayNumber(year: year, month: month, day: day),
                "\(year)-\(month)-\(day)")
        }
    }
}
