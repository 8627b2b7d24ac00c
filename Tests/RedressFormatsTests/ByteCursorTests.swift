import RedressCalendar
import Testing

@testable import RedressFormats

/// The byte path writes a decision's pieces through `ByteCursor` into memory sized beforehand; the
/// full path through `ByteWriter` into an array. The same writes must give the same bytes.
@Suite("Byte cursor")
struct ByteCursorTests {
    enum Piece {
        case raw, byte(UInt8), bytes([UInt8]), date(LocalDate?), bool(Bool), quotedPlain(String)

        func write(to output: inout some ByteOutput) {
            switch self {
            case .raw: output.raw(",\"acknowledge_by\":")
            case .byte(let value): output.byte(value)
            case .bytes(let values): output.bytes(values)
            case .date(let date): output.date(date)
            case .bool(let value): output.bool(value)
            case .quotedPlain(let text): output.quotedPlain(text)
            }
        }

        /// The most bytes the piece writes.
        var size: Int {
            switch self {
            case .raw: 18
            case .byte: 1
            case .bytes(let values): values.count
            case .date: 12
            case .bool: 5
            case .quotedPlain(let text): text.utf8.count + 2
            }
        }
    }

    static func randomPiece(_ generator: inout some RandomNumberGenerator) -> Piece {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: .raw
        case 1: .byte(UInt8.random(in: 0...255, using: &generator))
        case 2: .bytes((0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        case 3:
            // Any day from 0001-01-01 to 9999-12-31, or none.
            .date(Bool.random(using: &generator) ? LocalDate(dayNumber: Int.random(in: -719_162...2_932_896, using: &generator)) : nil)
        case 4: .bool(Bool.random(using: &generator))
        default: .quotedPlain(["out-of-time", "", "é", "projected-calendar"].randomElement(using: &generator) ?? "")
        }
    }

    @Test("the same writes give the same bytes as ByteWriter")
    func sameAsWriter() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let pieces = (0..<Int.random(in: 0...20, using: &generator)).map { _ in Self.randomPiece(&generator) }
            var writer = ByteWriter(bytes: [7, 7])
            for piece in pieces { piece.write(to: &writer) }
            let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: pieces.reduce(1) { $0 + $1.size }) { memory in
                var cursor = ByteCursor(memory)
                for piece in pieces { piece.write(to: &cursor) }
                return Array(cursor.written)
            }
            #expect([7, 7] + written == writer.bytes)
        }
    }
}
