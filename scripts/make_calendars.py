#!/usr/bin/env python3
"""Writes policies/calendars/{england-and-wales,scotland,northern-ireland}.yaml.

The bank holidays are computed here from the rules in the Banking and Financial Dealings Act 1971
(Schedule 1) and the annual Royal Proclamations that move or add days, so that the data does not
come from the `holidays` package that the tests use as an independent oracle
(scripts/make_calendar_oracle.py). Run: python3 scripts/make_calendars.py
"""
import datetime as dt
import pathlib

FIRST_YEAR, LAST_YEAR = 2000, 2040
OUT = pathlib.Path(__file__).resolve().parent.parent / "policies" / "calendars"

GOV_UK = "https://www.gov.uk/bank-holidays (GOV.UK list of UK bank holidays)"
ACT = "Banking and Financial Dealings Act 1971, Schedule 1"


def easter(year):
    """Anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def first_monday(year, month):
    d = dt.date(year, month, 1)
    return d + dt.timedelta(days=(7 - d.weekday()) % 7)


def last_monday(year, month):
    d = dt.date(year, month + 1, 1) - dt.timedelta(days=1) if month < 12 else dt.date(year, 12, 31)
    return d - dt.timedelta(days=d.weekday())


def next_weekday(d, taken):
    """The first weekday on or after d that is not already a holiday (substitute day rule)."""
    while d.weekday() >= 5 or d in taken:
        d += dt.timedelta(days=1)
    return d


def add_with_substitute(days, date, name):
    if date.weekday() < 5:
        days[date] = name
    else:
        days[next_weekday(date, days)] = f"{name} (substitute day)"


def christmas(days, year):
    xmas, boxing = dt.date(year, 12, 25), dt.date(year, 12, 26)
    if xmas.weekday() < 5:
        days[xmas] = "Christmas Day"
    if boxing.weekday() < 5:
        days[boxing] = "Boxing Day"
    if xmas.weekday() >= 5:
        days[next_weekday(xmas, days)] = "Christmas Day (substitute day)"
    if boxing.weekday() >= 5:
        days[next_weekday(boxing, days)] = "Boxing Day (substitute day)"


# One-off changes by Royal Proclamation, with their sources.
EARLY_MAY_MOVED = {2020: (dt.date(2020, 5, 8), "moved from 4 May for the 75th anniversary of VE Day")}
SPRING_MOVED = {
    2002: (dt.date(2002, 6, 4), "moved from 27 May for the Golden Jubilee"),
    2012: (dt.date(2012, 6, 4), "moved from 28 May for the Diamond Jubilee"),
    2022: (dt.date(2022, 6, 2), "moved from 30 May for the Platinum Jubilee"),
}
ONE_OFF_UK = [
    (dt.date(2002, 6, 3), "Golden Jubilee bank holiday"),
    (dt.date(2011, 4, 29), "Bank holiday for the wedding of Prince William and Catherine Middleton"),
    (dt.date(2012, 6, 5), "Diamond Jubilee bank holiday"),
    (dt.date(2022, 6, 3), "Platinum Jubilee bank holiday"),
    (dt.date(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"),
    (dt.date(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
]
ONE_OFF_SCOTLAND = [
    (dt.date(2026, 6, 15), "Bank holiday for Scotland's participation in the FIFA World Cup"),
]


# St Andrew's Day Bank Holiday (Scotland) Act 2007 (Royal Assent 15 January 2007): the first
# St Andrew's Day bank holiday is 30 November 2007.
ST_ANDREWS_FROM = 2007


def common_spring_summer(days, year, summer_first_monday):
    early = EARLY_MAY_MOVED.get(year)
    days[early[0] if early else first_monday(year, 5)] = "Early May bank holiday" + (
        f" ({early[1]})" if early else "")
    spring = SPRING_MOVED.get(year)
    days[spring[0] if spring else last_monday(year, 5)] = "Spring bank holiday" + (
        f" ({spring[1]})" if spring else "")
    if summer_first_monday:
        days[first_monday(year, 8)] = "Summer bank holiday"
    else:
        days[last_monday(year, 8)] = "Summer bank holiday"


def england_and_wales(year):
    days = {}
    add_with_substitute(days, dt.date(year, 1, 1), "New Year's Day")
    e = easter(year)
    days[e - dt.timedelta(days=2)] = "Good Friday"
    days[e + dt.timedelta(days=1)] = "Easter Monday"
    common_spring_summer(days, year, summer_first_monday=False)
    christmas(days, year)
    for date, name in ONE_OFF_UK:
        if date.year == year:
            days[date] = name
    return days


def scotland(year):
    days = {}
    jan1, jan2 = dt.date(year, 1, 1), dt.date(year, 1, 2)
    if jan1.weekday() < 5:
        days[jan1] = "New Year's Day"
    if jan2.weekday() < 5:
        days[jan2] = "2nd January"
    if jan1.weekday() >= 5:
        days[next_weekday(jan1, days)] = "New Year's Day (substitute day)"
    if jan2.weekday() >= 5:
        days[next_weekday(jan2, days)] = "2nd January (substitute day)"
    e = easter(year)
    days[e - dt.timedelta(days=2)] = "Good Friday"
    common_spring_summer(days, year, summer_first_monday=True)
    if year >= ST_ANDREWS_FROM:
        add_with_substitute(days, dt.date(year, 11, 30), "St Andrew's Day")
    christmas(days, year)
    for date, name in ONE_OFF_UK + ONE_OFF_SCOTLAND:
        if date.year == year:
            days[date] = name
    return days


def northern_ireland(year):
    days = england_and_wales(year)
    add_with_substitute(days, dt.date(year, 3, 17), "St Patrick's Day")
    add_with_substitute(days, dt.date(year, 7, 12), "Battle of the Boyne (Orangemen's Day)")
    return dict(sorted(days.items()))


REGIONS = [
    ("england-and-wales", "England and Wales", england_and_wales,
     [ACT, GOV_UK, "Royal Proclamations for 2002 (Golden Jubilee), 2011 (Royal Wedding), 2012 (Diamond Jubilee), 2020 (VE Day), 2022 (Platinum Jubilee, State Funeral) and 2023 (Coronation)"]),
    ("scotland", "Scotland", scotland,
     [ACT, GOV_UK, "St Andrew's Day Bank Holiday (Scotland) Act 2007",
      "Royal Proclamation of the Scotland bank holiday of 15 June 2026 (FIFA World Cup), listed by the PyPI package holidays 0.109"]),
    ("northern-ireland", "Northern Ireland", northern_ireland,
     [ACT, GOV_UK, "Battle of the Boyne: Royal Proclamation made each year for Northern Ireland"]),
]


# The last year whose bank holidays GOV.UK has announced. GOV.UK lists dates about two years ahead
# (as of November 2026 it lists 2026 and 2027; assumed, as the list changes when it is extended).
# Later years are generated by rule and marked `projected: true`.
ANNOUNCED_TO_YEAR = 2027


def yaml_text(region, name, rule, sources):
    lines = [
        f"# Bank holidays: {name}, {FIRST_YEAR} to {LAST_YEAR}.",
        "# Generated by scripts/make_calendars.py from the statutory rules and proclamations below;",
        "# checked against the PyPI package `holidays` by the Swift test suite. Edit the script, not this file.",
        "# Only days off that fall on weekdays are listed: a holiday that falls at a weekend is replaced",
        "# by its substitute day.",
        "redress-calendar: 1",
        f"region: {region}",
        f"name: {name}",
        f"covers: {{ from: {FIRST_YEAR}-01-01, to: {LAST_YEAR}-12-31 }}",
        f"# Years after {ANNOUNCED_TO_YEAR} are projected by rule: not yet announced (assumed: GOV.UK lists about two years ahead).",
        f"announced_to: {ANNOUNCED_TO_YEAR}-12-31",
        "sources:",
    ]
    lines += [f'  - "{s}"' for s in sources]
    lines.append("holidays:")
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for date, day_name in sorted(rule(year).items()):
            assert date.weekday() < 5, (region, date)
            projected = ", projected: true" if year > ANNOUNCED_TO_YEAR else ""
            lines.append(f'  - {{ date: {date.isoformat()}, name: "{day_name}"{projected} }}')
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for region, name, rule, sources in REGIONS:
        (OUT / f"{region}.yaml").write_text(yaml_text(region, name, rule, sources))
        print(f"wrote {OUT / (region + '.yaml')}")
