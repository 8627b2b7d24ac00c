import Foundation
import RedressCalendar

enum CalendarFixtures {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = here.appendingPathComponent("Fixtures")
    static let repositoryRoot = here.deletingLastPathComponent().deletingLastPathComponent()
    static let library = CalendarLibrary(directory: repositoryRoot.appendingPathComponent("policies/calendars").path)
    static let regions = ["england-and-wales", "scotland", "northern-ireland"]

    /// Each region's calendar, loaded once from the bundled data files.
    static let calendars: [String: WorkingDayCalendar] = {
        var result: [String: WorkingDayCalendar] = [:]
        for region in regions {
            result[region] = try? library.calendar(for: region)
        }
        return result
    }()

    /// Rows of a committed CSV fixture (no quoted fields in these files), header dropped.
    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func date(_ text: String) -> LocalDate {
        // Fixture dates are known good; a bad one fails the test through the sentinel.
        (try? LocalDate(iso: text)) ?? LocalDate(dayNumber: Int.min / 4)
    }
}
