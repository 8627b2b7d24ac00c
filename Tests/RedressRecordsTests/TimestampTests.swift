import Foundation
import Testing

@testable import RedressRecords

/// A record's time (`NewRecord.timestamp`) against Foundation's Gregorian calendar in UTC, an
/// independent reading of the same instant: ISO 8601, milliseconds, `Z`.
@Suite("Record timestamps")
struct TimestampTests {
    static func oracle(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let milliseconds = Int((instant.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0,
            parts.second ?? 0, milliseconds)
    }

    @Test("every instant from 1970 to 2199 is written as the calendar reads it")
    func matchesTheCalendar() {
        var generator = SystemRandomNumberGenerator()
        // Half a millisecond past each whole one, so that neither side's rounding of the binary
        // fraction can put it in the millisecond before.
        let edges: [Int64] = [0, 86_399_999, 86_400_000, 951_782_400_000, 4_102_444_799_999, 7_258_118_399_999]
        let instants = edges + (0..<20_000).map { _ in Int64.random(in: 0..<7_258_118_400_000, using: &generator) }
        for milliseconds in instants {
            let instant = Date(timeIntervalSince1970: (Double(milliseconds) + 0.5) / 1000)
            #expect(NewRecord.timestamp(instant) == Self.oracle(instant), "\(milliseconds) ms after 1970")
        }
    }
}
