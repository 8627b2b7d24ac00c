@testable import RedressEngine
@testable import RedressFormats
import RedressTestSupport
import Testing

/// The table's printable-ASCII shortcut against the general, character-by-character path, on
/// random cells mixing plain ASCII with controls, DEL, accents, combining marks, wide letters and
/// emoji: widths, cuts and escapes all the same.
@Suite("Display width")
struct DisplayWidthTests {
    static let pieces = [
        "a", "Z", "7", " ", "-", "~", "é", "e\u{301}", "漢", "🙂", "\t", "\u{1B}", "\u{7F}", "\u{85}", "\r\n", "—", "→", "…", "\u{2028}", "\u{200D}",
        "\u{20E3}", "ß", "ʼ", "\u{A0}", "\u{AD}",
    ]

    static let simple = ["a", " ", "é", "—", "→", "…", "ß", "‘", "\u{A0}", "ʼ", "Z"]

    /// The general path: every character measured on its own.
    static func width(_ text: String) -> Int { text.reduce(0) { $0 + DisplayWidth.of($1) } }

    static func truncated(_ text: String, to width: Int) -> String {
        guard Self.width(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    @Test("the shortcut measures, cuts and escapes as the general path does")
    func shortcutAgrees() {
        var random = SeededRandom(seed: 29)
        for _ in 0..<5_000 {
            // Printable ASCII, the characters the shortcuts know, or anything.
            let kind = random.next() % 3
            let asciiOnly = kind == 0
            let count = Int(random.next() % 30)
            let text = (0..<count).map { _ in
                asciiOnly
                    ? String(UnicodeScalar(UInt8(0x20 + random.next() % 0x5F)))
                    : kind == 1 ? Self.simple[Int(random.next() % UInt64(Self.simple.count))] : Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
            }.joined()
            #expect(DisplayWidth.of(text) == Self.width(text), "\(text.debugDescription)")
            let width = Int(random.next() % 34)
            #expect(DisplayWidth.truncated(text, to: width) == Self.truncated(text, to: width), "\(text.debugDescription) to \(width)")
            let controls = text.unicodeScalars.contains { $0.properties.generalCategory == .control }
            #expect((DecisionEncoder.escapingControls(text) == text) == !controls, "\(text.debugDescription)")
        }
    }

    /// The ranges `DisplayWidth.of` answers without looking properties up, against the rule.
    @Test("every scalar the shortcut answers is one column by the general rule")
    func shortcutRanges() {
        for value in Array(0x20..<0x7F) + Array(0xA0..<0x1100) + Array(0x1160..<0x231A) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let general = scalar.properties.generalCategory == .control || scalar.properties.isEmojiPresentation || DisplayWidth.isWide(scalar.value) ? 2 : 1
            #expect(general == 1, "U+\(String(value, radix: 16, uppercase: true))")
        }
    }

    @Test("the control test is Unicode's category Cc, over every scalar")
    func controls() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if DecisionEncoder.isControl(scalar) != (scalar.properties.generalCategory == .control) { differing.append(value) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    /// The byte-level count of "simple" scalars against its definition over scalars, on every
    /// scalar of the two- and three-byte forms it reads and on random mixes of them.
    @Test("the simple-text count read from bytes is the count of scalars in the simple ranges")
    func simpleCountFromBytes() {
        func byScalars(_ text: String) -> Int? {
            let simple = text.unicodeScalars.allSatisfy {
                switch $0.value {
                case 0x20..<0x7F, 0xA0..<0x300, 0x2010...0x2027, 0x2190...0x21FF: true
                default: false
                }
            }
            return simple ? text.unicodeScalars.count : nil
        }
        var scalars = (UInt32(0)...0x2FFF).compactMap(Unicode.Scalar.init)
        scalars += [0xFEFF, 0x1F642, 0x10FFFF].compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let text = "a" + String(scalar) + "b"
            #expect(DisplayWidth.simpleScalarCount(text) == byScalars(text), "U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
        var random = SeededRandom(seed: 31)
        for _ in 0..<5_000 {
            let text = String(String.UnicodeScalarView((0..<Int(random.next() % 20)).map { _ in scalars[Int(random.next() % UInt64(scalars.count))] }))
            #expect(DisplayWidth.simpleScalarCount(text) == byScalars(text), "\(text.debugDescription)")
            let limit = Int(random.next() % 24)
            let fitted = TextTable.fitted(text, to: limit)
            let general = Self.truncated(DecisionEncoder.escapingControls(text), to: limit)
            #expect(fitted.cell == general && fitted.width == Self.width(general), "\(text.debugDescription) to \(limit)")
        }
        // Long runs of printable ASCII (read eight bytes at a time) with any scalar between them.
        for _ in 0..<5_000 {
            func run() -> String { String((0..<Int(random.next() % 20)).map { _ in Character(UnicodeScalar(UInt8(0x20 + random.next() % 0x5F))) }) }
            let text = run() + (random.next() % 4 == 0 ? "" : String(scalars[Int(random.next() % UInt64(scalars.count))])) + run()
            #expect(DisplayWidth.simpleScalarCount(text) == byScalars(text), "\(text.debugDescription)")
        }
    }

    /// A row laid out cell by cell through `fitted`, as `TextTable.row` lays it out.
    static func referenceRow(_ table: TextTable, _ cells: [String]) -> String {
        var out = ""
        for (index, raw) in cells.enumerated() where index < table.widths.count && table.widths[index] > 0 {
            let isLast = index == table.widths.count - 1
            let (cell, width) = TextTable.fitted(raw, to: isLast && table.totalWidth == nil ? Int.max : table.widths[index])
            out += cell
            if !isLast { out += String(repeating: " ", count: table.widths[index] - width + 1) }
        }
        return out + "\n"
    }

    @Test("a row's plain cells, copied in one pass, are laid out as every other cell is")
    func rowsAgree() {
        var random = SeededRandom(seed: 37)
        let columns = (0..<5).map { TextTable.Column("C\($0)", preferred: 4 + $0 * 3, minimum: $0 % 2, priority: $0) }
        for totalWidth in [nil, 12, 30, 80] as [Int?] {
            let table = TextTable(columns, totalWidth: totalWidth)
            for _ in 0..<2_000 {
                let cells = (0..<Int(random.next() % 7)).map { _ in
                    (0..<Int(random.next() % 20)).map { _ in
                        random.next() % 2 == 0 ? String(UnicodeScalar(UInt8(0x20 + random.next() % 0x5F))) : Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
                    }.joined()
                }
                #expect(table.row(cells) == Self.referenceRow(table, cells), "\(cells.debugDescription) in \(totalWidth.map(String.init) ?? "no limit")")
            }
        }
    }
}
