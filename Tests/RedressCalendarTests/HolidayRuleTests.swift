import Foundation
import RedressCalendar
import RedressTestSupport
import Testing

/// Local holidays by rule, against Python's own date arithmetic (dateutil's Easter, the calendar
/// module's month grid) for every year 1990–2060, and substitution past weekends and bank holidays.
@Suite("Local holiday rules")
struct HolidayRuleTests {
    static let rules = ["easter + 1", "easter - 2", "easter", "first monday of april", "last monday of september", "second tuesday of march", "fourth friday of november", "12-24", "02-29"]

    @Test("every rule gives the day Python gives, 1990-2060")
    func againstPython() throws {
        var ours: [String] = []
        for text in Self.rules {
            let day = try #require(HolidayRule.parse(text), "\(text) does not parse")
            let rule = HolidayRule(name: text, day: day, substitute: false)
            for year in 1990...2060 { ours.append("\(text)|\(year)|\(rule.date(in: year))") }
        }
        let script = Oracle.imports("dateutil") + """
            import calendar, datetime, sys
            from dateutil.easter import easter
            out = []
            ordinals = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}
            months = [m.lower() for m in calendar.month_name]
            days = [d.lower() for d in calendar.day_name]
            for text in sys.argv[1:]:
                for year in range(1990, 2061):
                    words = text.split()
                    if words[0] == "easter":
                        offset = 0 if len(words) == 1 else int(words[2]) * (1 if words[1] == "+" else -1)
                        day = easter(year) + datetime.timedelta(days=offset)
                    elif len(words) == 4:
                        month, weekday = months.index(words[3]), days.index(words[1])
                        found = [d for d in (datetime.date(year, month, n) for n in range(1, calendar.monthrange(year, month)[1] + 1)) if d.weekday() == weekday]
                        day = found[ordinals[words[0]]]
                    else:
                        month, dom = map(int, text.split("-"))
                        day = datetime.date(year, month, min(dom, calendar.monthrange(year, month)[1]))
                    out.append(f"{text}|{year}|{day.isoformat()}")
            print("\\n".join(out))
            """
        guard let (status, output) = try Oracle.python(script, Self.rules).result() else { return }
        #expect(status == 0, "\(output)")
        let theirs = output.split(separator: "\n").map(String.init)
        #expect(theirs.count == ours.count)
        for (mine, python) in zip(ours, theirs) where mine != python { Issue.record("ours \(mine), Python \(python)") }
    }

    @Test("rules that are not rules are refused", arguments: ["easter + x", "first funday of april", "fifth monday of may", "13-01", "02-30", "monday", "easter * 2", ""])
    func refused(_ text: String) {
        #expect(HolidayRule.parse(text) == nil)
    }

    @Test("a substituted day moves past the weekend and the bank holidays; each day off is counted once")
    func substitution() throws {
        let covers = try LocalDate(iso: "2025-01-01")...LocalDate(iso: "2026-12-31")
        // Christmas Day and Boxing Day 2026 fall on Friday and Saturday; the bank holiday for Boxing Day is Monday 28th.
        let base = WorkingDayCalendar(
            region: "test", covers: covers,
            holidays: [
                Holiday(date: try LocalDate(iso: "2026-12-25"), name: "Christmas Day"), Holiday(date: try LocalDate(iso: "2026-12-28"), name: "Boxing Day (substitute)"),
            ])
        let rules = [
            HolidayRule(name: "Christmas Eve", day: .fixed(month: 12, day: 24), substitute: true),
            HolidayRule(name: "Council day", day: .fixed(month: 12, day: 26), substitute: true),
        ]
        let calendar = base.adding(rules: rules)
        #expect(calendar.dayOff(try LocalDate(iso: "2026-12-24")) == "Christmas Eve")  // a Thursday: as it falls
        // 26 December 2026 is a Saturday; Monday 28th is the bank holiday: the council's day is Tuesday 29th.
        #expect(calendar.dayOff(try LocalDate(iso: "2026-12-29")) == "Council day")
        #expect(calendar.dayOff(try LocalDate(iso: "2025-12-26")) == "Council day")  // a Friday in 2025
        #expect(try calendar.workingDays(from: LocalDate(iso: "2026-12-23"), to: LocalDate(iso: "2026-12-30")) == 1)  // only the 30th
    }
}
