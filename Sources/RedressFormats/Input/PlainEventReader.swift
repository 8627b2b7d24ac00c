import RedressCalendar
import RedressEngine

/// Reads an event in its usual form straight from its JSON text: names the contract knows, each
/// once; values as plain text (no escapes), whole numbers or `true`/`false`; every value valid for
/// its field and every field allowed on the event. That is what a CRM writes, and it needs no
/// field list, no `JSONValue` and no `String` for anything but the text fields kept.
///
/// Anything else — an escape, a `null`, a number where text is expected, an unknown or repeated
/// name, a value the contract refuses — is declined (nil), and the full reader
/// (`CaseHistory.event(_:number:)`) reads the event or says exactly what is wrong with it. An event
/// read here is always the one the full reader makes (`PlainEventReaderTests`).
enum PlainEventReader {
    static func event(_ raw: String) -> CaseEvent? {
        var raw = raw
        return raw.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: CaseEventField.every.count) { slots in
                read(bytes, slots: slots)
            }
        }
    }

    /// The contract's names by their bytes, in the order of their cases (all ASCII, so a name
    /// not found is in no spelling, and declining it is right).
    private static let fields = WordTable(CaseEventField.every.map(\.rawValue))
    private static let kinds = WordTable(CaseEvent.Kind.every.map(\.rawValue))
    private static let outcomes = Choices(CaseEvent.Outcome.self)
    private static let remedyTypes = Choices(CaseEvent.RemedyType.self)
    private static let findings = Choices(CaseEvent.OmbudsmanFinding.self)
    private static let leads = Choices(CaseEvent.JointLead.self)

    /// A closed set's cases and their names by bytes.
    private struct Choices<T: RawRepresentable & CaseIterable & Sendable>: Sendable where T.RawValue == String {
        let names: WordTable
        let cases: [T]

        init(_: T.Type) {
            cases = Array(T.allCases)
            names = WordTable(cases.map(\.rawValue))
        }
    }

    /// Whether `bytes[range]` are the bytes of `word`.
    private static func spells(_ word: StaticString, _ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == word.utf8CodeUnitCount, range.upperBound <= bytes.count else { return false }
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != word.utf8Start[offset] { return false }
        return true
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// `slots[position]` holds the bytes of the value of the field at `position` in
    /// `CaseEventField.every` (inside the quotes for text); `quoted` says which were text.
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, slots: UnsafeMutableBufferPointer<Range<Int>>) -> CaseEvent? {
        var index = 0
        func skipSpace() { while index < bytes.count, isSpace(bytes[index]) { index += 1 } }
        func byte(_ expected: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == expected else { return false }
            index += 1
            return true
        }
        /// The inside of a string with no escapes or control characters, the quote just read.
        func plainString() -> Range<Int>? {
            let start = index
            while index < bytes.count {
                let current = bytes[index]
                if current == UInt8(ascii: "\"") {
                    index += 1
                    return start..<(index - 1)
                }
                if current == UInt8(ascii: "\\") || current < 0x20 { return nil }
                index += 1
            }
            return nil
        }
        var present: UInt32 = 0
        var quoted: UInt32 = 0
        skipSpace()
        guard byte(UInt8(ascii: "{")) else { return nil }
        skipSpace()
        while true {
            guard byte(UInt8(ascii: "\"")), let name = plainString() else { return nil }
            guard let position = fields.index(of: name, in: bytes) else { return nil }
            let bit = CaseEventField.every[position].bit
            guard present & bit == 0 else { return nil }
            present |= bit
            skipSpace()
            guard byte(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            guard index < bytes.count else { return nil }
            let first = bytes[index]
            if first == UInt8(ascii: "\"") {
                index += 1
                guard let value = plainString() else { return nil }
                slots[position] = value
                quoted |= bit
            } else if first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") {
                let start = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
                slots[position] = start..<index
            } else if first == UInt8(ascii: "t") || first == UInt8(ascii: "f") {
                let word: StaticString = first == UInt8(ascii: "t") ? "true" : "false"
                let length = word.utf8CodeUnitCount
                guard spells(word, index..<(index + length), in: bytes) else { return nil }
                slots[position] = index..<(index + length)
                index += length
            } else {
                return nil
            }
            skipSpace()
            if byte(UInt8(ascii: ",")) {
                skipSpace()
                continue
            }
            guard byte(UInt8(ascii: "}")) else { return nil }
            skipSpace()
            guard index == bytes.count else { return nil }
            break
        }
        return event(bytes, slots: slots, present: present, quoted: quoted)
    }

    /// Makes the event as the full reader would, or declines where it would refuse or read the
    /// value another way.
    private static func event(_ bytes: UnsafeBufferPointer<UInt8>, slots: UnsafeMutableBufferPointer<Range<Int>>, present: UInt32, quoted: UInt32) -> CaseEvent? {
        /// Where the field's value is: its slot is its bit's position (`CaseEventField.every` is
        /// in bit order).
        func range(_ field: CaseEventField) -> Range<Int>? {
            guard present & field.bit != 0 else { return nil }
            return slots[field.bit.trailingZeroBitCount]
        }
        func value(_ field: CaseEventField) -> UnsafeBufferPointer<UInt8>? {
            range(field).map { UnsafeBufferPointer(rebasing: bytes[$0]) }
        }
        /// Text, or `.some(nil)` when absent; nil (decline) for a value that is not text.
        func text(_ field: CaseEventField) -> String?? {
            guard let value = value(field) else { return .some(nil) }
            guard quoted & field.bit != 0 else { return nil }
            return .some(String(decoding: value, as: UTF8.self))
        }
        /// One of the choices, or `.some(nil)` when absent; nil (decline) for anything else.
        func choice<T>(_ field: CaseEventField, _ choices: Choices<T>) -> T?? {
            guard let range = range(field) else { return .some(nil) }
            guard quoted & field.bit != 0, let position = choices.names.index(of: range, in: bytes) else { return nil }
            return .some(choices.cases[position])
        }
        func flag(_ field: CaseEventField) -> Bool?? {
            guard let value = value(field) else { return .some(nil) }
            guard quoted & field.bit == 0, let first = value.first, first == UInt8(ascii: "t") || first == UInt8(ascii: "f") else { return nil }
            return .some(first == UInt8(ascii: "t"))
        }
        guard let onBytes = value(.on), quoted & CaseEventField.on.bit != 0, let on = LocalDateTime(plainISO: onBytes)?.date,
            let kindRange = range(.event), quoted & CaseEventField.event.bit != 0, let kindIndex = kinds.index(of: kindRange, in: bytes)
        else { return nil }
        let kind = CaseEvent.Kind.every[kindIndex]
        for field in CaseEventField.every {
            let isPresent = present & field.bit != 0
            if isPresent ? !field.isAllowed(on: kind) : field.isRequired(on: kind) { return nil }
        }
        var days: Int?
        if let daysBytes = value(.days) {
            guard daysBytes.count <= 3, daysBytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            let number = daysBytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard (1...500).contains(number) else { return nil }
            days = number
        }
        guard let stage = text(.stage), let milestone = text(.milestone), let outcome = choice(.outcome, outcomes),
            let remedy = text(.remedy), let agreed = flag(.agreed), let learning = text(.learning),
            let remedyType = choice(.remedyType, remedyTypes), let reason = text(.reason), let means = text(.means),
            let resolved = flag(.resolved), let finding = choice(.finding, findings),
            let partner = text(.partner), let lead = choice(.lead, leads), text(.note) != nil, text(.by) != nil
        else { return nil }
        var remedyAmount: Money?
        if let amountBytes = value(.remedyAmount) {
            guard let money = Money(pounds: String(decoding: amountBytes, as: UTF8.self)) else { return nil }
            remedyAmount = money
        }
        return CaseEvent(
            on: on, kind: kind, stage: stage, days: days, milestone: milestone, outcome: outcome, remedy: remedy, learning: learning,
            agreed: agreed ?? false, remedyType: remedyType, remedyAmount: remedyAmount, reason: reason, means: means, resolved: resolved,
            finding: finding, partner: partner, lead: lead)
    }
}
