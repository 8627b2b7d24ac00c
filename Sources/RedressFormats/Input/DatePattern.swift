import Foundation
import RedressCalendar
import RedressEngine

/// A CRM's date or date-time form (`dd/MM/yyyy`, `d/M/yyyy HH:mm`), read strictly into ISO 8601.
/// Tokens: `d`/`dd` day, `M`/`MM` month, `yyyy` year, `HH` hour (24-hour), `mm` minute, `ss`
/// second; anything else is a literal that must appear as written. Two-digit years are refused:
/// `24` could be 1924 or 2024, and a wrong century moves every deadline.
public struct DatePattern: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case day(minimumDigits: Int), month(minimumDigits: Int), year, hour, minute, second
        case literal(Character)
    }

    public let text: String
    let parts: [Part]

    /// Nil when the pattern has no day, month and year, a two-digit year, or an unknown letter.
    public init?(_ text: String) {
        self.text = text
        var parts: [Part] = []
        var characters = Array(text)[...]
        while let first = characters.first {
            let run = characters.prefix { $0 == first }.count
            switch (first, run) {
            case ("d", 1), ("d", 2): parts.append(.day(minimumDigits: run))
            case ("M", 1), ("M", 2): parts.append(.month(minimumDigits: run))
            case ("y", 4): parts.append(.year)
            case ("H", 2): parts.append(.hour)
            case ("m", 2): parts.append(.minute)
            case ("s", 2): parts.append(.second)
            case _ where first.isLetter: return nil
            default:
                for _ in 0..<run { parts.append(.literal(first)) }
            }
            characters = characters.dropFirst(run)
        }
        let has = { (part: Part) in parts.contains(part) }
        guard parts.contains(where: { if case .day = $0 { true } else { false } }),
            parts.contains(where: { if case .month = $0 { true } else { false } }), has(.year)
        else { return nil }
        if has(.second), !has(.minute) { return nil }
        if has(.minute) != has(.hour) { return nil }
        self.parts = parts
    }

    var hasTime: Bool { parts.contains(.hour) }

    /// `2024-12-20` or `2024-12-20T17:30:00` (local time), or nil when the text does not fit.
    public func iso(_ value: String) -> String? {
        var rest = Array(value.trimmingCharacters(in: .whitespaces))[...]
        var fields: [String: Int] = [:]
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            let taken = rest.prefix { $0.isASCII && $0.isNumber }.prefix(maximum)
            guard taken.count >= minimum, let number = Int(String(taken)) else { return nil }
            rest = rest.dropFirst(taken.count)
            return number
        }
        for part in parts {
            switch part {
            case .day(let minimum): guard let n = digits(minimum, 2) else { return nil }; fields["d"] = n
            case .month(let minimum): guard let n = digits(minimum, 2) else { return nil }; fields["M"] = n
            case .year: guard let n = digits(4, 4) else { return nil }; fields["y"] = n
            case .hour: guard let n = digits(2, 2), n < 24 else { return nil }; fields["H"] = n
            case .minute: guard let n = digits(2, 2), n < 60 else { return nil }; fields["m"] = n
            case .second: guard let n = digits(2, 2), n < 60 else { return nil }; fields["s"] = n
            case .literal(let character):
                guard rest.first == character else { return nil }
                rest = rest.dropFirst()
            }
        }
        guard rest.isEmpty, let year = fields["y"], let month = fields["M"], let day = fields["d"],
            let date = try? LocalDate(year: year, month: month, day: day)
        else { return nil }
        guard hasTime, let hour = fields["H"], let minute = fields["m"] else { return "\(date)" }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date)T\(two(hour)):\(two(minute)):\(two(fields["s"] ?? 0))"
    }
}
