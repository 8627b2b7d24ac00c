import RedressCalendar
import RedressEngine

/// The fixed parts of a SpreadsheetML package and the pieces of a worksheet (ECMA-376 Part 1).
enum SpreadsheetXML {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// Cell formats, as indexes into `cellXfs` in `styles`.
    enum Style {
        static let date = 1
        static let header = 2
        static let percent = 3
        static let decimal = 4
        static let money = 5
    }

    static func worksheetStart(widths: [Int]) -> String {
        var text = declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
        text += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        text += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !widths.isEmpty {
            text += "<cols>"
            for (index, width) in widths.enumerated() {
                text += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            text += "</cols>"
        }
        return text + "<sheetData>"
    }

    /// The package's other parts, by name: content types, relationships, the workbook and styles.
    /// `filters` is each sheet's autofilter range (absolute), or nil for a sheet with no columns.
    static func packageParts(sheetNames: [String], filters: [String?]) -> [(String, String)] {
        let sheets = sheetNames.indices
        var types = declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        types += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        types += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        types += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in sheets {
            types += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        types += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>"

        let packageRelationships = declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

        var workbook = declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><bookViews><workbookView/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            workbook += "<sheet name=\"\(escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        workbook += "</sheets>"
        let named = sheets.compactMap { index in
            filters[index].map { range in
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">'\(escaped(sheetNames[index].replacingOccurrences(of: "'", with: "''")))'!\(range)</definedName>"
            }
        }
        if !named.isEmpty { workbook += "<definedNames>" + named.joined() + "</definedNames>" }
        workbook += "</workbook>"

        var workbookRelationships = declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in sheets {
            workbookRelationships += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        workbookRelationships += "<Relationship Id=\"rId\(sheetNames.count + 1)\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/></Relationships>"

        return [
            ("[Content_Types].xml", types), ("_rels/.rels", packageRelationships), ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelationships), ("xl/styles.xml", styles),
        ]
    }

    /// Calibri 11; formats: 0 general, 1 a date `yyyy-mm-dd`, 2 the bold header with a rule under it,
    /// 3 a percentage `0.0%`, 4 a number `0.0`, 5 pounds `£#,##0.00`.
    static let styles = declaration + "<styleSheet xmlns=\"\(main)\">"
        + "<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/><numFmt numFmtId=\"165\" formatCode=\"0.0%\"/>"
        + "<numFmt numFmtId=\"166\" formatCode=\"0.0\"/><numFmt numFmtId=\"167\" formatCode=\"&quot;£&quot;#,##0.00\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        + "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"6\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\"/>"
        + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"167\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"

    /// `A`…`Z`, `AA`… for a 0-based column.
    static func columnLetters(_ column: Int) -> String {
        var number = column + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            number = (number - 1) / 26
        }
        return String(letters)
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
    static func sheetName(_ title: String, taken: [String]) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var base = String(title.map { forbidden.contains($0) ? "-" : $0 }.prefix(31))
        if base.isEmpty { base = "Sheet" }
        var name = base
        var number = 2
        while taken.contains(where: { $0.lowercased() == name.lowercased() }) {
            let suffix = " (\(number))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            number += 1
        }
        return name
    }

    static func escaped(_ text: String) -> String {
        var buffer = SheetXMLBuffer()
        buffer.text(text)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// Excel's day number of a date: 1 is 1900-01-01, counting Excel's 29 February 1900.
    static func serial(_ date: LocalDate) -> Int {
        let unixEpoch = 25_569  // 1970-01-01
        let firstOfMarch1900 = -25_508
        return date.dayNumber + unixEpoch - (date.dayNumber < firstOfMarch1900 ? 1 : 0)
    }
}

/// A worksheet's XML as bytes, with cells written straight into it.
struct SheetXMLBuffer {
    var bytes: [UInt8] = []

    mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func number(_ value: Int) {
        raw(String(value))
    }

    mutating func cell(_ cell: SheetCell, reference column: String, row: Int, style: Int?) {
        let styleAttribute = style.map { " s=\"\($0)\"" } ?? ""
        switch cell {
        case .empty: return
        case .text(let text):
            raw("<c r=\"\(column)\(row)\" t=\"inlineStr\"\(styleAttribute)><is><t xml:space=\"preserve\">")
            self.text(text)
            raw("</t></is></c>")
        case .date(let date):
            // Spreadsheet dates start in 1900; an earlier one stays readable as text.
            guard date.year >= 1900 else { return self.cell(.text(date.description), reference: column, row: row, style: style) }
            raw("<c r=\"\(column)\(row)\" s=\"\(style ?? SpreadsheetXML.Style.date)\"><v>\(SpreadsheetXML.serial(date))</v></c>")
        case .integer(let value):
            raw("<c r=\"\(column)\(row)\"\(styleAttribute)><v>\(value)</v></c>")
        case .boolean(let value):
            raw("<c r=\"\(column)\(row)\" t=\"b\"\(styleAttribute)><v>\(value ? 1 : 0)</v></c>")
        case .percent(let value), .decimal(let value):
            guard value.isFinite else { return }
            let format = if case .percent = cell { SpreadsheetXML.Style.percent } else { SpreadsheetXML.Style.decimal }
            raw("<c r=\"\(column)\(row)\" s=\"\(style ?? format)\"><v>\(value)</v></c>")
        case .money(let pence):
            raw("<c r=\"\(column)\(row)\" s=\"\(style ?? SpreadsheetXML.Style.money)\"><v>\(SheetCell.money(pence: pence).plainText)</v></c>")
        }
    }

    /// Text as XML character data: `&`, `<`, `>` escaped; characters XML 1.0 cannot hold (C0
    /// controls but tab, line feed and carriage return; U+FFFE, U+FFFF) and a literal `_xHHHH_` written as Excel
    /// writes them (`_x0001_`, `_x005F_xHHHH_`), so they survive a round trip.
    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case UInt8(ascii: "&"): raw("&amp;")
                case UInt8(ascii: "<"): raw("&lt;")
                case UInt8(ascii: ">"): raw("&gt;")
                case 0x09, 0x0A: bytes.append(byte)
                case 0x0D: raw("&#13;")  // a literal carriage return would be read back as a line feed
                case ..<0x20: raw("_x00" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true) + "_")
                case UInt8(ascii: "_") where Self.isEscapeLike(utf8, at: index): raw("_x005F_")
                case 0xEF where index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                    // U+FFFE and U+FFFF are not XML characters either.
                    raw(utf8[index + 2] == 0xBE ? "_xFFFE_" : "_xFFFF_")
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
        }
    }

    /// `_xHHHH_` starting at `index`.
    static func isEscapeLike(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 6 < utf8.count, utf8[index + 1] == UInt8(ascii: "x"), utf8[index + 6] == UInt8(ascii: "_") else { return false }
        return (index + 2...index + 5).allSatisfy { position in
            let byte = utf8[position]
            return (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
        }
    }
}
