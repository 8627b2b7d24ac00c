import RedressDiagnostics
import RedressYAML

/// Dates and times read from YAML scalars, with positioned errors.
extension YAMLScalar {
    public func expectDate(_ what: String, _ diagnostics: inout [Diagnostic]) -> LocalDate? {
        do {
            return try LocalDate(iso: text)
        } catch {
            diagnostics.append(invalid("invalid date for \(what): \(error)", help: "write dates as YYYY-MM-DD"))
            return nil
        }
    }

    public func expectTimeOfDay(_ what: String, _ diagnostics: inout [Diagnostic]) -> TimeOfDay? {
        do {
            return try TimeOfDay(text: text)
        } catch {
            diagnostics.append(invalid("invalid time for \(what): \(error)", help: "write times as HH:MM, 24-hour"))
            return nil
        }
    }
}

/// A list of named days off: `- { date: 2024-12-24, name: Christmas Eve closure }`.
public enum HolidayListDecoder {
    public static func decode(_ node: YAMLNode, what: String, _ diagnostics: inout [Diagnostic]) -> [Holiday] {
        guard let items = node.expectSequence(what, &diagnostics)?.items else { return [] }
        var holidays: [Holiday] = []
        var seen: [LocalDate: SourceRange] = [:]
        for item in items {
            guard let mapping = item.expectMapping("a day in \(what)", &diagnostics) else { continue }
            mapping.checkKeys(known: ["date", "name", "source", "projected"], required: ["date", "name"], in: "a day off", &diagnostics)
            guard let dateNode = mapping["date"]?.expectText("`date`", &diagnostics),
                let date = dateNode.expectDate("`date`", &diagnostics),
                let name = mapping["name"]?.expectText("`name`", &diagnostics)
            else { continue }
            if let first = seen[date] {
                diagnostics.append(
                    .error(
                        .calendarDuplicateDay, "\(date) is listed twice", at: dateNode.range,
                        related: [RelatedLocation("first listed here", at: first)]))
                continue
            }
            seen[date] = dateNode.range
            let projected = mapping["projected"]?.expectText("`projected`", &diagnostics)?.expectBool("`projected`", &diagnostics) ?? false
            holidays.append(Holiday(date: date, name: name.text, projected: projected))
        }
        return holidays
    }
}

/// Reads a region's bank holiday file (`policies/calendars/<region>.yaml`).
public enum RegionCalendarDecoder {
    static let keys = ["redress-calendar", "region", "name", "covers", "announced_to", "sources", "holidays"]

    public static func decode(_ document: YAMLDocument) throws(DiagnosticList) -> WorkingDayCalendar {
        var diagnostics: [Diagnostic] = []
        let fail = { (diagnostics: [Diagnostic]) in DiagnosticList(diagnostics, sources: SourceFiles([document.source])) }
        guard let root = document.root?.expectMapping("a calendar file", &diagnostics) else {
            if document.root == nil {
                diagnostics.append(
                    .error(
                        .calendarEmpty, "the calendar file is empty",
                        at: SourceRange(file: document.source.path, at: SourceLocation(line: 1, column: 1))))
            }
            throw fail(diagnostics)
        }
        root.checkKeys(known: keys, required: ["redress-calendar", "region", "covers", "holidays"], in: "a calendar file", &diagnostics)
        if let version = root["redress-calendar"]?.expectText("`redress-calendar`", &diagnostics), version.text != "1" {
            diagnostics.append(version.invalid("unsupported calendar format version `\(version.text)`", help: "this Redress reads version 1"))
        }
        let region = root["region"]?.expectText("`region`", &diagnostics)?.text
        var covers: ClosedRange<LocalDate>?
        if let span = root["covers"]?.expectMapping("`covers`", &diagnostics) {
            span.checkKeys(known: ["from", "to"], required: ["from", "to"], in: "`covers`", &diagnostics)
            if let from = span["from"]?.expectText("`from`", &diagnostics)?.expectDate("`from`", &diagnostics),
                let toNode = span["to"]?.expectText("`to`", &diagnostics),
                let to = toNode.expectDate("`to`", &diagnostics)
            {
                if to < from {
                    diagnostics.append(toNode.invalid("`covers` ends (\(to)) before it starts (\(from))"))
                } else {
                    covers = from...to
                }
            }
        }
        let holidays = root["holidays"].map { HolidayListDecoder.decode($0, what: "`holidays`", &diagnostics) } ?? []
        if let covers, let node = root["holidays"] {
            for holiday in holidays where !covers.contains(holiday.date) {
                diagnostics.append(.error(.calendarOutsideCovers, "\(holiday.date) is outside `covers`", at: node.range))
            }
        }
        let announcedNode = root["announced_to"]?.expectText("`announced_to`", &diagnostics)
        let announcedTo = announcedNode?.expectDate("`announced_to`", &diagnostics)
        if let node = root["holidays"] {
            // Projected days are exactly those after the last announced year.
            for holiday in holidays where holiday.projected != (announcedTo.map { holiday.date > $0 } ?? false) {
                diagnostics.append(
                    .error(
                        .calendarProjectedMismatch,
                        "\(holiday.date) is \(holiday.projected ? "marked projected but within" : "after `announced_to` but not marked projected, outside") the announced years",
                        at: node.range, help: "regenerate the file with scripts/make_calendars.py"))
            }
        }
        guard diagnostics.isEmpty, let region, let covers else { throw fail(diagnostics) }
        return WorkingDayCalendar(region: region, covers: covers, holidays: holidays, announcedTo: announcedTo)
    }
}
