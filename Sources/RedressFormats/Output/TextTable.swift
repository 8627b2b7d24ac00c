import RedressEngine

/// How wide text shows on a terminal: East Asian wide and fullwidth characters and emoji take two
/// columns, combining marks none (they join their base in one grapheme), control characters are
/// shown escaped (`\u{1B}`).
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        if let count = simpleScalarCount(text) { return count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The number of scalars when every one is printable ASCII, a Latin letter or sign below the
    /// combining marks (U+00A0–U+02FF), a dash, quote, bullet or ellipsis (U+2010–U+2027) or an
    /// arrow (U+2190–U+21FF): each is then a character of its own, one column wide, so the text
    /// is measured without breaking it into characters (a table's "—" and "→ …" cells). None of
    /// them is a control character, so such text needs no escaping either. Read from the UTF-8
    /// bytes: every cell of every table row is measured.
    static func simpleScalarCount(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            var count = 0
            var index = 0
            while index < bytes.count {
                // Eight printable ASCII bytes at a time (no byte below a space, none from 0x7F).
                if index + 8 <= bytes.count, let base = bytes.baseAddress {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    let flagged = ((word &- ones &* 0x20) | (word &+ ones &* 0x01)) & 0x8080_8080_8080_8080
                    if flagged == 0 {
                        index += 8
                        count += 8
                        continue
                    }
                }
                let lead = bytes[index]
                switch lead {
                case 0x20..<0x7F:
                    index += 1
                case 0xC2...0xCB:  // U+0080–U+02FF: from U+00A0
                    guard index + 1 < bytes.count, lead > 0xC2 || bytes[index + 1] >= 0xA0 else { return nil }
                    index += 2
                case 0xE2:  // U+2000–U+2FFF: the dashes and arrows
                    guard index + 2 < bytes.count else { return nil }
                    let value = (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                    guard (0x10...0x27).contains(value) || (0x190...0x1FF).contains(value) else { return nil }
                    index += 3
                default:
                    return nil
                }
                count += 1
            }
            return count
        }
    }

    /// Space to `~` only: one column per byte, nothing to escape (most cells of most tables).
    static func isPrintableASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isPrintableASCII)
    }

    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains { $0 < 0x20 || $0 >= 0x7F }
    }

    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        // Printable ASCII, and the letters and punctuation up to U+2319 other than the Hangul
        // jamo at U+1100–U+115F: no control, wide letter or emoji among them (`DisplayWidthTests`
        // checks every one against the general rule below), so their Unicode properties need
        // not be looked up.
        switch scalar.value {
        case 0x20..<0x7F, 0xA0..<0x1100, 0x1160..<0x231A: return 1
        default: break
        }
        if scalar.properties.generalCategory == .control { return 2 + String(scalar.value, radix: 16).count + 2 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return isWide(scalar.value) ? 2 : 1
    }

    /// The East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, W and F), in brief.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The text cut to `width` columns, ending in "…" when cut.
    public static func truncated(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        if isPrintableASCII(text) { return String(decoding: text.utf8.prefix(width - 1), as: UTF8.self) + "…" }
        if simpleScalarCount(text) != nil { return String(String.UnicodeScalarView(text.unicodeScalars.prefix(width - 1))) + "…" }
        var out = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }
}

/// A table written one row at a time (streaming) that fits a terminal's width. Columns have a
/// preferred and a minimum width and a priority; when the preferred widths do not fit, the least
/// important columns shrink first (down to their minimum), and cells are cut with "…". The last
/// column takes what is left. Control characters are escaped; colour is optional.
public struct TextTable: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var preferred: Int
        public var minimum: Int
        /// Lower shrinks first.
        public var priority: Int

        public init(_ title: String, preferred: Int, minimum: Int, priority: Int) {
            self.title = title
            self.preferred = preferred
            self.minimum = minimum
            self.priority = priority
        }
    }

    /// ANSI colours for cells, used only when the terminal supports colour.
    public enum Colour: String, Sendable {
        case red = "31", green = "32", yellow = "33", dim = "2"
    }

    public let columns: [Column]
    /// Each column's width (the last one's is what remains, at least its minimum).
    public let widths: [Int]
    public let totalWidth: Int?
    public let colour: Bool

    /// `totalWidth`: the terminal's columns (nil: no limit, as in a file).
    public init(_ columns: [Column], totalWidth: Int?, colour: Bool = false) {
        self.columns = columns
        self.totalWidth = totalWidth
        self.colour = colour
        var widths = columns.map(\.preferred)
        if let totalWidth {
            // One space between shown columns; shrink the least important until the row fits. A
            // column whose minimum is 0 is hidden when it must give everything.
            func excess() -> Int {
                let shown = widths.filter { $0 > 0 }
                return shown.reduce(0, +) + shown.count - 1 - totalWidth
            }
            for index in columns.indices.sorted(by: { columns[$0].priority < columns[$1].priority }) where excess() > 0 {
                widths[index] -= min(excess(), widths[index] - columns[index].minimum)
                if widths[index] > 0, widths[index] < 2, columns[index].minimum == 0 { widths[index] = 0 }
            }
            if let last = widths.indices.last {
                let others = widths.dropLast().filter { $0 > 0 }
                widths[last] = max(columns[last].minimum, totalWidth - others.reduce(0, +) - others.count)
            }
        }
        self.widths = widths
    }

    public var header: String { row(columns.map(\.title)) }

    /// One row; `colours` by column index.
    public func row(_ cells: [String], colours: [Int: Colour] = [:]) -> String {
        var bytes: [UInt8] = []
        row(cells, colours: colours, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One row, appended as UTF-8 (the streaming path): put together in memory sized for it and
    /// copied out once. A cell, escaped and cut, takes at most six bytes for each of its own (a
    /// control byte becomes `\u{1B}`) and three for the ellipsis, then its colour codes and padding.
    public func row(_ cells: [String], colours: [Int: Colour] = [:], into bytes: inout [UInt8]) {
        var bound = 1
        for (index, raw) in cells.enumerated() where index < widths.count && widths[index] > 0 {
            bound += raw.utf8.count * 6 + 3 + Self.colourBytes + widths[index] + 1
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { memory in
            var cursor = ByteCursor(memory)
            for (index, raw) in cells.enumerated() where index < widths.count && widths[index] > 0 {
                let isLast = index == widths.count - 1
                let limit = isLast && totalWidth == nil ? Int.max : widths[index]
                let cellColour = colour ? colours[index] : nil
                // Most cells are printable ASCII that fits: copied as they are, in one pass.
                var plain = raw
                var width =
                    cellColour != nil ? nil
                    : plain.withUTF8 { utf8 -> Int? in
                        guard utf8.count <= limit, DisplayWidth.isPrintableASCII(utf8) else { return nil }
                        cursor.bytes(utf8)
                        return utf8.count
                    }
                if width == nil {
                    var cell: String
                    (cell, width) = Self.fitted(raw, to: limit)
                    if let cellColour {
                        var code = "\u{1B}[\(cellColour.rawValue)m"
                        code.withUTF8 { cursor.bytes($0) }
                    }
                    cell.withUTF8 { cursor.bytes($0) }
                    if cellColour != nil { cursor.raw("\u{1B}[0m") }
                }
                if !isLast { cursor.spaces(widths[index] - (width ?? 0) + 1) }
            }
            cursor.byte(UInt8(ascii: "\n"))
            bytes.append(contentsOf: cursor.written)
        }
    }

    /// The most a cell's colour takes: `ESC [ 31 m` before it and `ESC [ 0 m` after.
    private static let colourBytes = 12

    /// A cell escaped and cut to `limit` columns, with its width; printable ASCII (most cells) is
    /// measured and cut by its bytes.
    static func fitted(_ raw: String, to limit: Int) -> (cell: String, width: Int) {
        guard DisplayWidth.isPrintableASCII(raw) else {
            // Letters, dashes and arrows only: one column each, nothing to escape.
            if let width = DisplayWidth.simpleScalarCount(raw), width <= limit { return (raw, width) }
            let cell = DisplayWidth.truncated(DecisionEncoder.escapingControls(raw), to: limit)
            return (cell, DisplayWidth.of(cell))
        }
        let count = raw.utf8.count
        if count <= limit { return (raw, count) }
        if limit <= 1 { return limit == 1 ? ("…", 1) : ("", 0) }
        return (String(decoding: raw.utf8.prefix(limit - 1), as: UTF8.self) + "…", limit)
    }

    /// A continuation line under a row (flags, rules tried), indented and cut to the width.
    public func note(_ text: String, indent: Int = 2, colour noteColour: Colour? = .dim) -> String {
        let body = String(repeating: " ", count: indent) + text
        let cut = totalWidth.map { DisplayWidth.truncated(DecisionEncoder.escapingControls(body), to: $0) } ?? DecisionEncoder.escapingControls(body)
        guard colour, let noteColour else { return cut + "\n" }
        return "\u{1B}[\(noteColour.rawValue)m\(cut)\u{1B}[0m\n"
    }
}
